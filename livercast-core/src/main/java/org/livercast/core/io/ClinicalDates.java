package org.livercast.core.io;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date cell as hospital systems and spreadsheets write it. The template's form is ISO (2024-01-12); the other forms
 * that cannot be misread are taken too — 2024/1/12 and 2024.01.12 (Chinese systems, Excel), 20240112 (DICOM's),
 * 2024年1月12日, a month by name (12-JAN-2024, Oracle's default; 12 January 2024; Jan 12, 2024), and any of these followed
 * by a time of day (a database export's "2024-01-12 00:00:00", dropped).
 *
 * <p>Day-first and month-first numbers (12/01/2024) are read only in the {@link Order} a centre declared (European
 * systems write day-first, American month-first): which one a cell means cannot be told from it, and guessing per cell
 * would read 12/01 as January in one row and 13/01 as January in the next, but 12/01 of an American export as December.
 * Two-digit years are refused in every order (1924 or 2024 cannot be told for a birth date).
 */
public final class ClinicalDates {
    private ClinicalDates() {}

    /** The order of a centre's numeric dates after the year-first ones, which are read in every order. */
    public enum Order {
        /** Only year-first numbers: the template's default. */
        YEAR_FIRST("year-first"),
        /** 12/01/2024 is 12 January 2024 (Europe, most of the world). */
        DAY_FIRST("day-first"),
        /** 12/01/2024 is 1 December 2024 (United States). */
        MONTH_FIRST("month-first");

        private final String word;

        Order(String word) { this.word = word; }

        /** How a centre declares it ("day-first"). */
        public String word() { return word; }

        /** The order a declaration names; @throws IllegalArgumentException naming the words that are */
        public static Order of(String word) {
            for (Order o : values()) if (o.word.equalsIgnoreCase(word.strip())) return o;
            throw new IllegalArgumentException("'" + word + "' is not a date order (year-first, day-first or month-first)");
        }
    }

    private static final String TIME = "(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?";
    private static final Pattern SEPARATED = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME);
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})" + TIME);
    private static final Pattern CHINESE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日" + TIME);
    private static final Pattern DAY_OR_MONTH_FIRST = Pattern.compile("(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})" + TIME);
    private static final Pattern TWO_DIGIT_YEAR = Pattern.compile("\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2}" + TIME
            + "|\\d{1,2}[- ]?\\p{L}{3,9}\\.?[- ]?\\d{2}" + TIME);
    private static final Pattern DAY_MONTH_NAME = Pattern.compile("(\\d{1,2})[- ]?(\\p{L}{3,9})\\.?[- ,]?\\s*(\\d{4})" + TIME);
    private static final Pattern MONTH_NAME_DAY = Pattern.compile("(\\p{L}{3,9})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})" + TIME);
    private static final Pattern SERIAL = Pattern.compile("\\d{5}(\\.0+)?");
    private static final Map<String, Integer> MONTHS = months();

    /** What a cell that is not a date is told. */
    public static final String EXPECTED = "use YYYY-MM-DD (2024/1/12, 2024.01.12, 20240112, 2024年1月12日 and 12-JAN-2024 are read too)";

    /** The date a cell holds, numeric dates year-first only; @throws DateTimeException saying why it is none. */
    public static LocalDate parse(String cell) { return parse(cell, Order.YEAR_FIRST); }

    /** The date a cell holds in a centre's declared order; @throws DateTimeException saying why it is none (with {@link #EXPECTED}). */
    public static LocalDate parse(String cell, Order order) {
        String v = cell.strip();
        Matcher m;
        if ((m = SEPARATED.matcher(v)).matches()) return of(m.group(1), m.group(3), m.group(4), v);
        if ((m = COMPACT.matcher(v)).matches()) return of(m.group(1), m.group(2), m.group(3), v);
        if ((m = CHINESE.matcher(v)).matches()) return of(m.group(1), m.group(2), m.group(3), v);
        if ((m = DAY_MONTH_NAME.matcher(v)).matches() && month(m.group(2)) != null) {
            return of(m.group(3), month(m.group(2)).toString(), m.group(1), v);
        }
        if ((m = MONTH_NAME_DAY.matcher(v)).matches() && month(m.group(1)) != null) {
            return of(m.group(3), month(m.group(1)).toString(), m.group(2), v);
        }
        if ((m = DAY_OR_MONTH_FIRST.matcher(v)).matches()) {
            try {
                if (order == Order.DAY_FIRST) return of(m.group(4), m.group(3), m.group(1), v);
                if (order == Order.MONTH_FIRST) return of(m.group(4), m.group(1), m.group(3), v);
            } catch (DateTimeException e) {
                throw new DateTimeException(e.getMessage() + ", read " + order.word() + " as the centre declared");
            }
            throw new DateTimeException("is day-first or month-first, which cannot be told apart: declare the centre's order"
                    + " in its " + ColumnMapping.FILE_NAME + " ({\"dates\": \"day-first\"} or \"month-first\") or " + EXPECTED);
        }
        if (TWO_DIGIT_YEAR.matcher(v).matches()) throw new DateTimeException("has a two-digit year, which cannot be told for a century: write the year in full");
        if (SERIAL.matcher(v).matches()) {
            throw new DateTimeException("looks like a spreadsheet's day number, not a date: format the column as a date; " + EXPECTED);
        }
        throw new DateTimeException("is not a date (" + EXPECTED + ")");
    }

    /** The date a cell holds, or null when it is blank or no date (for callers whose validation has already named it). */
    public static LocalDate orNull(String cell) { return orNull(cell, Order.YEAR_FIRST); }

    /** {@link #orNull(String)} in a centre's declared order. */
    public static LocalDate orNull(String cell, Order order) {
        if (cell == null || cell.isBlank()) return null;
        try {
            return parse(cell, order);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A month's number from its English name or three-letter abbreviation (any case), or null. */
    public static Integer month(String name) { return MONTHS.get(name.toLowerCase(Locale.ROOT)); }

    private static Map<String, Integer> months() {
        Map<String, Integer> m = new java.util.HashMap<>();
        String[] names = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"};
        for (int i = 0; i < 12; i++) {
            m.put(names[i], i + 1);
            m.put(names[i].substring(0, 3), i + 1);
        }
        m.put("sept", 9);
        return Map.copyOf(m);
    }

    private static LocalDate of(String year, String month, String day, String cell) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            throw new DateTimeException("is not a date: " + e.getMessage() + " (" + EXPECTED + ")");
        }
    }
}
