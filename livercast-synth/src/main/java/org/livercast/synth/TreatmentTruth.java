package org.livercast.synth;

import java.util.Locale;

/**
 * Which adjuvant effects the synthetic truth has. {@link #TRIALS}: the effects the trials report (Hazards: TACE by MVI
 * and size, systemic by immune infiltration) — the default. {@link #NONE}: no adjuvant strategy changes recurrence,
 * while the fatal toxicity stays — a population to which the trials do not transfer, for measuring what a method that
 * leans on the trials (the therapy model's priors) costs when they are wrong.
 */
public enum TreatmentTruth {
    TRIALS, NONE;

    public static TreatmentTruth parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("treatment effects: trials or none, not " + s);
        }
    }

    public String id() { return name().toLowerCase(Locale.ROOT); }
}
