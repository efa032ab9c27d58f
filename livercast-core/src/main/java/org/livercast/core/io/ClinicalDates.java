package org.livercast.core.io;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date cell as hospital systems and spreadsheets write it. The template's form is ISO (2024-01-12); the other
 * year-first forms that cannot be misread are taken too — 2024/1/12 and 2024.01.12 (Chinese systems, Excel), 20240112
 * (DICOM's), 2024年1月12日, and any of these followed by a time of day (a database export's "2024-01-12 00:00:00",
 * dropped). Day-first and month-first forms (12/01/2024) are refused: which one a cell means cannot be told from it.
 */
public final class ClinicalDates {
    private ClinicalDates() {}

    private static final String TIME = "(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?";
    private static final Pattern SEPARATED = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME);
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})" + TIME);
    private static final Pattern CHINESE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日" + TIME);
    private static final Pattern DAY_OR_MONTH_FIRST = Pattern.compile("\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}" + TIME);
    private static final Pattern SERIAL = Pattern.compile("\\d{5}(\\.0+)?");

    /** What a cell that is not a date is told. */
    public static final String EXPECTED = "use YYYY-MM-DD (2024/1/12, 2024.01.12, 20240112 and 2024年1月12日 are read too)";

    /** The date a cell holds; @throws DateTimeException saying why it is none (with {@link #EXPECTED}). */
    public static LocalDate parse(String cell) {
        String v = cell.strip();
        Matcher m;
        if ((m = SEPARATED.matcher(v)).matches()) return of(m.group(1), m.group(3), m.group(4), v);
        if ((m = COMPACT.matcher(v)).matches()) return of(m.group(1), m.group(2), m.group(3), v);
        if ((m = CHINESE.matcher(v)).matches()) return of(m.group(1), m.group(2), m.group(3), v);
        if (DAY_OR_MONTH_FIRST.matcher(v).matches()) throw new DateTimeException("is day-first or month-first, which cannot be told apart; " + EXPECTED);
        if (SERIAL.matcher(v).matches()) {
            throw new DateTimeException("looks like a spreadsheet's day number, not a date: format the column as a date; " + EXPECTED);
        }
        throw new DateTimeException("is not a date (" + EXPECTED + ")");
    }

    /** The date a cell holds, or null when it is blank or no date (for callers whose validation has already named it). */
    public static LocalDate orNull(String cell) {
        if (cell == null || cell.isBlank()) return null;
        try {
            return parse(cell);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static LocalDate of(String year, String month, String day, String cell) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            throw new DateTimeException("is not a date: " + e.getMessage() + " (" + EXPECTED + ")");
        }
    }
}
