package org.livercast.learn.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.livercast.core.model.Diagnosis;
import org.livercast.core.model.MviGrade;
import org.livercast.core.model.ResectionMargin;

/**
 * Reads the structured findings out of a surgical pathology report in English or Chinese: diagnosis, MVI grade
 * (M0/M1/M2, or present/absent when ungraded), Edmondson–Steiner grade, satellite nodules, capsule, margin and tumour
 * sizes. Rules are phrase lists per finding, so a centre's wording is added as data, not as code paths.
 */
public final class PathologyReportReader {
    private PathologyReportReader() {}

    private static final Pattern MVI_GRADE = Pattern.compile("(?:MVI|microvascular invasion|微血管侵犯)[^\\n]{0,20}?\\b?(M[012])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EDMONDSON = Pattern.compile("Edmondson(?:[-– ]Steiner)?[^\\n]{0,12}?(?-i:(IV|III|II|I|[1-4]))(?![IVX])",
            Pattern.CASE_INSENSITIVE);

    public static PathologyFindings read(String text) {
        String body = ReportHeader.strip(text);
        return new PathologyFindings(diagnosis(body), mvi(body), edmondson(body), satellites(body), capsule(body), margin(body),
                sizes(body), ReportText.dateAfter(org.livercast.core.io.ChineseScript.simplified(text), "Date:", "报告日期：", "报告日期:"));
    }

    static Diagnosis diagnosis(String body) {
        String t = body.toLowerCase(Locale.ROOT);
        if (t.contains("combined hepatocellular") || t.contains("混合型肝癌")) return Diagnosis.CHCC_CCA;
        if (t.contains("cholangiocarcinoma") || t.contains("胆管细胞癌") || t.contains("胆管癌")) return Diagnosis.ICC;
        if (t.contains("hepatocellular carcinoma") || t.contains("肝细胞癌") || t.contains("肝细胞肝癌")) return Diagnosis.HCC;
        if (t.contains("benign") || t.contains("良性") || t.contains("focal nodular hyperplasia") || t.contains("adenoma")
                || t.contains("haemangioma") || t.contains("hemangioma") || t.contains("血管瘤")) return Diagnosis.BENIGN;
        return null;
    }

    static MviGrade mvi(String body) {
        Matcher m = MVI_GRADE.matcher(body);
        if (m.find()) return MviGrade.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        Boolean any = ReportText.stated(line(body, "microvascular invasion", "微血管侵犯", "MVI"),
                List.of("present", "identified", "seen", "有", "可见"), List.of("absent", "not identified", "not seen", "no ", "未见", "无"));
        if (any == null) return null;
        // Present but ungraded: M1 is the conservative reading (fewest invaded vessels).
        return any ? MviGrade.M1 : MviGrade.M0;
    }

    static Integer edmondson(String body) {
        Matcher m = EDMONDSON.matcher(body);
        return m.find() ? ReportText.roman(m.group(1)) : null;
    }

    static Boolean satellites(String body) {
        return ReportText.stated(line(body, "satellite", "卫星"), List.of("present", "identified", "有", "可见"),
                List.of("absent", "not identified", "none", "no satellite", "未见", "无"));
    }

    static Boolean capsule(String body) {
        return ReportText.stated(line(body, "capsule", "包膜"), List.of("complete", "intact", "完整"),
                List.of("incomplete", "not intact", "absent", "invaded", "不完整", "无包膜", "未见包膜"));
    }

    static ResectionMargin margin(String body) {
        String l = line(body, "margin", "切缘");
        if (l.isEmpty()) return null;
        Boolean involved = ReportText.stated(l, List.of("involved", "positive", "r1", "可见癌累及", "阳性"),
                List.of("negative", "free", "not involved", "uninvolved", "r0", "未见癌累及", "阴性"));
        return involved == null ? null : involved ? ResectionMargin.R1 : ResectionMargin.R0;
    }

    static List<Double> sizes(String body) {
        String l = line(body, "size", "大小");
        return ReportText.sizesMm(l).stream().sorted(Comparator.reverseOrder()).toList();
    }

    /** The first line mentioning any of the keys (case-insensitive), or "". */
    static String line(String body, String... keys) {
        for (String l : body.split("\\R")) {
            String lower = l.toLowerCase(Locale.ROOT);
            for (String k : keys) if (lower.contains(k.toLowerCase(Locale.ROOT))) return l;
        }
        return "";
    }
}
