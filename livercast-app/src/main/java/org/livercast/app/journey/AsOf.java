package org.livercast.app.journey;

import java.time.LocalDate;
import org.livercast.core.model.PatientRecord;

/**
 * The date a stored patient is screened and analysed as of: the last date the export knows anything about them (their
 * own data cut-off). Stored dates are days from surgery, each patient on their own shifted calendar, so there is no
 * common "today"; a centre's export already stops at its data cut-off.
 */
public final class AsOf {
    private AsOf() {}

    public static LocalDate dataCutoff(PatientRecord r) { return r.lastKnownDate().orElse(null); }
}
