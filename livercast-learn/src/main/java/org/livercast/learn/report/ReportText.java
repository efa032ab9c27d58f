package org.livercast.learn.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small text helpers shared by the report readers: sizes in cm or mm, dates, Roman numerals, negation. */
final class ReportText {
    private ReportText() {}

    private static final Pattern SIZE = Pattern.compile("((?:\\d+(?:\\.\\d+)?\\s*[x×*]\\s*)*\\d+(?:\\.\\d+)?)\\s*(cm|mm|厘米|毫米|公分|公厘)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})");

    /** Every size in the text ("3.5 cm", "35 mm", "3.5 x 3.0 cm" gives two), in millimetres, in the order written. */
    static List<Double> sizesMm(String text) {
        List<Double> out = new ArrayList<>();
        Matcher m = SIZE.matcher(text);
        while (m.find()) {
            String unit = m.group(2).toLowerCase(Locale.ROOT);
            for (String number : m.group(1).split("\\s*[x×*]\\s*")) {
                double v = Double.parseDouble(number);
                // 公分 and 公厘 are Taiwan's words for cm and mm.
                out.add(unit.equals("cm") || unit.equals("厘米") || unit.equals("公分") ? Math.round(v * 100) / 10.0 : v);
            }
        }
        return out;
    }

    /** The first date after one of the labels (e.g. "Date:", "报告日期："), else null. */
    static LocalDate dateAfter(String text, String... labels) {
        for (String label : labels) {
            int at = text.indexOf(label);
            if (at < 0) continue;
            Matcher m = DATE.matcher(text.substring(at));
            if (m.find() && m.start() < label.length() + 8) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
        }
        return null;
    }

    /** I–IV (also 1–4) as an integer, else null. */
    static Integer roman(String s) {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "I", "1" -> 1;
            case "II", "2" -> 2;
            case "III", "3" -> 3;
            case "IV", "4" -> 4;
            default -> null;
        };
    }

    /**
     * Whether a feature phrase is stated, denied, or not mentioned: true when one of {@code present} occurs, false
     * when one of {@code absent} occurs (negated phrases are listed there and win, since "no washout" contains
     * "washout"), null otherwise.
     */
    static Boolean stated(String text, List<String> present, List<String> absent) {
        String t = text.toLowerCase(Locale.ROOT);
        for (String a : absent) if (t.contains(a.toLowerCase(Locale.ROOT))) return false;
        for (String p : present) if (t.contains(p.toLowerCase(Locale.ROOT))) return true;
        return null;
    }
}
