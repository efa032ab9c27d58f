package org.livercast.study.analysis;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.livercast.core.endpoint.BinaryOutcome;
import org.livercast.study.store.RecordHash;

/**
 * The analysis data set a statistician works from, one row per patient of the analysis population, de-identified: no
 * pseudonym, no date (times are days from surgery), the centre kept (it is a stratification variable). Each patient
 * is a study subject code, the first 12 hex digits of SHA-256(protocol, centre, pseudonym): stable across data cut-offs
 * so analyses can be compared, not reversible without the centre's pseudonym list. Rows are in subject order, so the
 * order says nothing about centre or enrolment.
 */
public final class AnalysisExport {
    public static final List<String> COLUMNS = List.of("subject", "centre", "cohort", "aggressive_recurrence_2y", "rfs_days", "rfs_event",
            "os_days", "os_event", "pre_probability", "pre_locked", "post_probability", "bclc", "neoadjuvant", "worst_adverse_grade",
            "serious_adverse_event", "actual_strategy", "recommended_strategy", "recurrence_3y",
            "histologic_diagnosis", "p_malignant", "p_icc_if_malignant", "cohorts", "pre_rfs_risk", "pre_os_risk", "post_rfs_risk", "post_os_risk");

    private AnalysisExport() {}

    public static String subject(String protocol, String centre, String patientId) {
        return "S" + RecordHash.ofBytes((protocol + "\u001F" + centre + "\u001F" + patientId).getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    /** CSV (RFC 4180, header row; empty cells for unknown values; outcomes yes / no / not_evaluable). */
    public static String csv(AnalysisData d) {
        List<String[]> rows = new ArrayList<>();
        for (AnalysisData.Row r : d.rows()) {
            rows.add(new String[] {subject(d.protocol().id(), r.centre(), r.patientId()), r.centre(), r.cohort(), outcome(r.aggressive()),
                    Long.toString(r.rfs().days()), flag(r.rfs().event()), Long.toString(r.os().days()), flag(r.os().event()), num(r.pre()), flag(r.preLocked()),
                    num(r.post()), r.bclc(), flag(r.neoadjuvant()), Integer.toString(r.worstAdverseGrade()), flag(r.seriousAdverseEvent()),
                    r.actualStrategy() == null ? "" : r.actualStrategy(), r.recommended() == null ? "" : r.recommended(), outcome(r.recurrence3y()),
                    r.histology() == null ? "" : r.histology(), r.diagnosis() == null ? "" : num(r.diagnosis().probabilityMalignant()),
                    r.diagnosis() == null ? "" : num(r.diagnosis().probabilityIccIfMalignant()), String.join(";", r.cohorts()),
                    r.preScore() == null ? "" : num(r.preScore().rfsRisk()), r.preScore() == null ? "" : num(r.preScore().osRisk()),
                    r.postScore() == null ? "" : num(r.postScore().rfsRisk()), r.postScore() == null ? "" : num(r.postScore().osRisk())});
        }
        // In a diagnostic study (P5) a lesion diagnosed by biopsy alone is a row too: its time-from-surgery columns stay empty.
        java.util.Set<String> resected = new java.util.HashSet<>();
        d.rows().forEach(r -> resected.add(r.centre() + "/" + r.patientId()));
        for (AnalysisData.Lesion l : DiagnosticAccuracy.appliesTo(d.protocol()) ? d.lesions() : List.<AnalysisData.Lesion>of()) {
            if (resected.contains(l.centre() + "/" + l.patientId())) continue;
            String[] row = new String[COLUMNS.size()];
            java.util.Arrays.fill(row, "");
            row[COLUMNS.indexOf("subject")] = subject(d.protocol().id(), l.centre(), l.patientId());
            row[COLUMNS.indexOf("centre")] = l.centre();
            row[COLUMNS.indexOf("cohort")] = l.cohorts().isEmpty() ? "(none)" : l.cohorts().get(0);
            row[COLUMNS.indexOf("neoadjuvant")] = flag(l.neoadjuvant());
            row[COLUMNS.indexOf("histologic_diagnosis")] = l.histology() == null ? "" : l.histology();
            row[COLUMNS.indexOf("p_malignant")] = l.diagnosis() == null ? "" : num(l.diagnosis().probabilityMalignant());
            row[COLUMNS.indexOf("p_icc_if_malignant")] = l.diagnosis() == null ? "" : num(l.diagnosis().probabilityIccIfMalignant());
            row[COLUMNS.indexOf("cohorts")] = String.join(";", l.cohorts());
            rows.add(row);
        }
        rows.sort(Comparator.comparing((String[] a) -> a[0]));
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (String[] row : rows) p.printRecord((Object[]) row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String outcome(BinaryOutcome o) { return o == null ? "" : o.value().name().toLowerCase(Locale.ROOT); }

    private static String flag(boolean b) { return b ? "1" : "0"; }

    private static String num(Double v) { return v == null ? "" : String.format(Locale.ROOT, "%.6f", v); }
}
