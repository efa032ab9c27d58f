package org.livercast.learn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.livercast.core.model.Diagnosis;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.model.DiagnosisModel;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.model.TrainedModel;
import org.livercast.learn.nn.DiscreteTime;
import org.livercast.learn.nn.RiskNet;
import org.livercast.learn.nn.Torch;
import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.binary.ConfusionMetrics;

/**
 * {@code livercast train --model diagnosis} (P5): networks with two outputs — malignant vs benign, and ICC vs HCC
 * among malignant lesions — from pre-operative inputs (an ensemble cross-fitted over five folds as PRE's, outputs averaged), trained on the patients whose histology is known (the reference
 * standard), measured on the held-out centre against the radiologist's LI-RADS category and a logistic regression on
 * the report's findings.
 */
public final class DiagnosisRun {
    private DiagnosisRun() {}

    public record Result(DiagnosisModel model, Map<String, Object> report) {}

    record Row(PatientCase c, Diagnosis truth, PreOperativeInputs in, InputEncoder.Encoded encoded) {
        boolean malignant() { return truth != Diagnosis.BENIGN; }

        /** ICC vs HCC is only defined for those two diagnoses. */
        Boolean icc() { return truth == Diagnosis.ICC ? Boolean.TRUE : truth == Diagnosis.HCC ? Boolean.FALSE : null; }
    }

    public static Result run(TrainingRun.Options o, Consumer<String> progress) throws IOException {
        long started = System.nanoTime();
        CohortExport.Cohort cohort = CohortExport.read(o.cohort(), o.defaultCutoff());
        List<String> centres = cohort.centres();
        String heldout = TrainingRun.heldoutCentre(o, cohort);
        List<PatientCase> train = new ArrayList<>();
        List<PatientCase> test = new ArrayList<>();
        for (PatientCase c : cohort.cases()) {
            if (c.record().pathology().diagnosis() == null) continue;
            (c.centre().equals(heldout) ? test : train).add(c);
        }
        Collections.shuffle(train, new Random(o.fit().seed()));
        CrossFitting split = new CrossFitting(train.size());
        int members = o.fit().members();
        List<PreOperativeInputs> trainInputs = new ArrayList<>();
        for (PatientCase c : train) trainInputs.add(PreOperativeInputs.of(c, o.images()));
        List<PreOperativeInputs> testInputs = new ArrayList<>();
        for (PatientCase c : test) testInputs.add(PreOperativeInputs.of(c, o.images()));
        // The encoder learns no label (standardisation, vocabulary), so it is fitted once on every training lesion, as PRE's.
        InputEncoder encoder = InputEncoder.fitDiagnosis(trainInputs, o.mriReading());
        List<Row> trainRows = rows(encoder, train, trainInputs);
        List<Row> testRows = rows(encoder, test, testInputs);
        List<Example> all = trainRows.stream()
                .map(r -> Example.ofLabels(r.c().id(), r.encoded().vectors(), r.encoded().present(), r.malignant(), r.icc())).toList();
        progress.accept(String.format(Locale.ROOT, "diagnosis model: %d training lesions in %d folds (centres %s; %s), %d held out (%s)", all.size(),
                split.folds(), centres.stream().filter(c -> !c.equals(heldout)).toList(),
                members == 1 ? "one network, validated on fold 1" : members + " networks, each validated on its own fold", testRows.size(), heldout));
        Torch.engine();
        // Cross-fitted like PRE and POST (CrossFitting): with ~125 benign lesions among ~1,900, one validation fifth held
        // ~25 of them to decide when the single network stopped; five members stop on five folds and are averaged.
        CrossFittedMembers ensemble = CrossFittedMembers.train("livercast-diagnosis",
                () -> new RiskNet(encoder.modalities(), o.fit().hidden(), DiscreteTime.INTERVALS, o.fit().dropout(), 2), encoder, split, all,
                o.fit(), progress);
        List<TrainedModel> alone = ensemble.alone();
        Fitter.History history = ensemble.history();
        // P(malignant) is calibrated as PRE's aggressive recurrence is: Platt on every training lesion's out-of-fold logit.
        AbsenceOffsets.Outputs outputs = AbsenceOffsets.score(alone, trainRows.stream().map(Row::encoded).toList());
        double narrowing = CrossFitting.ensembleNarrowing(outputs.logit());
        PlattScaling platt = PlattScaling.fit(trainRows.stream().map(Row::malignant).toArray(Boolean[]::new),
                split.outOfFold(outputs.logit()), narrowing);
        progress.accept(String.format(Locale.ROOT, "P(malignant) Platt on %d out-of-fold logits: intercept %.3f, slope %.3f",
                platt.patients(), platt.intercept(), platt.slope()));
        // No correction for a missing MRI report: estimated on the training lesions' out-of-fold logits as PRE's is, it
        // narrowed those lesions' logits (×0.6–0.7) and moved them by −1.5 log-odds, and on three held-out centres it made
        // the slope without the report worse (0.9–1.2 → 1.25–1.67) and the Brier score too (BENCHMARKS.md).
        DiagnosisModel diagnosis = new DiagnosisModel(ModelStore.identify(ensemble.nets(), encoder, platt.intercept(), platt.slope()));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("schemaVersion", 1);
        report.put("model", "diagnosis");
        report.put("model_id", diagnosis.trained().modelId());
        report.put("heldout_centre", heldout);
        report.put("n_training", all.size());
        report.put("members", members);
        report.put("folds", split.folds());
        report.put("calibration_intercept_platt", platt.intercept());
        report.put("calibration_slope_platt", platt.slope());
        report.put("ensemble_narrowing", narrowing);
        List<String> figures = new ArrayList<>();
        figures.add(TrainingReport.lossCurves(history.trainLoss(), history.validationLoss(), history.bestEpoch()));
        report.putAll(evaluate(diagnosis, testRows, trainRows, figures));
        report.put("missing_modalities", DiagnosisMissingInputs.measure(diagnosis, encoder, testRows, trainRows));
        report.put("training", Map.of("best_epoch", history.bestEpoch(), "validation_loss", history.validationLoss()));
        report.put("seconds", (System.nanoTime() - started) / 1e9);
        String dataHash = DataHash.of(cohort, heldout);
        report.put("training_data_sha256", dataHash);
        ModelStore.save(diagnosis.trained(), o.fit().dropout(), dataHash, Map.of("auc_malignant", report.get("auc_malignant"),
                "auc_icc_vs_hcc", report.get("auc_icc_vs_hcc")), o.out().resolve("model"));
        Files.createDirectories(o.out());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.out().resolve("report.json").toFile(), report);
        SummaryReport.write(o.out(), "Diagnosis model (P5) — held-out centre " + heldout, "Malignant vs benign and ICC vs HCC from "
                + "pre-operative data, against histology; AUCs with DeLong 95% intervals, beside the LI-RADS category and a logistic "
                + "regression on the MRI report's findings.", report, figures);
        return new Result(diagnosis, report);
    }

    static Map<String, Object> evaluate(DiagnosisModel m, List<Row> test, List<Row> train) { return evaluate(m, test, train, new ArrayList<>()); }

    /** The held-out metrics; ROC curves (network beside LI-RADS) and the calibration of P(malignant) go into {@code figures}. */
    static Map<String, Object> evaluate(DiagnosisModel m, List<Row> test, List<Row> train, List<String> figures) {
        Tasks t = Tasks.of(m, test);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("n_heldout", test.size());
        r.put("n_heldout_benign", test.size() - t.malignantAuc().events());
        r.put("n_heldout_icc", t.iccAuc().events());
        r.putAll(t.metrics());
        double[] lirads = new double[test.size()];
        double[] lrM = new double[t.iccRows().length];
        for (int i = 0; i < test.size(); i++) lirads[i] = liradsRank(test.get(i).in().radiology().liradsCategory());
        for (int k = 0; k < lrM.length; k++) lrM[k] = "LR-M".equals(test.get(t.iccRows()[k]).in().radiology().liradsCategory()) ? 1 : 0;
        Map<String, Object> baselines = new LinkedHashMap<>();
        baselines.put("lirads_category", Map.of("auc_malignant", Evaluation.binary(t.malignant(), lirads).auc(),
                "auc_icc_vs_hcc", Evaluation.binary(t.icc(), lrM).auc()));
        baselines.put("radiology_findings_logistic", logisticBaseline(train, test, r2 -> r2.encoded().vectors().get(1)));
        r.put("baselines", baselines);
        if (t.malignantAuc().events() > 0 && t.malignantAuc().events() < test.size()) {
            figures.add(org.livercast.stats.plot.RocPlot.render("Malignant vs benign, held-out centre", List.of(
                    new org.livercast.stats.plot.RocPlot.Marker("network", org.livercast.stats.binary.Roc.of(new BinaryData(t.malignant(), t.pMalignant()))),
                    new org.livercast.stats.plot.RocPlot.Marker("LI-RADS category", org.livercast.stats.binary.Roc.of(new BinaryData(t.malignant(), lirads))))));
            var cal = Evaluation.calibration(t.malignant(), t.pMalignant());
            figures.add(org.livercast.stats.plot.CalibrationPlot.render("Calibration of P(malignant)", cal.groups().stream()
                    .map(g -> new org.livercast.stats.plot.CalibrationPlot.Point(g.meanPredicted(), g.observed(), Double.NaN, Double.NaN, g.n())).toList(),
                    null, cal.slope(), cal.intercept(), "probability"));
        }
        if (t.iccAuc().events() > 0 && t.iccAuc().events() < t.icc().length) {
            figures.add(org.livercast.stats.plot.RocPlot.render("ICC vs HCC among malignant, held-out centre", List.of(
                    new org.livercast.stats.plot.RocPlot.Marker("network", org.livercast.stats.binary.Roc.of(new BinaryData(t.icc(), t.pIcc()))),
                    new org.livercast.stats.plot.RocPlot.Marker("LR-M", org.livercast.stats.binary.Roc.of(new BinaryData(t.icc(), lrM))))));
        }
        return r;
    }

    /** The radiologist's LI-RADS category as an ordinal marker of malignancy (LR-M counts as LR-5; none lowest). */
    private static double liradsRank(String category) {
        return category == null ? 0 : switch (category) {
            case "LR-5", "LR-M" -> 5;
            case "LR-4" -> 4;
            case "LR-3" -> 3;
            default -> 1;
        };
    }

    /**
     * The network's two tasks on some patients: malignant vs benign over all of them, ICC vs HCC over those whose
     * histology is one of the two ({@code iccRows}, indices into the patients).
     */
    record Tasks(boolean[] malignant, double[] pMalignant, Evaluation.Binary malignantAuc, int[] iccRows, boolean[] icc, double[] pIcc,
                 Evaluation.Binary iccAuc) {
        static Tasks of(DiagnosisModel m, List<Row> rows) {
            boolean[] malignant = new boolean[rows.size()];
            double[] pMal = new double[rows.size()];
            List<Integer> iccRows = new ArrayList<>();
            List<Double> pIcc = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                DiagnosisModel.Diagnosis d = m.predict(row.encoded(), row.c().id());
                malignant[i] = row.malignant();
                pMal[i] = d.probabilityMalignant();
                if (row.icc() != null) {
                    iccRows.add(i);
                    pIcc.add(d.probabilityIccIfMalignant());
                }
            }
            int[] idx = iccRows.stream().mapToInt(Integer::intValue).toArray();
            boolean[] icc = new boolean[idx.length];
            for (int k = 0; k < idx.length; k++) icc[k] = rows.get(idx[k]).icc();
            double[] p = pIcc.stream().mapToDouble(Double::doubleValue).toArray();
            return new Tasks(malignant, pMal, Evaluation.binary(malignant, pMal), idx, icc, p, Evaluation.binary(icc, p));
        }

        /** AUCs with DeLong intervals, sensitivity and specificity for malignancy at 0.5, and the calibration of P(malignant). */
        Map<String, Object> metrics() {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("auc_malignant", malignantAuc.auc());
            r.put("auc_malignant_ci", List.of(malignantAuc.aucLower95(), malignantAuc.aucUpper95()));
            r.put("auc_icc_vs_hcc", iccAuc.auc());
            r.put("auc_icc_vs_hcc_ci", List.of(iccAuc.aucLower95(), iccAuc.aucUpper95()));
            ConfusionMetrics at = ConfusionMetrics.at(new BinaryData(malignant, pMalignant), 0.5);
            r.put("malignant_sensitivity_at_0.5", at.sensitivity());
            r.put("malignant_specificity_at_0.5", at.specificity());
            if (malignantAuc.events() > 0 && malignantAuc.events() < malignant.length) {
                var cal = Evaluation.calibration(malignant, pMalignant);
                r.put("malignant_calibration_slope", cal.slope());
                r.put("malignant_calibration_in_the_large", cal.intercept());
                r.put("malignant_brier", cal.brier());
            }
            return r;
        }
    }

    /** Logistic regressions (statistics engine) on some of the encoded features, one per task. */
    static Map<String, Object> logisticBaseline(List<Row> train, List<Row> test, java.util.function.Function<Row, float[]> features) {
        float[][] x = train.stream().map(features).toArray(float[][]::new);
        float[][] tx = test.stream().map(features).toArray(float[][]::new);
        double[] days = new double[train.size()];
        boolean[] none = new boolean[train.size()];
        Baselines.Scores mal = Baselines.fitAndScore(x, train.stream().map(Row::malignant).toArray(Boolean[]::new), days, none, tx);
        Baselines.Scores icc = Baselines.fitAndScore(x, train.stream().map(Row::icc).toArray(Boolean[]::new), days, none, tx);
        boolean[] y = new boolean[test.size()];
        for (int i = 0; i < y.length; i++) y[i] = test.get(i).malignant();
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) if (test.get(i).icc() != null) known.add(i);
        boolean[] yi = new boolean[known.size()];
        double[] pi = new double[known.size()];
        for (int k = 0; k < yi.length; k++) {
            yi[k] = test.get(known.get(k)).icc();
            pi[k] = icc.logit()[known.get(k)];
        }
        return Map.of("auc_malignant", Evaluation.binary(y, mal.logit()).auc(), "auc_icc_vs_hcc", Evaluation.binary(yi, pi).auc());
    }

    private static List<Row> rows(InputEncoder encoder, List<PatientCase> cases, List<PreOperativeInputs> inputs) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            PatientCase c = cases.get(i);
            PreOperativeInputs in = inputs.get(i);
            rows.add(new Row(c, c.record().pathology().diagnosis(), in, encoder.encode(in)));
        }
        return rows;
    }
}
