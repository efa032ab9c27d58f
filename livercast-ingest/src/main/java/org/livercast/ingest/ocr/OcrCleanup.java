package org.livercast.ingest.ocr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what Tesseract writes into text as the report's system wrote it, so the de-identification, the report's
 * linkage and the findings read the same from a scan as from the text:
 * <ul>
 *   <li>Chinese punctuation: the engine writes a full-width colon or bracket as an ASCII one with spaces around it
 *       ({@code 姓名 : 刘芳敏}, {@code 微血管侵犯 (MVI ) :}); after a Chinese character they are full-width again and the
 *       spaces go ({@code 姓名：刘芳敏}, {@code 微血管侵犯（MVI）：}). A space the engine leaves between two Chinese
 *       characters stays: it saw a gap there ({@code 刘芳敏  住院号}), and the name ends at it.</li>
 *   <li>Numbers: in a token that is mostly digits (a date, a record number, a size) the letters O and l are the digits
 *       they look like ({@code 2019-O6-l4} → {@code 2019-06-14}), so a misread date is still found and shifted.</li>
 *   <li>Specks: a line of one stray mark that is neither a letter nor a digit (a dot of dirt read as {@code °}) is
 *       dropped, and so are the blank lines the engine puts between blocks.</li>
 *   <li>Grades: a Roman grade written with l or | for I, an MVI or margin class with O for 0 ({@link #grades}).</li>
 * </ul>
 * Words are not corrected otherwise: what the engine misread stays misread, and its confidence says so; words it
 * doubts are marked where they stood ({@link PageText#MIN_WORD_CONFIDENCE}).
 */
public final class OcrCleanup {
    private OcrCleanup() {}

    private static final String HAN = "\\p{IsHan}";
    /** Full-width punctuation a Chinese report writes. */
    private static final String WIDE = "，。；：、（）！？";
    private static final Pattern HAN_COLON = Pattern.compile("(" + HAN + "|）)[ \\t]*:[ \\t]*");
    private static final Pattern HAN_OPEN = Pattern.compile("(" + HAN + ")[ \\t]*\\([ \\t]*");
    private static final Pattern WIDE_CLOSE = Pattern.compile("（([^()（）\\n]*?)[ \\t]*\\)");
    private static final Pattern HAN_COMMA = Pattern.compile("(" + HAN + ")[ \\t]*,[ \\t]*(?=" + HAN + ")");
    private static final Pattern SPACE_AROUND_WIDE = Pattern.compile("[ \\t]*([" + WIDE + "])[ \\t]*");
    /** A Roman grade as the engine writes it in sans-serif type (I, l and | are one glyph there): before 级, or after "grade". */
    private static final Pattern ROMAN_GRADE = Pattern.compile("(?<![A-Za-z0-9])([Il|]{1,3}|[Il|]?V)(?=[级級]|期)|(?<=(?i:grade) )([Il|]{1,3}|[Il|]?V)(?![A-Za-z0-9])");
    /**
     * A full-width bracket the engine read as a C before the MVI label or a class ({@code （CMVI）}, {@code （CRO）}): only
     * those, as （CT） and （CEA） are written with a C.
     */
    private static final Pattern BRACKET_AS_C = Pattern.compile("（C(MVI|[MR][Oo0lI|12])）");
    /** A space the engine left between a grade and its 级 (II 级). */
    private static final Pattern SPACE_BEFORE_JI = Pattern.compile("(?<=[A-Za-z0-9|])[ \\t]+(?=[级級])");
    /**
     * MVI and margin classes (M0–M2, R0–R2) with the letter O for the zero (or the zero read twice, as O and 0: the
     * traditional-Chinese model's MO0, RO0), l or I or | for the one.
     */
    private static final Pattern CLASS_TOKEN = Pattern.compile("(?<![A-Za-z0-9])([MR])([Oo]0|0[Oo]|[Oo0]|[lI|1]|2)(?![A-Za-z0-9])");
    /** A token of digits with look-alike letters in it: 2019-O6-l4, C0l14852244 is not one (its C is a letter). */
    private static final Pattern NUMBER_TOKEN = Pattern.compile("(?<![A-Za-z0-9])[\\dOolI|][\\dOolI|.:/-]*[\\dOolI|](?![A-Za-z0-9])");

    /** The cleaned text of one page. */
    public static String clean(String ocr) {
        List<String> lines = new ArrayList<>();
        for (String raw : ocr.replace("\r\n", "\n").replace('\f', '\n').split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || speck(line)) continue;
            lines.add(line(line));
        }
        return String.join("\n", lines);
    }

    static String line(String s) {
        s = HAN_OPEN.matcher(s).replaceAll("$1（");
        s = WIDE_CLOSE.matcher(s).replaceAll("（$1）");
        s = HAN_COLON.matcher(s).replaceAll("$1：");
        s = HAN_COMMA.matcher(s).replaceAll("$1，");
        s = SPACE_AROUND_WIDE.matcher(s).replaceAll("$1");
        s = grades(s);
        return numbers(s);
    }

    /**
     * The two kinds of token a pathology report grades with, as they were printed: a Roman grade written with l or |
     * for I ({@code ll级} → {@code II级}, {@code |V级} → {@code IV级}); an MVI or margin class with O for 0 or l for 1
     * ({@code RO}, {@code RO0} → {@code R0}), and a bracket before either read as C ({@code （CRO）} → {@code （R0）}).
     */
    static String grades(String s) {
        s = SPACE_BEFORE_JI.matcher(s).replaceAll("");
        s = BRACKET_AS_C.matcher(s).replaceAll("（$1）");
        s = ROMAN_GRADE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group().replace('l', 'I').replace('|', 'I')));
        return CLASS_TOKEN.matcher(s).replaceAll(m -> m.group(1) + switch (m.group(2)) {
            case "2" -> "2";
            case "l", "I", "|", "1" -> "1";
            default -> "0";
        });
    }

    /** A full stop at a line's end read as a comma or the letter o, after a Chinese character, a digit or a closing bracket. */
    private static final Pattern STOP_AS_COMMA = Pattern.compile("(?<=[\\p{IsHan}0-9）)])[,，o](?=[ \t]*(\n|$))");

    /**
     * The traditional-Chinese model reads a full stop printed low at the left of its box, as mainland type sets it, as a
     * comma or an o at a line's end (完整, / LR-5o): it is trained on Taiwan's type, which centres the stop. A report's line
     * ends a sentence; the comma would join it to the next line ({@link WrappedLines}). For traditional readings only:
     * a simplified reading's comma is a comma.
     */
    static String fullStopsAtLineEnds(String s) {
        return STOP_AS_COMMA.matcher(s).replaceAll("。");
    }

    /** Look-alike letters as digits, in tokens that are mostly digits. */
    static String numbers(String s) {
        Matcher m = NUMBER_TOKEN.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String t = m.group();
            long digits = t.chars().filter(Character::isDigit).count();
            long lookAlikes = t.chars().filter(c -> c == 'O' || c == 'o' || c == 'l' || c == 'I' || c == '|').count();
            // Mostly digits, and not a word that happens to be made of those letters ("Il", "I" alone).
            String fixed = digits >= 2 && digits > 2 * lookAlikes ? t.replace('O', '0').replace('o', '0').replace('l', '1').replace('I', '1').replace('|', '1') : t;
            m.appendReplacement(out, Matcher.quoteReplacement(fixed));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean speck(String line) {
        return line.codePointCount(0, line.length()) == 1 && !Character.isLetterOrDigit(line.codePointAt(0));
    }
}
