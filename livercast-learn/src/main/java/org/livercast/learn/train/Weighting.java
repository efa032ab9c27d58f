package org.livercast.learn.train;

/**
 * How the therapy model treats confounding by indication. {@link #NONE}: outcome regression only — the network
 * conditions on every covariate the teams chose by (and on the centre's habits through them), which removes confounding
 * when nothing unrecorded drove the choice. {@link #IPW}: stabilised inverse-probability-of-treatment weights, truncated
 * at the 1st/99th percentiles. {@link #OVERLAP}: generalised overlap weights (bounded, favour patients in equipoise).
 * The default, IPW, is chosen by measurement (BENCHMARKS.md): over three synthetic cohorts it recovered the largest
 * mean share of the oracle's policy gain (0.68, against 0.67 without weights and 0.57 with overlap weights); the
 * differences are within the cohort-to-cohort spread.
 */
public enum Weighting {
    NONE, IPW, OVERLAP;

    public static Weighting parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown weighting '" + s + "': expected none, ipw or overlap");
        }
    }
}
