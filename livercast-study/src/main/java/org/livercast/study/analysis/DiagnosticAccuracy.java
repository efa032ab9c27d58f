package org.livercast.study.analysis;

import static org.livercast.study.analysis.ReportHtml.esc;
import static org.livercast.study.analysis.ReportHtml.withCi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.binary.ConfusionMetrics;
import org.livercast.stats.binary.ExactBinomial;
import org.livercast.stats.binary.Roc;
import org.livercast.stats.plot.RocPlot;
import org.livercast.study.models.Diagnoses;

/**
 * P5's diagnostic endpoint: the diagnosis model's stored reading of each lesion against its pathological diagnosis
 * (surgery or biopsy, the reference standard). Malignant vs benign on P(malignant) and ICC vs HCC on P(ICC | malignant),
 * each with AUC (DeLong), and accuracy, sensitivity, specificity, PPV and NPV at 0.5 with Clopper–Pearson intervals (as
 * STARD asks); the three-way table of predicted against histological diagnosis; calibration of P(malignant); both AUCs
 * by neoadjuvant therapy (the protocol's subgroup). Every analysed patient's lesion counts, resected or diagnosed by
 * biopsy alone; lesions without histology or without a stored diagnosis are counted, not analysed.
 */
public final class DiagnosticAccuracy {
    /** The reading's most probable class: benign, hcc or icc. */
    static String predicted(Diagnoses.Stored d) {
        double hcc = d.probabilityHcc();
        double icc = d.probabilityIcc();
        double benign = d.probabilityBenign();
        return benign >= hcc && benign >= icc ? "benign" : icc > hcc ? "icc" : "hcc";
    }

    private static final List<String> HISTOLOGY_ORDER = List.of("hcc", "icc", "chcc_cca", "other_malignant", "benign");
    private static final Map<String, String> LABEL = Map.of("hcc", "HCC", "icc", "ICC", "chcc_cca", "combined HCC-CCA",
            "other_malignant", "other malignant", "benign", "benign");

    private final StringBuilder html = new StringBuilder();

    private DiagnosticAccuracy() {}

    /** Whether a protocol is a diagnostic study: it names the pathological diagnosis as an endpoint (P5). */
    public static boolean appliesTo(org.livercast.core.protocol.Protocol p) {
        return p.endpoints().stream().anyMatch(e -> e.type().equals("histologic_diagnosis"));
    }

    /**
     * The analysis as HTML (a heading, tables and plots; no pseudonym), for the report and the study page alike, on the
     * analysed patients of the cohort the endpoint names (P5: the diagnostic cohort), or all of them when it names none.
     */
    public static String html(org.livercast.core.protocol.Protocol p, List<AnalysisData.Lesion> rows) {
        String cohort = p.endpoints().stream().filter(e -> e.type().equals("histologic_diagnosis")).map(e -> e.cohort())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return new DiagnosticAccuracy().render(cohort == null ? rows : rows.stream().filter(r -> r.inCohort(cohort)).toList());
    }

    private String render(List<AnalysisData.Lesion> rows) {
        html.append("<h2 id=\"diagnostic-accuracy\">Diagnosis of the lesion: the diagnosis model against histology</h2>");
        List<AnalysisData.Lesion> withHistology = rows.stream().filter(r -> r.histology() != null).toList();
        List<AnalysisData.Lesion> read = withHistology.stream().filter(r -> r.diagnosis() != null).toList();
        Map<String, Integer> byModel = new TreeMap<>();
        read.forEach(r -> byModel.merge(r.diagnosis().modelId().substring(0, Math.min(12, r.diagnosis().modelId().length())), 1, Integer::sum));
        html.append("<p>").append(withHistology.size()).append(" of ").append(rows.size()).append(" analysed patients have a pathological diagnosis; ")
                .append(read.size()).append(" of them a stored reading of the diagnosis model");
        if (!byModel.isEmpty()) {
            html.append(" (model ");
            html.append(String.join(", ", byModel.entrySet().stream().map(e -> esc(e.getKey()) + ": " + e.getValue()).toList())).append(")");
        }
        html.append(".</p>");
        if (read.isEmpty()) {
            return html.append("<p>Nothing to analyse: record the model's readings with <code>livercast predict --model DIAGNOSIS_MODEL --stored</code>.</p>")
                    .toString();
        }
        tasks(read);
        confusion(read);
        html.append("<h3>Calibration of P(malignant)</h3>")
                .append(ReportHtml.calibration("P(malignant): predicted vs histology", binary(read, r -> !r.histology().equals("benign"),
                        r -> r.diagnosis().probabilityMalignant())));
        subgroups(read);
        return html.toString();
    }

    /** Malignant vs benign, and ICC vs HCC among the lesions histology calls one of the two. */
    private void tasks(List<AnalysisData.Lesion> read) {
        html.append("<table><tr><th>task</th><th>n</th><th>positive</th><th>AUC (95% CI, DeLong)</th><th>accuracy at 0.5 (95% CI)</th>"
                + "<th>sensitivity</th><th>specificity</th><th>PPV</th><th>NPV</th></tr>");
        List<RocPlot.Marker> markers = new ArrayList<>();
        task("Malignant vs benign — P(malignant)", "malignant vs benign", read, r -> !r.histology().equals("benign"),
                r -> r.diagnosis().probabilityMalignant(), markers);
        List<AnalysisData.Lesion> hccOrIcc = read.stream().filter(r -> r.histology().equals("hcc") || r.histology().equals("icc")).toList();
        task("ICC vs HCC — P(ICC | malignant)", "ICC vs HCC", hccOrIcc, r -> r.histology().equals("icc"),
                r -> r.diagnosis().probabilityIccIfMalignant(), markers);
        html.append("</table><p class=\"note\">Intervals of the proportions are Clopper–Pearson (exact). ICC vs HCC counts only lesions that "
                + "histology calls HCC or ICC (combined HCC-CCA and other malignancies are in the table below).</p>");
        if (!markers.isEmpty()) html.append(RocPlot.render("ROC: the diagnosis model against histology", markers));
    }

    private void task(String name, String marker, List<AnalysisData.Lesion> rows, Predicate<AnalysisData.Lesion> positive,
                      ToDoubleFunction<AnalysisData.Lesion> score, List<RocPlot.Marker> markers) {
        BinaryData bd = binary(rows, positive, score);
        int positives = 0;
        for (boolean y : bd.outcome()) if (y) positives++;
        html.append("<tr><td>").append(esc(name)).append("</td><td>").append(rows.size()).append("</td><td>").append(positives).append("</td>");
        if (positives == 0 || positives == rows.size()) {
            html.append("<td colspan=\"6\">not estimable: ").append(rows.isEmpty() ? "no lesion" : positives == 0 ? "no positive lesion" : "no negative lesion")
                    .append("</td></tr>");
            return;
        }
        Roc roc = Roc.of(bd);
        ConfusionMetrics cm = ConfusionMetrics.at(bd, 0.5);
        markers.add(new RocPlot.Marker(marker, roc));
        html.append("<td>").append(withCi(roc.auc(), roc.aucCi95(), 3)).append("</td><td>").append(withCi(cm.accuracy(), cm.accuracyCi95(), 3))
                .append("</td><td>").append(withCi(cm.sensitivity(), cm.sensitivityCi95(), 3)).append("</td><td>")
                .append(withCi(cm.specificity(), cm.specificityCi95(), 3)).append("</td><td>").append(withCi(cm.ppv(), cm.ppvCi95(), 3))
                .append("</td><td>").append(withCi(cm.npv(), cm.npvCi95(), 3)).append("</td></tr>");
    }

    /** Histology (rows) against the reading's most probable class (columns), and the three-way accuracy. */
    private void confusion(List<AnalysisData.Lesion> read) {
        Map<String, int[]> table = new LinkedHashMap<>();
        for (String h : HISTOLOGY_ORDER) table.put(h, new int[3]);
        List<String> columns = List.of("hcc", "icc", "benign");
        for (AnalysisData.Lesion r : read) {
            table.computeIfAbsent(r.histology(), k -> new int[3])[columns.indexOf(predicted(r.diagnosis()))]++;
        }
        html.append("<h3>Predicted against histological diagnosis</h3><table><tr><th>histology \\ predicted</th><th>HCC</th><th>ICC</th><th>benign</th></tr>");
        int agree = 0;
        int threeWay = 0;
        for (var e : table.entrySet()) {
            int[] c = e.getValue();
            if (c[0] + c[1] + c[2] == 0) continue;
            html.append("<tr><td>").append(esc(LABEL.getOrDefault(e.getKey(), e.getKey()))).append("</td><td>").append(c[0]).append("</td><td>")
                    .append(c[1]).append("</td><td>").append(c[2]).append("</td></tr>");
            int own = columns.indexOf(e.getKey());
            if (own >= 0) {
                agree += c[own];
                threeWay += c[0] + c[1] + c[2];
            }
        }
        html.append("</table>");
        if (threeWay > 0) {
            html.append("<p>Three-way accuracy (HCC, ICC, benign on histology): ").append(agree).append(" of ").append(threeWay).append(", ")
                    .append(withCi((double) agree / threeWay, ExactBinomial.clopperPearson95(agree, threeWay), 3)).append(".</p>");
        }
    }

    /** The protocol's subgroup: neoadjuvant therapy given or not. */
    private void subgroups(List<AnalysisData.Lesion> read) {
        html.append("<h3>Subgroups: neoadjuvant therapy</h3><table><tr><th>subgroup</th><th>n (benign)</th><th>AUC malignant vs benign</th>"
                + "<th>n HCC / ICC</th><th>AUC ICC vs HCC</th></tr>");
        Map<String, Predicate<AnalysisData.Lesion>> subsets = new LinkedHashMap<>();
        subsets.put("neoadjuvant therapy", AnalysisData.Lesion::neoadjuvant);
        subsets.put("no neoadjuvant therapy", r -> !r.neoadjuvant());
        for (var e : subsets.entrySet()) {
            List<AnalysisData.Lesion> sub = read.stream().filter(e.getValue()).toList();
            List<AnalysisData.Lesion> hccOrIcc = sub.stream().filter(r -> r.histology().equals("hcc") || r.histology().equals("icc")).toList();
            long benign = sub.stream().filter(r -> r.histology().equals("benign")).count();
            long icc = hccOrIcc.stream().filter(r -> r.histology().equals("icc")).count();
            html.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(sub.size()).append(" (").append(benign).append(")</td><td>")
                    .append(auc(sub, r -> !r.histology().equals("benign"), r -> r.diagnosis().probabilityMalignant())).append("</td><td>")
                    .append(hccOrIcc.size() - icc).append(" / ").append(icc).append("</td><td>")
                    .append(auc(hccOrIcc, r -> r.histology().equals("icc"), r -> r.diagnosis().probabilityIccIfMalignant())).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static String auc(List<AnalysisData.Lesion> rows, Predicate<AnalysisData.Lesion> positive, ToDoubleFunction<AnalysisData.Lesion> score) {
        BinaryData bd = binary(rows, positive, score);
        int positives = 0;
        for (boolean y : bd.outcome()) if (y) positives++;
        if (positives == 0 || positives == rows.size()) return "not estimable (one class only)";
        Roc roc = Roc.of(bd);
        return withCi(roc.auc(), roc.aucCi95(), 3);
    }

    private static BinaryData binary(List<AnalysisData.Lesion> rows, Predicate<AnalysisData.Lesion> positive, ToDoubleFunction<AnalysisData.Lesion> score) {
        boolean[] y = new boolean[rows.size()];
        double[] m = new double[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = positive.test(rows.get(i));
            m[i] = score.applyAsDouble(rows.get(i));
        }
        return new BinaryData(y, m);
    }
}
