package org.livercast.learn.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.livercast.core.io.ChineseScript;

/**
 * Drops the header lines of a report — institution and patient identifiers (name, MRN, phone, birth date) — so that
 * neither the findings readers nor the text embedding ever see who the patient is, and gives the rest in simplified
 * characters ({@link ChineseScript}): a Taiwan or Hong Kong report is read with the same vocabulary, and embedded as
 * the same words, as a mainland one.
 */
public final class ReportHeader {
    private ReportHeader() {}

    private static final List<String> IDENTIFYING = List.of("patient:", "mrn", "tel:", "dob:", "姓名", "住院号", "电话", "病案号", "病历号", "门诊号", "身份证",
            "hospital number", "name:");

    public static String strip(String text) {
        return ChineseScript.simplified(text).lines().filter(l -> {
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
