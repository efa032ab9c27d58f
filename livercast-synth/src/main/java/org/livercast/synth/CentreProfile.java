package org.livercast.synth;

import java.util.SplittableRandom;

/**
 * How a centre differs from the others — case mix, treatment habits, scanner, stain and reporting style — so that a
 * model validated on a held-out centre meets real shift.
 *
 * @param aggressivenessShift  case-mix shift of the latent aggressiveness (referral centres see worse tumours)
 * @param taceBias             log-odds added to choosing adjuvant TACE
 * @param systemicBias         log-odds added to choosing adjuvant systemic therapy
 * @param noiseSd              MR noise (arbitrary units, on a ~1000 signal)
 * @param intensityScale       scanner/protocol intensity scaling
 * @param sliceThicknessMm     MR slice thickness
 * @param pixelSpacingMm       MR in-plane spacing
 * @param hepatobiliary        whether the centre uses gadoxetate and acquires a hepatobiliary phase
 * @param stainShift           H&E colour shift (red, green, blue) added to the slide palette
 * @param chineseReports       whether reports are written in Chinese
 * @param artefactRate         share of slides with a QC artefact
 * @param mriExport            how its scanners export an MR exam (centres take the three in turn)
 */
public record CentreProfile(String id, String name, double aggressivenessShift, double taceBias, double systemicBias,
                            double noiseSd, double intensityScale, double sliceThicknessMm, double pixelSpacingMm,
                            boolean hepatobiliary, int[] stainShift, boolean chineseReports, double artefactRate, MriExport mriExport) {
    /** How a centre's scanners write an exam's phases, as the three vendors' defaults differ. */
    public enum MriExport {
        /** A series a phase, a file a slice. */
        SERIES_A_PHASE,
        /** The pre-contrast and dynamic phases as one Enhanced MR file, a temporal position each (as Philips exports). */
        ENHANCED_DYNAMIC,
        /** The pre-contrast and dynamic phases as one classic series, told apart by Temporal Position Identifier (as GE writes LAVA). */
        MULTIPHASE_SERIES
    }

    /** Centre k of a cohort, drawn deterministically from the cohort seed. */
    public static CentreProfile of(int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 31 + k);
        String id = String.format("C%02d", k + 1);
        return new CentreProfile(id, "Centre " + (k + 1) + " Hospital", r.nextDouble(-0.3, 0.3), r.nextDouble(-0.8, 0.8),
                r.nextDouble(-0.8, 0.8), 15 + r.nextDouble() * 35, 0.7 + r.nextDouble() * 0.6, k % 2 == 0 ? 3.0 : 5.0,
                1.2 + 0.3 * (k % 3), k % 2 == 0, new int[] {r.nextInt(-15, 16), r.nextInt(-15, 16), r.nextInt(-15, 16)},
                k % 2 == 0, 0.10 + 0.10 * r.nextDouble(), MriExport.values()[k % 3]);
    }
}
