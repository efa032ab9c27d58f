package org.livercast.ingest.deid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.livercast.core.io.ClinicalDates;

/**
 * Removes identity from report text, Chinese and English: labelled fields (姓名/Name/Patient, 住院号/MRN, 电话/Tel,
 * 出生日期/DOB), bare mobile numbers, and every known identifier of the patient wherever it appears; the hospital
 * number becomes the pseudonym (so a reader still sees which patient), dates in any form a report writes them
 * ({@link TextDates}) move by the patient's {@link DateShift} and are written as ISO (a report's date still says how long
 * before or after surgery it was written); one whose day cannot be told is removed.
 */
public final class TextScrubber implements UnaryOperator<String> {
    private static final Pattern NAME_FIELD = Pattern.compile(
            "(姓名|患者姓名|病人姓名|Patient(?: name)?|Name)(\\s*[:：]\\s*)(\\p{IsHan}{2,4}|[A-Za-z][A-Za-z'^-]*(?: [A-Z][A-Za-z'-]*){0,3})");
    private static final Pattern ID_FIELD = Pattern.compile(
            "(住院号|住院號|病案号|病案號|病历号|病歷號|门诊号|門診號|身份证号|身份證號|身分證字號|身分證號|MRN|Hospital (?:No\\.?|number)"
                    + "|Medical record(?: number)?|ID card(?: number)?)(\\s*[:：]\\s*)([A-Za-z0-9-]{3,})",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PHONE_FIELD = Pattern.compile("(电话|電話|手机|手機|联系电话|聯絡電話|聯繫電話|Tel\\.?|Phone|Mobile)(\\s*[:：]\\s*)(\\+?[0-9][0-9 ()-]{5,}[0-9])",
            Pattern.CASE_INSENSITIVE);
    /** A birth date's label: whatever date follows it is the birth date, in any form {@link TextDates} finds. */
    private static final Pattern DOB_LABEL = Pattern.compile("(?:出生日期|DOB|Date of birth|Birth date)\\s*[:：]\\s*", Pattern.CASE_INSENSITIVE);
    /** Mainland mobile numbers (1 then 3–9, eleven digits) and Taiwan's (09 and eight digits). */
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(?:1[3-9]\\d{9}|09\\d{2}-?\\d{3}-?\\d{3})(?!\\d)");

    private final Identifiers ids;
    private final String pseudonym;
    private final DateShift shift;
    private final ClinicalDates.Order dateOrder;
    private final Map<String, Integer> counts = new TreeMap<>();
    /** Compiled once per identifier: one scrubber serves one patient and runs over every text element of every file. */
    private final Map<String, Pattern> patterns = new java.util.HashMap<>();

    public TextScrubber(Identifiers ids, String pseudonym, DateShift shift) { this(ids, pseudonym, shift, ClinicalDates.Order.YEAR_FIRST); }

    /** @param dateOrder how the centre writes 12/01/2024 (its columns.json's "dates"): such dates are shifted in that order */
    public TextScrubber(Identifiers ids, String pseudonym, DateShift shift, ClinicalDates.Order dateOrder) {
        this.ids = ids;
        this.pseudonym = pseudonym;
        this.shift = shift;
        this.dateOrder = dateOrder;
    }

    /** Learns the names written in labelled fields (a report may be the only source that names the patient). */
    public void learnFrom(String text) {
        Matcher m = NAME_FIELD.matcher(text);
        while (m.find()) ids.name(m.group(3));
        Matcher p = PHONE_FIELD.matcher(text);
        while (p.find()) ids.phone(p.group(3));
    }

    /** Actions taken so far, by kind. */
    public Map<String, Integer> counts() { return Map.copyOf(counts); }

    @Override
    public String apply(String text) {
        if (text == null || text.isEmpty()) return text;
        String s = text;
        s = replaceGroup(s, NAME_FIELD, 3, m -> "[NAME]", "name");
        s = replaceGroup(s, ID_FIELD, 3, m -> m.group(3).equals(ids.hospitalNumber()) ? pseudonym : "[ID]", "record number");
        s = replaceGroup(s, PHONE_FIELD, 3, m -> "[PHONE]", "phone");
        s = literal(s, ids.hospitalNumber(), pseudonym, "record number");
        for (String id : ids.otherIds()) s = literal(s, id, "[ID]", "record number");
        List<String> names = new ArrayList<>(ids.names());
        names.sort(Comparator.comparingInt(String::length).reversed());    // the full name before its parts
        for (String n : names) s = literal(s, n, "[NAME]", "name");
        for (String p : ids.phones()) s = literal(s, p, "[PHONE]", "phone");
        s = MOBILE.matcher(s).replaceAll(m -> { counts.merge("phone", 1, Integer::sum); return "[PHONE]"; });
        s = dates(s);
        return s;
    }

    /** A name this long or longer is also looked for one character off in OCR'd text; a shorter one would match common words. */
    private static final int NEAR_NAME_MIN_CHARS = 3;
    /** A record or phone number this long or longer is also looked for one character off in OCR'd text. */
    private static final int NEAR_NUMBER_MIN_CHARS = 6;

    /**
     * {@link #apply} for text OCR read from an image, where an identifier may come out a character off (刘芳敏 as 刘芳教,
     * C0114852244 as C0114B52244) and escape an exact match: after the exact pass, every stretch of the text as long as
     * a known name (3 characters or more) or number (6 or more) that differs from it in one character is replaced too.
     */
    public String applyToTranscript(String text) {
        String s = apply(text);
        if (s == null || s.isEmpty()) return s;
        s = nearly(s, ids.hospitalNumber(), pseudonym, "record number (OCR, one character off)", NEAR_NUMBER_MIN_CHARS);
        for (String id : ids.otherIds()) s = nearly(s, id, "[ID]", "record number (OCR, one character off)", NEAR_NUMBER_MIN_CHARS);
        for (String n : ids.names()) s = nearly(s, n, "[NAME]", "name (OCR, one character off)", NEAR_NAME_MIN_CHARS);
        for (String p : ids.phones()) s = nearly(s, p, "[PHONE]", "phone (OCR, one character off)", NEAR_NUMBER_MIN_CHARS);
        return s;
    }

    /** Replaces each stretch of {@code s} one character (case-insensitively) away from {@code needle}. */
    private String nearly(String s, String needle, String with, String kind, int minChars) {
        if (needle == null || needle.length() < minChars) return s;
        String n = needle.toLowerCase(java.util.Locale.ROOT);
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.length() != s.length()) return s;     // case folding changed lengths: positions would not line up
        StringBuilder out = new StringBuilder();
        int at = 0;
        int i = 0;
        while (i + n.length() <= s.length()) {
            int off = 0;
            for (int k = 0; k < n.length() && off <= 1; k++) if (lower.charAt(i + k) != n.charAt(k)) off++;
            // One off, and a whole word: not inside a longer number or Latin word.
            if (off == 1 && !wordChar(s, i - 1) && !wordChar(s, i + n.length())) {
                out.append(s, at, i).append(with);
                counts.merge(kind, 1, Integer::sum);
                i += n.length();
                at = i;
            } else {
                i++;
            }
        }
        return out.append(s, at, s.length()).toString();
    }

    private static boolean wordChar(String s, int i) {
        if (i < 0 || i >= s.length()) return false;
        char c = s.charAt(i);
        return c < 0x80 && Character.isLetterOrDigit(c);
    }

    /**
     * Every date moved by the patient's shift and written as ISO; the birth date (where labelled, or the day itself)
     * becomes [DOB]; a date whose day cannot be told (12/01/2024 from a centre that declared no order, a two-digit
     * year) becomes [DATE]: left as written it would be the real day.
     */
    private String dates(String s) {
        java.util.Set<Integer> afterDobLabel = new java.util.HashSet<>();
        Matcher label = DOB_LABEL.matcher(s);
        while (label.find()) afterDobLabel.add(label.end());
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (TextDates.Found f : TextDates.in(s, dateOrder)) {
            String replacement;
            if (afterDobLabel.contains(f.start()) || f.date() != null && f.date().equals(ids.birthDate())) {
                replacement = "[DOB]";
                counts.merge("birth date", 1, Integer::sum);
            } else if (f.date() == null) {
                replacement = "[DATE]";
                counts.merge("date removed", 1, Integer::sum);
            } else {
                replacement = shift.shift(f.date()).toString();
                counts.merge("date shifted", 1, Integer::sum);
            }
            out.append(s, at, f.start()).append(replacement);
            at = f.end();
        }
        out.append(s, at, s.length());
        if (ids.birthDate() != null) {
            String compact = ids.birthDate().toString().replace("-", "");
            return literal(out.toString(), compact, "[DOB]", "birth date");
        }
        return out.toString();
    }

    private String replaceGroup(String s, Pattern p, int group, java.util.function.Function<Matcher, String> with, String kind) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String keep = s.substring(m.start(), m.start(group));
            m.appendReplacement(out, Matcher.quoteReplacement(keep + with.apply(m)));
            counts.merge(kind, 1, Integer::sum);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whole-word, case-insensitive replacement for Latin text; plain replacement for Chinese characters and digits. */
    private String literal(String s, String needle, String with, String kind) {
        if (needle == null || needle.isBlank()) return s;
        Matcher m = pattern(needle).matcher(s);
        if (!m.find()) return s;
        int[] n = {0};
        String r = m.replaceAll(x -> { n[0]++; return Matcher.quoteReplacement(with); });
        counts.merge(kind, n[0], Integer::sum);
        return r;
    }

    /** Whole-word, case-insensitive for Latin text; a plain match (not inside a longer number) for Chinese characters and digits. */
    private Pattern pattern(String needle) {
        return patterns.computeIfAbsent(needle, n -> {
            boolean latin = n.chars().anyMatch(Character::isLetter) && n.chars().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            return latin ? Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(n) + "(?![A-Za-z0-9])", Pattern.CASE_INSENSITIVE)
                    : Pattern.compile("(?<![0-9])" + Pattern.quote(n) + "(?![0-9])");
        });
    }

    /** Which known identifiers survive in a text (a last check before anything is stored). */
    public List<String> leftovers(String text) {
        List<String> found = new ArrayList<>();
        if (occurs(text, ids.hospitalNumber())) found.add("hospital number");
        for (String n : ids.names()) if (occurs(text, n)) found.add("name");
        for (String p : ids.phones()) if (occurs(text, p)) found.add("phone");
        if (ids.birthDate() != null && TextDates.spellings(ids.birthDate()).stream().anyMatch(d -> occurs(text, d))) found.add("birth date");
        return found.stream().distinct().toList();
    }

    private boolean occurs(String text, String needle) {
        return needle != null && !needle.isBlank() && pattern(needle).matcher(text).find();
    }
}
