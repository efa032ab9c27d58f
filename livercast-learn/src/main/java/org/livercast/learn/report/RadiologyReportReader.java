package org.livercast.learn.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads LI-RADS features of the main liver lesion out of a pre-operative MRI report, English or Chinese: size,
 * Couinaud segment, rim or non-rim arterial phase hyperenhancement, washout, capsule, margin, peritumoral
 * enhancement and the LI-RADS category of the impression.
 */
public final class RadiologyReportReader {
    private RadiologyReportReader() {}

    private static final Pattern LIRADS = Pattern.compile("LR-(TIV|M|[1-5])", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEGMENT = Pattern.compile("(?:segment\\s*|S)(VIII|VII|VI|IV|V|III|II|I|[1-8])(?:段|\\b)", Pattern.CASE_INSENSITIVE);

    public static RadiologyFindings read(String text) {
        String body = ReportHeader.strip(text);
        List<Double> sizes = ReportText.sizesMm(body);
        Boolean rim = ReportText.stated(body, List.of("rim arterial", "rim aphe", "环状强化", "环形强化"), List.of("non-rim arterial", "non-rim aphe"));
        // "non-rim arterial phase hyperenhancement" denies rim; Chinese "明显强化" without 环 is non-rim.
        Boolean nonRim = ReportText.stated(body, List.of("non-rim arterial", "non-rim aphe", "动脉期明显强化", "动脉期高强化"), List.of());
        if (Boolean.TRUE.equals(nonRim)) rim = false;
        if (Boolean.TRUE.equals(rim) && nonRim == null) nonRim = false;
        Boolean washout = ReportText.stated(body, List.of("washout", "廓清", "消退"), List.of("no washout", "without washout", "未见廓清", "无廓清", "无消退"));
        Boolean capsule = ReportText.stated(body, List.of("enhancing capsule", "capsule", "包膜强化", "可见包膜"),
                List.of("no capsule", "without capsule", "未见包膜", "无包膜"));
        Boolean nonSmooth = ReportText.stated(body, List.of("non-smooth", "irregular margin", "边缘不光整", "边界不清"),
                List.of("margin smooth", "smooth margin", "边缘光整"));
        Boolean peri = ReportText.stated(body, List.of("peritumoral enhancement", "peritumoural enhancement", "瘤周异常强化", "瘤周强化"),
                List.of("no peritumoral", "未见瘤周"));
        if (peri == null && (washout != null || rim != null)) peri = false;  // a structured report lists it when present
        Matcher c = LIRADS.matcher(body);
        String category = c.find() ? "LR-" + c.group(1).toUpperCase(java.util.Locale.ROOT) : null;
        Matcher s = SEGMENT.matcher(body);
        Integer segment = s.find() ? segment(s.group(1)) : null;
        return new RadiologyFindings(sizes.isEmpty() ? null : sizes.stream().max(Double::compare).orElseThrow(), segment, rim, nonRim,
                washout, capsule, nonSmooth, peri, category, ReportText.dateAfter(org.livercast.core.io.ChineseScript.simplified(text), "Exam date:", "检查日期：", "检查日期:", "Date:"));
    }

    private static Integer segment(String s) {
        return switch (s.toUpperCase(java.util.Locale.ROOT)) {
            case "I", "1" -> 1;
            case "II", "2" -> 2;
            case "III", "3" -> 3;
            case "IV", "4" -> 4;
            case "V", "5" -> 5;
            case "VI", "6" -> 6;
            case "VII", "7" -> 7;
            case "VIII", "8" -> 8;
            default -> null;
        };
    }
}
