package org.livercast.learn.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.learn.features.TaceEffectModifiers;
import org.livercast.learn.features.TrialEffectPriors;
import org.livercast.learn.model.TherapyModel;
import org.livercast.stats.math.Correlation;

/**
 * What the therapy report says about the learned treatment effects on the held-out centre: the hazard ratios per
 * strategy and TACE subgroup, and — with a synthetic cohort's truth — how the predicted gains and individual hazard
 * ratios compare with the truth's.
 */
final class TherapyEffects {
    private TherapyEffects() {}

    /**
     * How well the individual effects are learned, per strategy against surgery alone: the mean predicted and the mean
     * true gain in 3-year RFS over the held-out patients (bias), and the correlation of predicted with true individual
     * gains (whether the model tells who benefits). A synthetic cohort's truth only.
     */
    static Map<String, Object> vsTruth(List<TherapyModel.Recommendation> recs, List<TherapyRun.Row> test, TruthTable truth) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = test.size();
        for (AdjuvantStrategy s : AdjuvantStrategy.values()) {
            if (s == AdjuvantStrategy.SURGERY_ALONE || n < 3) continue;
            double[] predicted = new double[n];
            double[] actual = new double[n];
            for (int i = 0; i < n; i++) {
                Map<AdjuvantStrategy, Double> byStrategy = new EnumMap<>(AdjuvantStrategy.class);
                for (TherapyModel.StrategyEstimate e : recs.get(i).estimates()) byStrategy.put(e.strategy(), e.rfs3y());
                predicted[i] = byStrategy.get(s) - byStrategy.get(AdjuvantStrategy.SURGERY_ALONE);
                String id = test.get(i).c().patient().id();
                actual[i] = truth.rfs3y(id, s) - truth.rfs3y(id, AdjuvantStrategy.SURGERY_ALONE);
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("mean_predicted_gain", Arrays.stream(predicted).average().orElse(0));
            one.put("mean_true_gain", Arrays.stream(actual).average().orElse(0));
            double rho = Correlation.pearson(predicted, actual);
            one.put("correlation", Double.isNaN(rho) ? null : rho);  // null when either side does not vary
            out.put(s.id(), one);
        }
        return out;
    }

    /**
     * The model's hazard ratios of RFS against surgery alone, per strategy and, for TACE, per subgroup of
     * {@link TaceEffectModifiers} (the reference: no MVI, one tumour &lt; 5 cm), as the held-out centre's patients show
     * them: the members' mean and their range, and how many patients are in the subgroup. What a statistician compares
     * with the trials' hazard ratios.
     */
    static Map<String, Object> hazardRatios(List<double[][]> logHr, List<TherapyRun.Row> test) {
        Map<String, List<double[][]>> byGroup = new LinkedHashMap<>();
        byGroup.put("reference", new ArrayList<>());
        for (String name : TaceEffectModifiers.NAMES) byGroup.put(name, new ArrayList<>());
        List<String> keys = new ArrayList<>(byGroup.keySet());
        for (int i = 0; i < test.size(); i++) byGroup.get(keys.get(TaceEffectModifiers.group(test.get(i).in()))).add(logHr.get(i));
        Map<String, Object> out = new LinkedHashMap<>();
        for (AdjuvantStrategy s : AdjuvantStrategy.values()) {
            if (s == AdjuvantStrategy.SURGERY_ALONE) continue;
            Map<String, Object> groups = new LinkedHashMap<>();
            for (var g : byGroup.entrySet()) {
                if (g.getValue().isEmpty()) continue;
                int members = g.getValue().get(0).length;
                double[] memberMean = new double[members];
                for (double[][] patient : g.getValue()) for (int m = 0; m < members; m++) memberMean[m] += patient[m][s.ordinal()] / g.getValue().size();
                double mean = Arrays.stream(memberMean).average().orElse(0);
                groups.put(g.getKey(), Map.of("hazard_ratio", Math.exp(mean), "members_min", Math.exp(Arrays.stream(memberMean).min().orElse(0)),
                        "members_max", Math.exp(Arrays.stream(memberMean).max().orElse(0)), "n_heldout", g.getValue().size()));
            }
            out.put(s.id(), groups);
        }
        return out;
    }

    /**
     * Whether the individual effects are right, per strategy on the log hazard-ratio scale: the slope of the true log
     * ratio of 3-year cumulative hazards (strategy against surgery alone, from the truth's counterfactual RFS) on the
     * ensemble's mean log HR over the held-out patients — the factor an oracle would shrink the individual deviations by
     * (1: they are right as predicted; 0: they carry no individual information; null where the model predicts the same
     * effect for everyone) — beside the SD of the predicted and of the true log HRs. A synthetic cohort's truth only.
     */
    static Map<String, Object> calibration(List<double[][]> logHr, List<TherapyRun.Row> test, TruthTable truth) {
        int n = test.size();
        int k = AdjuvantStrategy.values().length;
        double[][] predicted = new double[k][n];
        double[][] actual = new double[k][n];
        for (int i = 0; i < n; i++) {
            double[][] members = logHr.get(i);
            String id = test.get(i).c().patient().id();
            double base = -Math.log(truth.rfs3y(id, AdjuvantStrategy.SURGERY_ALONE));
            for (int s = 0; s < k; s++) {
                for (double[] m : members) predicted[s][i] += m[s] / members.length;
                actual[s][i] = Math.log(-Math.log(truth.rfs3y(id, AdjuvantStrategy.values()[s])) / base);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (AdjuvantStrategy s : AdjuvantStrategy.values()) {
            if (s == AdjuvantStrategy.SURGERY_ALONE || n < 3) continue;
            // Patients whose true RFS is 0 or 1 under either strategy have no finite true ratio.
            int[] finite = java.util.stream.IntStream.range(0, n).filter(i -> Double.isFinite(actual[s.ordinal()][i])).toArray();
            double[] x = Arrays.stream(finite).mapToDouble(i -> predicted[s.ordinal()][i]).toArray();
            double[] y = Arrays.stream(finite).mapToDouble(i -> actual[s.ordinal()][i]).toArray();
            double sdX = sd(x);
            double sdY = sd(y);
            Map<String, Object> one = new LinkedHashMap<>();
            double rho = Correlation.pearson(x, y);
            // Float rounding leaves a constant effect with an SD of ~1e-8; below 1e-6 the model says "the same for everyone".
            one.put("oracle_shrinkage_factor", Double.isNaN(rho) || sdX < 1e-6 ? null : rho * sdY / sdX);
            one.put("predicted_log_hr_sd", sdX);
            one.put("true_log_hr_sd", sdY);
            out.put(s.id(), one);
        }
        return out;
    }

    private static double sd(double[] a) {
        double m = Arrays.stream(a).average().orElse(0);
        double ss = 0;
        for (double v : a) ss += (v - m) * (v - m);
        return a.length < 2 ? 0 : Math.sqrt(ss / (a.length - 1));
    }

    /**
     * The priors the components were fitted under, as the report lists them — hazard ratio, 95% interval, source — and
     * what the fit made of each, averaged over the members: the fitted hazard ratio, the prior's weight in it and what
     * the data alone would have estimated ({@link PriorInfluence}; geometric means of the members' hazard ratios). Under
     * a robust prior also the probability, before and after the data, that the trials' effect transfers, and the fit
     * under the trials' side alone ({@code trials_mode_hazard_ratio}); {@code fitted_hazard_ratio} is then the posterior
     * mean the model uses. A
     * subgroup's component is its contrast with the reference, as its prior is. {@code prior_data_conflict_z}: how far
     * the data-alone estimate lies from the prior in units of their combined SD (|z| &gt; 1.96: the data disagree with
     * the trials more than chance would make them).
     */
    static Map<String, Object> priors(List<TrialEffectPriors.Prior> priors, List<float[]> memberEffects, List<double[]> memberPrecision,
                                      List<float[]> memberPosteriorMeans) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < priors.size(); k++) {
            TrialEffectPriors.Prior p = priors.get(k);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("hazard_ratio", p.hazardRatio());
            one.put("hazard_ratio_95", List.of(Math.exp(p.meanLogHr() - 1.959964 * p.sdLogHr()), Math.exp(p.meanLogHr() + 1.959964 * p.sdLogHr())));
            one.put("source", p.source());
            if (!memberEffects.isEmpty()) {
                double fitted = 0;
                double weight = 0;
                double alone = 0;
                double conflict = 0;
                double mode = 0;
                double transfer = 0;
                int m = memberEffects.size();
                for (int j = 0; j < m; j++) {
                    double beta = memberEffects.get(j)[k];
                    double precision = memberPrecision.get(j)[k];
                    mode += beta / m;
                    fitted += (memberPosteriorMeans.isEmpty() ? beta : memberPosteriorMeans.get(j)[k]) / m;
                    double aloneJ = PriorInfluence.dataAlone(beta, precision, p.meanLogHr(), p.sdLogHr());
                    transfer += p.posteriorTransferProbability(aloneJ, precision) / m;
                    weight += PriorInfluence.priorWeight(precision, p.sdLogHr()) / m;
                    alone += aloneJ / m;
                    conflict += PriorInfluence.conflictZ(beta, precision, p.meanLogHr(), p.sdLogHr()) / m;
                }
                one.put("fitted_hazard_ratio", Math.exp(fitted));
                if (p.robust()) {
                    one.put("transfer_probability", p.transferProbability());
                    one.put("posterior_transfer_probability", transfer);
                    one.put("trials_mode_hazard_ratio", Math.exp(mode));
                }
                one.put("prior_weight", weight);
                one.put("data_alone_hazard_ratio", Double.isNaN(alone) ? null : Math.exp(alone));
                one.put("prior_data_conflict_z", Double.isNaN(conflict) ? null : conflict);
            }
            out.put(p.component(), one);
        }
        return out;
    }
}
