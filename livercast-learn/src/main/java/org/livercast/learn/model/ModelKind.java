package org.livercast.learn.model;

import java.util.Locale;

/**
 * The models LiverCast trains: PRE (before surgery), POST (after pathology), and THERAPY (POST inputs plus an adjuvant
 * strategy, to compare the four strategies for one patient).
 */
public enum ModelKind {
    PRE, POST, THERAPY,
    /** P5: benign vs malignant, and intrahepatic cholangiocarcinoma vs HCC, from pre-operative inputs. */
    DIAGNOSIS;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static ModelKind parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown model '" + s + "': expected pre, post, therapy or diagnosis");
        }
    }
}
