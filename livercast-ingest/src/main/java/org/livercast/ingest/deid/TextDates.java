package org.livercast.ingest.deid;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.livercast.core.io.ClinicalDates;

/**
 * Every date written in free text, in the forms reports use: year-first (2024-01-12, 2024/1/12, 2024年1月12日), a month by
 * name (12 Jan 2024, 12-JAN-2024, January 12, 2024) and day- or month-first numbers (12/01/2024, 12.01.2024, 12/01/24).
 * Each is a {@link Found} span with the day it means, or none when that cannot be told: a day-first 12/01/2024 is read
 * in the order the centre declared; undeclared, only when one order gives no date (25/12/2024) or both the same day;
 * a two-digit year never (1924 or 2024). De-identification must remove what it cannot shift, so a date it cannot read
 * is still found.
 */
final class TextDates {
    private TextDates() {}

    /** A date's place in the text and the day it means (null: a date whose day cannot be told, to be removed). */
    record Found(int start, int end, LocalDate date) {}

    private static final String MONTH_NAME = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
            + "|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private static final Pattern YEAR_FIRST = Pattern.compile("(?<![\\d.])(\\d{4})([-/.年])(\\d{1,2})[-/.月](\\d{1,2})日?(?!\\d)");
    private static final Pattern DAY_MONTH_NAME = Pattern.compile("(?<![\\d\\p{L}])(\\d{1,2})(?:st|nd|rd|th)?[- ]?" + MONTH_NAME
            + "\\.?[-, ]?\\s*(\\d{4}|\\d{2})(?![\\d\\p{L}])", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_NAME_DAY = Pattern.compile("(?<![\\p{L}])" + MONTH_NAME + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\d./-])(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d]|[./-]\\d)");

    /** The dates in {@code text}, in order, none overlapping another; digits that are no day in any reading are not dates. */
    static List<Found> in(String text, ClinicalDates.Order order) {
        List<Found> out = new ArrayList<>();
        Matcher m = YEAR_FIRST.matcher(text);
        while (m.find()) {
            LocalDate d = day(m.group(1), m.group(3), m.group(4));
            if (d != null) add(out, m.start(), m.end(), d);
        }
        m = DAY_MONTH_NAME.matcher(text);
        while (m.find()) {
            boolean fullYear = m.group(3).length() == 4;
            LocalDate d = day(fullYear ? m.group(3) : "20" + m.group(3), month(m.group(2)), m.group(1));
            if (d != null) add(out, m.start(), m.end(), fullYear ? d : null);
        }
        m = MONTH_NAME_DAY.matcher(text);
        while (m.find()) {
            LocalDate d = day(m.group(3), month(m.group(1)), m.group(2));
            if (d != null) add(out, m.start(), m.end(), d);
        }
        m = NUMERIC.matcher(text);
        while (m.find()) {
            boolean fullYear = m.group(4).length() == 4;
            String year = fullYear ? m.group(4) : "20" + m.group(4);
            if (day(year, m.group(3), m.group(1)) == null && day(year, m.group(1), m.group(3)) == null) continue;
            add(out, m.start(), m.end(), fullYear ? dayOrMonthFirst(m.group(1), m.group(3), m.group(4), order) : null);
        }
        out.sort(java.util.Comparator.comparingInt(Found::start));
        return out;
    }

    /** The ways a report may write one day (for the last check that a birth date is gone): every form {@link #in} reads. */
    static List<String> spellings(LocalDate d) {
        List<String> s = new ArrayList<>();
        String y = Integer.toString(d.getYear());
        String yy = y.substring(2);
        for (String mm : List.of(Integer.toString(d.getMonthValue()), String.format("%02d", d.getMonthValue()))) {
            for (String dd : List.of(Integer.toString(d.getDayOfMonth()), String.format("%02d", d.getDayOfMonth()))) {
                for (String sep : List.of("-", "/", ".")) {
                    s.add(y + sep + mm + sep + dd);
                    s.add(dd + sep + mm + sep + y);
                    s.add(mm + sep + dd + sep + y);
                    s.add(dd + sep + mm + sep + yy);
                    s.add(mm + sep + dd + sep + yy);
                }
                s.add(y + "年" + mm + "月" + dd + "日");
            }
        }
        s.add(d.toString().replace("-", ""));
        String month = d.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
        for (String name : List.of(month, month.substring(0, 3))) {
            s.add(d.getDayOfMonth() + " " + name + " " + y);
            s.add(d.getDayOfMonth() + "-" + name + "-" + y);
            s.add(String.format("%02d", d.getDayOfMonth()) + "-" + name + "-" + y);
            s.add(name + " " + d.getDayOfMonth() + ", " + y);
        }
        return s.stream().distinct().toList();
    }

    private static LocalDate dayOrMonthFirst(String first, String second, String year, ClinicalDates.Order order) {
        LocalDate dayFirst = day(year, second, first);
        LocalDate monthFirst = day(year, first, second);
        return switch (order) {
            case DAY_FIRST -> dayFirst;
            case MONTH_FIRST -> monthFirst;
            // Undeclared: only what one reading settles (25/12/2024 is no month-first date; 05/05/2024 is the same day).
            case YEAR_FIRST -> dayFirst == null ? monthFirst : monthFirst == null || monthFirst.equals(dayFirst) ? dayFirst : null;
        };
    }

    private static void add(List<Found> out, int start, int end, LocalDate date) {
        for (Found f : out) if (start < f.end() && f.start() < end) return;     // a span already read as a date
        out.add(new Found(start, end, date));
    }

    /** A month's number from the names {@link #MONTH_NAME} admits, as the clinical tables read them. */
    private static String month(String name) { return Integer.toString(ClinicalDates.month(name)); }

    private static LocalDate day(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
