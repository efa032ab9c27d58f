package org.livercast.learn.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Drops the header lines of a report — institution and patient identifiers (name, MRN, phone, birth date) — so that
 * neither the findings readers nor the text embedding ever see who the patient is.
 */
public final class ReportHeader {
    private ReportHeader() {}

    private static final List<String> IDENTIFYING = List.of("patient:", "mrn", "tel:", "dob:", "姓名", "住院号", "电话", "病案号",
            "hospital number", "name:");

    public static String strip(String text) {
        return text.lines().filter(l -> {
            String lower = l.toLowerCase(Locale.ROOT);
            return IDENTIFYING.stream().noneMatch(lower::contains) && !isTitle(lower);
        }).collect(Collectors.joining("\n"));
    }

    /** The first line of the synthetic and most real reports: institution and report type, no findings. */
    private static boolean isTitle(String lower) {
        return lower.contains("report") && !lower.contains(":") || lower.endsWith("报告") || lower.contains(" - mri")
                || lower.contains("mri检查报告") || lower.contains("病理诊断报告");
    }
}
