package org.livercast.study.access;

import java.util.Locale;

/** Who a user is in a study, and so what they may see and do. */
public enum Role {
    /** A clinician of one centre: that centre's patients, enrolment, locking predictions. */
    SITE_INVESTIGATOR,
    /** Enters and cleans one centre's data: that centre's patients, enrolment, follow-up, adverse events. */
    DATA_MANAGER,
    /** The analyses: de-identified, aggregate study data only, never a patient's page. */
    STATISTICIAN,
    /** Runs the installation: every centre, users. */
    ADMINISTRATOR;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Role of(String id) { return valueOf(id.toUpperCase(Locale.ROOT)); }
}
