package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.livercast.core.io.Folders;
import org.livercast.learn.features.TrialEffectPriors;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.train.FitConfig;
import org.livercast.learn.train.TherapyRun;
import org.livercast.learn.train.TrainingRun;
import org.livercast.learn.train.Weighting;
import org.livercast.synth.CohortGenerator;
import org.livercast.synth.TreatmentTruth;

/**
 * The therapy model's policy on the held-out centre, per cohort seed and weighting: share of the oracle policy's 3-year
 * RFS gain over observed practice that the recommendations recover, beside the fixed policies, and how well the
 * individual TACE effects follow the truth's ({@code tace_fit}: the report's oracle shrinkage factor).
 * Usage: TherapyPolicyBenchmark PATIENTS SEED...   ({@code -Dweights=ipw} runs one weighting only; {@code -Dcentres=12}
 * generates that many centres, default 3 — P4's own design is 10,000 patients from 10–15 centres; {@code -Dprior=robust[:P]|sceptical|none}
 * fits the effects under that prior instead of the trials' own; {@code -DtrainingSeeds=1,2,3,4} trains once per seed, default 1;
 * {@code -DtreatmentEffects=none} generates cohorts in which no strategy changes recurrence, where {@code lost_pts}, the
 * points of true 3-year RFS lost against the oracle, is the measure: the gain is then a fraction of almost nothing)
 */
public final class TherapyPolicyBenchmark {
    private TherapyPolicyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int patients = Integer.parseInt(args[0]);
        int centres = Integer.getInteger("centres", 3);
        // -Dprior=trials (default) | robust[:P] | sceptical | none: the effects' prior (TrialEffectPriors).
        var priors = TrialEffectPriors.named(System.getProperty("prior", "trials"));
        long[] trainingSeeds = Arrays.stream(System.getProperty("trainingSeeds", "1").split(",")).mapToLong(Long::parseLong).toArray();
        TreatmentTruth truth = TreatmentTruth.parse(System.getProperty("treatmentEffects", "trials"));
        System.out.printf("%-6s %-5s %-8s %8s %8s %8s %8s %8s %8s %10s %10s %10s %10s %10s %7s %10s  %s%n", "seed", "train", "weights", "gain", "lost_pts", "tace_fit", "V_rec",
                "V_obs", "V_best", "all_none", "all_tace", "all_sys", "all_tace+s", "seconds", "sys_hr", "p_transfer", "recommended");
        for (int i = 1; i < args.length; i++) {
            long seed = Long.parseLong(args[i]);
            Path dir = Folders.deleteTreeOnExit(Files.createTempDirectory("therapy-" + seed));
            CohortGenerator.generate(new CohortGenerator.Options(patients, centres, seed, dir, LocalDate.of(2026, 6, 30), false, false,
                    Runtime.getRuntime().availableProcessors()).withTreatmentTruth(truth), l -> { });
            for (Weighting w : Weighting.values()) for (long trainingSeed : trainingSeeds) {
                if (System.getProperty("weights") != null && !System.getProperty("weights").equalsIgnoreCase(w.name())) continue;
                var r = TherapyRun.run(new TrainingRun.Options(ModelKind.THERAPY, dir, dir.resolve("run-" + w + "-" + trainingSeed), null,
                        FitConfig.defaults(trainingSeed), LocalDate.of(2026, 6, 30)), w, priors, l -> { });
                r.model().close();
                Map<String, Object> m = r.report();
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> calibration = (Map<String, Map<String, Object>>) m.get("effect_calibration");
                // The oracle's shrinkage factor of the individual TACE effects: 1 = right as predicted, 0 = no information.
                Object taceFit = calibration.get("tace").get("oracle_shrinkage_factor");
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Double>> fixed = (Map<String, Map<String, Double>>) m.get("everyone_same_strategy");
                // Systemic therapy's fitted hazard ratio and, under a robust prior, the posterior probability that the trials' effect transfers.
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> systemic = (Map<String, Map<String, Object>>) ((Map<String, Object>) m.get("hazard_ratios")).get("systemic");
                @SuppressWarnings("unchecked")
                Map<String, Object> systemicPrior = (Map<String, Object>) ((Map<String, Object>) m.get("effect_priors")).get("systemic");
                double lostPoints = 100 * ((double) m.get("value_oracle_rfs3y") - (double) m.get("value_recommended_rfs3y"));
                System.out.printf(Locale.ROOT, "%-6d %-5d %-8s %8.3f %8.2f %8.3f %8.3f %8.3f %8.3f %10.3f %10.3f %10.3f %10.3f %10.1f %7.3f %10s  %s%n", seed, trainingSeed,
                        w.name().toLowerCase(Locale.ROOT), m.get("policy_gain_fraction"), lostPoints, taceFit == null ? Double.NaN : (double) taceFit, m.get("value_recommended_rfs3y"), m.get("value_observed_rfs3y"), m.get("value_oracle_rfs3y"),
                        fixed.get("surgery_alone").get("policy_gain_fraction"), fixed.get("tace").get("policy_gain_fraction"),
                        fixed.get("systemic").get("policy_gain_fraction"), fixed.get("tace_systemic").get("policy_gain_fraction"), m.get("seconds"), (double) systemic.get("reference").get("hazard_ratio"),
                        systemicPrior == null || systemicPrior.get("posterior_transfer_probability") == null ? "-"
                                : String.format(Locale.ROOT, "%.2f", (double) systemicPrior.get("posterior_transfer_probability")),
                        m.get("recommended_counts"));
            }
        }
    }
}
