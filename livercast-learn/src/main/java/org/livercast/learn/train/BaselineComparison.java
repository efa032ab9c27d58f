package org.livercast.learn.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.nn.Modality;
import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.binary.Roc;
import org.livercast.stats.survival.ConcordanceDifference;
import org.livercast.stats.survival.SurvivalData;

/**
 * The baselines of a PRE or POST run measured on the held-out centre beside the model: a logistic and a Cox regression
 * ({@link Baselines}) on each feature group, the slide-only network ({@link SlideOnlyNetwork}), and the regression on
 * whatever inputs a patient still has ({@link MissingModalities}) — each with the same metrics as the model, and the
 * model's lead over it tested on the same patients ({@link #versusModel}).
 */
final class BaselineComparison {
    private BaselineComparison() {}

    /** The regressions' name for the scan's radiomic features. */
    static final String MRI_RADIOMICS = "mri_radiomics";

    /** The regressions' name for the slide's mean-pooled tile embedding ({@link org.livercast.learn.slide.SlideMeanTiles}). */
    static final String SLIDE_MEAN_TILES = "slide_mean_tiles";

    static final int PAIRED_BOOTSTRAP_REPLICATES = 500;

    /**
     * The feature group each modality brings to the regressions: a scan brings its radiomic features when the model reads
     * them (a CNN's scan brings none), a slide its mean-pooled tiles.
     */
    private static final Map<String, String> GROUP_OF_MODALITY = Map.of("clinical", "clinical", "radiology", "radiology_report", "pathology", "pathology",
            "mri", MRI_RADIOMICS, "slide", SLIDE_MEAN_TILES);

    /** Each feature group's regressions, compared with the model on the same held-out patients. */
    static Map<String, Object> regressions(List<EncodedCase> train, List<EncodedCase> heldOut, HeldOut model) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String group : train.get(0).groups().keySet()) {
            Measured fit = regression(train, heldOut, r -> r.groups().get(group));
            fit.metrics().putAll(versusModel(model, fit.logit(), fit.coxRisk()));
            out.put(group, fit.metrics());
        }
        return out;
    }

    /** The regression on the tabular features of the modalities named: what a model of those inputs alone should reach. */
    static Map<String, Object> regressionOn(List<EncodedCase> train, List<EncodedCase> heldOut, List<String> modalities) {
        List<String> groups = modalities.stream().filter(GROUP_OF_MODALITY::containsKey).map(GROUP_OF_MODALITY::get)
                .filter(train.get(0).groups()::containsKey).toList();
        if (groups.isEmpty()) return null;
        Map<String, Object> m = regression(train, heldOut, r -> concat(groups.stream().map(g -> r.groups().get(g)).toList())).metrics();
        m.put("feature_groups", groups);
        return m;
    }

    /** The slide-only network measured like the regressions and compared with the model; empty with too few training slides. */
    static Optional<Map<String, Object>> slideOnlyNetwork(InputEncoder encoder, List<Example> train, FitConfig fit, List<EncodedCase> heldOut, HeldOut model) {
        List<EncodedCase> hcc = heldOut.stream().filter(r -> r.c().hcc()).toList();
        int slide = encoder.modalities().stream().map(Modality::name).toList().indexOf("slide");
        return SlideOnlyNetwork.trainAndScore(encoder.modalities(), slide, train, fit, hcc.stream().map(EncodedCase::example).toList()).map(s -> {
            Measured b = measured(hcc, s.logit(), s.rfsRisk(), s.osRisk());
            b.metrics().putAll(versusModel(model, b.logit(), b.coxRisk()));
            return b.metrics();
        });
    }

    /**
     * Whether the model's lead over (or lag behind) a baseline on this centre is more than chance: the AUC difference
     * with the paired DeLong test, the RFS C-index difference with a paired bootstrap 95% interval (500 replicates,
     * seed 1). On ~300 held-out patients a difference of 0.01 is well inside the noise, and "beats" alone cannot say so.
     */
    private static Map<String, Object> versusModel(HeldOut model, double[] baselineLogit, double[] baselineCoxRisk) {
        Map<String, Object> m = new LinkedHashMap<>();
        int cases = 0;
        for (boolean y : model.outcome()) if (y) cases++;
        boolean anyEvent = false;
        for (boolean e : model.rfsEvent()) anyEvent |= e;
        if (cases == 0 || cases == model.outcome().length || !anyEvent) return m;     // a centre too small to compare on
        var paired = Roc.of(new BinaryData(model.outcome(), model.probability())).deLongTest(Roc.of(new BinaryData(model.outcome(), baselineLogit)));
        m.put("model_minus_baseline_auc", paired.auc1() - paired.auc2());
        m.put("model_minus_baseline_auc_p", paired.p());
        var c = ConcordanceDifference.bootstrap(new SurvivalData(model.rfsDays(), model.rfsEvent()),
                model.risk(), baselineCoxRisk, PAIRED_BOOTSTRAP_REPLICATES, 1, 0.95);
        m.put("model_minus_baseline_c_index", c.difference());
        m.put("model_minus_baseline_c_index_ci95", List.of(c.lower(), c.upper()));
        return m;
    }

    /** A logistic and a Cox regression (RFS, and OS) on one set of features, fitted on the training rows, measured on the held-out HCC patients. */
    private static Measured regression(List<EncodedCase> train, List<EncodedCase> heldOut, Function<EncodedCase, float[]> features) {
        List<EncodedCase> hcc = heldOut.stream().filter(r -> r.c().hcc()).toList();
        float[][] x = train.stream().map(features).toArray(float[][]::new);
        Boolean[] agg = train.stream().map(r -> r.c().aggressive()).toArray(Boolean[]::new);
        double[] days = train.stream().mapToDouble(r -> r.c().rfsDays()).toArray();
        boolean[] ev = new boolean[train.size()];
        for (int i = 0; i < ev.length; i++) ev[i] = train.get(i).c().rfsEvent();
        float[][] testX = hcc.stream().map(features).toArray(float[][]::new);
        Baselines.Scores s = Baselines.fitAndScore(x, agg, days, ev, testX);
        boolean[] died = new boolean[train.size()];
        for (int i = 0; i < died.length; i++) died[i] = train.get(i).c().osEvent();
        Baselines.Scores os = Baselines.fitAndScore(x, agg, train.stream().mapToDouble(r -> r.c().osDays()).toArray(), died, testX);
        return measured(hcc, s.logit(), s.coxRisk(), os.coxRisk());
    }

    /**
     * A baseline's metrics on the held-out HCC patients from its scores for each of them (aggressive-recurrence logit,
     * RFS and OS risk): AUC, calibration and the C-indices.
     */
    private static Measured measured(List<EncodedCase> hcc, double[] logit, double[] rfsRisk, double[] osRisk) {
        List<Integer> evaluable = new ArrayList<>();
        for (int i = 0; i < hcc.size(); i++) if (hcc.get(i).c().aggressive() != null) evaluable.add(i);
        boolean[] y = new boolean[evaluable.size()];
        double[] marker = new double[evaluable.size()];
        for (int k = 0; k < y.length; k++) {
            y[k] = hcc.get(evaluable.get(k)).c().aggressive();
            marker[k] = logit[evaluable.get(k)];
        }
        boolean[] hev = new boolean[hcc.size()];
        for (int i = 0; i < hev.length; i++) hev[i] = hcc.get(i).c().rfsEvent();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc", Evaluation.binary(y, marker).auc());
        // The baseline's own calibration on the held-out centre: when it, too, is off, the shift is in the data
        // (case mix, treatment habits) rather than in how the network was fitted.
        m.put("calibration_slope", Evaluation.calibrationSlope(y, marker));
        m.put("calibration_in_the_large", Evaluation.calibrationInTheLarge(y, marker));
        m.put("c_index", Evaluation.harrell(hcc.stream().mapToDouble(r -> r.c().rfsDays()).toArray(), hev, rfsRisk));
        boolean[] hDied = new boolean[hcc.size()];
        for (int i = 0; i < hDied.length; i++) hDied[i] = hcc.get(i).c().osEvent();
        m.put("os_c_index", Evaluation.harrell(hcc.stream().mapToDouble(r -> r.c().osDays()).toArray(), hDied, osRisk));
        return new Measured(m, marker, rfsRisk);
    }

    /**
     * A baseline's held-out metrics and its scores, in HeldOut's patient order (the evaluable HCC patients' logits, every
     * HCC patient's Cox risk), for a paired comparison with the model.
     */
    private record Measured(Map<String, Object> metrics, double[] logit, double[] coxRisk) {}

    /** The feature groups side by side, as one regression's design row. */
    static float[] concat(Collection<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
