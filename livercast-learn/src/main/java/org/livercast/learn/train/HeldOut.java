package org.livercast.learn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.model.TrainedModel;
import org.livercast.stats.calibration.BinaryCalibration;

/**
 * A trained model measured on the held-out centre's resected HCC patients: AUC with DeLong CI for aggressive
 * recurrence (evaluable patients), Harrell's C of the RFS risk score, calibration — and the same for the oracle
 * (the truth's own probability and log hazard) when the cohort is synthetic.
 */
public record HeldOut(boolean[] outcome, double[] probability, double[] oracleProbability, double[] rfsDays, boolean[] rfsEvent,
                      double[] risk, Map<String, Object> metrics) {
    public record Patient(LabelledCase c, InputEncoder.Encoded encoded) {}

    /** The grouped calibration curve as reports and model cards carry it (what the patient page reads). */
    static List<Map<String, Object>> groups(BinaryCalibration.Result cal) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (BinaryCalibration.Group g : cal.groups()) {
            groups.add(Map.of("lower", g.lowerBreak(), "upper", g.upperBreak(), "n", g.n(), "mean_predicted", g.meanPredicted(), "events", g.observedEvents()));
        }
        return groups;
    }

    public static HeldOut measure(TrainedModel model, List<Patient> patients, Optional<TruthTable> truth) {
        List<Patient> hcc = patients.stream().filter(p -> p.c().hcc()).toList();
        List<TrainedModel.Raw> raw = model.raw(hcc.stream().map(Patient::encoded).toList());
        List<Integer> evaluable = new ArrayList<>();
        for (int i = 0; i < hcc.size(); i++) if (hcc.get(i).c().aggressive() != null) evaluable.add(i);
        boolean[] y = new boolean[evaluable.size()];
        double[] p = new double[y.length];
        double[] oracleP = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            int i = evaluable.get(k);
            y[k] = hcc.get(i).c().aggressive();
            p[k] = model.calibrated(raw.get(i).logit());
            if (truth.isPresent()) oracleP[k] = truth.get().pAggressive(hcc.get(i).c().patient().id());
        }
        double[] days = new double[hcc.size()];
        boolean[] event = new boolean[hcc.size()];
        double[] risk = new double[hcc.size()];
        double[] oracleRisk = new double[hcc.size()];
        double[] osDays = new double[hcc.size()];
        boolean[] osEvent = new boolean[hcc.size()];
        double[] osRisk = new double[hcc.size()];
        for (int i = 0; i < hcc.size(); i++) {
            osDays[i] = hcc.get(i).c().osDays();
            osEvent[i] = hcc.get(i).c().osEvent();
            osRisk[i] = TrainedModel.riskScore(raw.get(i).osHazard());
            days[i] = hcc.get(i).c().rfsDays();
            event[i] = hcc.get(i).c().rfsEvent();
            risk[i] = TrainedModel.riskScore(raw.get(i).hazard());
            if (truth.isPresent()) oracleRisk[i] = truth.get().logHazard(hcc.get(i).c().patient().id());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        Evaluation.Binary b = Evaluation.binary(y, p);
        m.put("n_heldout_hcc", hcc.size());
        m.put("n_heldout_evaluable", y.length);
        m.put("n_heldout_aggressive", b.events());
        m.put("auc", b.auc());
        m.put("auc_ci", List.of(b.aucLower95(), b.aucUpper95()));
        m.put("c_index", Evaluation.harrell(days, event, risk));
        // Overall survival (death from any cause) by the OS head's risk; few deaths in a short follow-up make it noisy.
        m.put("os_c_index", Evaluation.harrell(osDays, osEvent, osRisk));
        int deaths = 0;
        for (boolean d : osEvent) if (d) deaths++;
        m.put("n_heldout_deaths", deaths);
        BinaryCalibration.Result cal = Evaluation.calibration(y, p);
        m.put("calibration_slope", cal.slope());
        m.put("calibration_in_the_large", cal.intercept());
        m.put("brier", cal.brier());
        // Observed outcome by decile of predicted risk on the held-out centre: what a prediction page shows as the
        // uncertainty of a single probability ("of patients predicted 40-50%, this many recurred").
        m.put("calibration_groups", groups(cal));
        int high = 0;
        for (double v : p) if (v >= 0.5) high++;
        m.put("n_high_risk", high);
        if (truth.isPresent()) {
            double oracleAuc = Evaluation.binary(y, oracleP).auc();
            double oracleC = Evaluation.harrell(days, event, oracleRisk);
            m.put("oracle_auc", oracleAuc);
            m.put("oracle_c_index", oracleC);
            m.put("auc_fraction_of_oracle", b.auc() / oracleAuc);
            m.put("c_index_fraction_of_oracle", ((double) m.get("c_index")) / oracleC);
            // The truth's own probability on this centre's patients: near 1 by construction. A model whose slope is far
            // from it while the oracle's is not meets a centre where the observed features relate to the outcome
            // differently (an unobserved case mix) — what recalibration on the centre's own patients is for.
            double[] oracleLogit = new double[oracleP.length];
            for (int k = 0; k < oracleLogit.length; k++) {
                double q = Math.min(1 - 1e-9, Math.max(1e-9, oracleP[k]));
                oracleLogit[k] = Math.log(q / (1 - q));
            }
            m.put("oracle_calibration_slope", Evaluation.calibrationSlope(y, oracleLogit));
        }
        return new HeldOut(y, p, truth.isPresent() ? oracleP : null, days, event, risk, m);
    }
}
