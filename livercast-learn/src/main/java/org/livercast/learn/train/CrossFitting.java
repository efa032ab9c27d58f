package org.livercast.learn.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Five-fold cross-fitting of an ensemble's members: member k stops early on fold k mod 5 of the training patients and fits
 * on the other four, so five members together have trained on every patient and every patient has a prediction from a
 * member that never saw it (its out-of-fold prediction; nnU-Net's five-fold ensembles are built the same way).
 * <p>
 * Why: with one shared 20% validation split every member stopped on the same few hundred patients, so their stopping
 * errors did not average out, and the Platt calibration had only those patients; on 900-patient cohorts the held-out
 * calibration slope ranged 0.45–2.26 (BENCHMARKS.md). A single network (one member) keeps the 80/20 split: fold 0.
 */
final class CrossFitting {
    /** Folds of a cohort with ten or more training patients; fewer patients get fewer folds of two. */
    static final int FOLDS = 5;

    private final int patients;
    private final int folds;

    /** @param patients the training patients, already shuffled; fold f is the f-th contiguous share of them */
    CrossFitting(int patients) {
        if (patients < 4) {
            throw new IllegalArgumentException(patients + " training patients: early stopping needs a validation fold of at least 2 and a fit set"
                    + " of at least 2, so at least 4 patients outside the held-out centre");
        }
        this.patients = patients;
        this.folds = Math.min(FOLDS, patients / 2);
    }

    /** How many folds (five, or as many as give every fold two patients). */
    int folds() { return folds; }

    /** The fold member k validates on. */
    int foldOf(int member) { return member % folds; }

    /** Index of fold f's first patient (f = folds() gives the end). */
    int start(int fold) { return (int) ((long) fold * patients / folds); }

    /** Fold f's patients: the member's validation set. */
    <T> List<T> validation(List<T> all, int fold) {
        check(all);
        return all.subList(start(fold), start(fold + 1));
    }

    /** Every patient outside fold f: the member's fit set. */
    <T> List<T> fit(List<T> all, int fold) {
        check(all);
        List<T> out = new ArrayList<>(all.subList(0, start(fold)));
        out.addAll(all.subList(start(fold + 1), patients));
        return out;
    }

    private void check(List<?> all) {
        if (all.size() != patients) throw new IllegalArgumentException("split made for " + patients + " patients, given " + all.size());
    }

    /**
     * How much averaging the members narrows their logits: var(ensemble mean) / mean over members of var(member), over the
     * same patients (1 for one member or members that agree). The Platt calibration is fitted on one member's out-of-fold
     * logit but applied to the ensemble's mean, which carries less of the members' own noise; regressing on a noisier
     * score flattens its slope by exactly this ratio (regression dilution), so the out-of-fold logits are narrowed by it
     * before the fit (exact for up to five members; beyond five a patient's out-of-fold logit is itself a mean of two and
     * narrower already, so this over-narrows slightly). Without it the held-out slopes sat ~5–10% above the oracle's.
     *
     * @param logits logits[k][i]: member k's logit for patient i
     */
    static double ensembleNarrowing(double[][] logits) {
        int members = logits.length;
        if (members < 2) return 1;
        int n = logits[0].length;
        double[] mean = new double[n];
        for (double[] member : logits) for (int i = 0; i < n; i++) mean[i] += member[i] / members;
        double memberVariance = 0;
        for (double[] member : logits) memberVariance += variance(member) / members;
        return memberVariance > 0 ? Math.min(1, variance(mean) / memberVariance) : 1;
    }

    private static double variance(double[] x) {
        double m = 0;
        for (double v : x) m += v / x.length;
        double ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return ss / (x.length - 1);
    }

    /**
     * Out-of-fold predictions: each patient's mean over the members that validated on it (NaN for a patient no member
     * validated on, as with fewer members than folds).
     *
     * @param logits logits[k][i]: member k's prediction for patient i (every training patient, in split order)
     */
    double[] outOfFold(double[][] logits) {
        double[] sum = new double[patients];
        int[] count = new int[patients];
        for (int k = 0; k < logits.length; k++) {
            if (logits[k].length != patients) {
                throw new IllegalArgumentException("member " + k + " scored " + logits[k].length + " patients, the split has " + patients);
            }
            int fold = foldOf(k);
            for (int i = start(fold); i < start(fold + 1); i++) {
                sum[i] += logits[k][i];
                count[i]++;
            }
        }
        double[] out = new double[patients];
        for (int i = 0; i < patients; i++) out[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        return out;
    }
}
