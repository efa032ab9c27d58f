package org.livercast.ingest.ocr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The phrases Chinese liver pathology and radiology reports are written in, for putting back a character the engine
 * took for a look-alike (廓清 read as 廊清, 癌累及 as 瘤累及 or 楷及): a stretch of text one character away from exactly
 * one phrase, in a Chinese character the engine was unsure of, becomes that phrase.
 *
 * <p>Never the other way round from what the report says: a phrase and its negation differ in one character (未见包膜,
 * 可见包膜), so both are phrases here; a stretch that is itself a phrase stays, and one a character away from two
 * phrases (偶见包膜) is left as read. Phrases are four characters or longer: a shorter one is a character away from too
 * many ordinary words.
 */
final class ReportLexicon {
    private ReportLexicon() {}

    private static final List<String> WRITTEN = List.of(
            // pathology
            "病理诊断", "肝细胞癌", "肝细胞肝癌", "胆管细胞癌", "肝内胆管细胞癌", "混合型肝癌", "微血管侵犯", "卫星结节", "未见癌累及",
            "包膜完整", "包膜不完整", "切缘阴性", "切缘阳性", "局灶性结节增生", "肝血管瘤", "脉管内癌栓", "报告日期", "分化程度",
            "组织学分级", "肿瘤大小",
            // radiology
            "检查日期", "检查报告", "动脉期明显强化", "动脉期环状强化", "动脉期环形强化", "动脉期高强化", "门脉期及延迟期廓清",
            "延迟期廓清", "未见廓清", "未见包膜", "包膜强化", "边缘光整", "边缘不光整", "边界不清", "瘤周异常强化", "未见瘤周异常强化",
            "见一肿块", "门静脉癌栓", "肝硬化背景");

    /** Every phrase, with the twin of each 未见 phrase in 可见 and of each 可见 in 未见: a finding and its negation. */
    static final List<String> PHRASES;

    static {
        Set<String> all = new LinkedHashSet<>(WRITTEN);
        for (String p : WRITTEN) {
            if (p.contains("未见")) all.add(p.replace("未见", "可见"));
            if (p.contains("可见")) all.add(p.replace("可见", "未见"));
        }
        PHRASES = List.copyOf(all);
    }

    /** A correction made: what was read, what it became. */
    record Correction(String read, String phrase) {
        @Override
        public String toString() { return read + "→" + phrase; }
    }

    /**
     * The text with look-alikes put back, where the engine was unsure of the character: {@code unsure} says which
     * characters it read with little confidence on this page (a character it read surely, 腺 in 肝细胞腺瘤, is not
     * taken for the 癌 of 肝细胞癌). {@code made} gets each correction.
     */
    static String correct(String text, java.util.function.IntPredicate unsure, List<Correction> made) {
        StringBuilder s = new StringBuilder(text);
        // Longest phrases first: 未见瘤累及 is put back to 未见癌累及 before its first four characters could be taken for 未见瘤周.
        for (int n = longest(); n >= 4; n--) {
            for (int i = 0; i + n <= s.length(); i++) {
                String window = s.substring(i, i + n);
                if (PHRASES.contains(window)) continue;
                String only = null;
                int near = 0;
                for (String p : PHRASES) {
                    if (p.length() != n || !oneHanOff(window, p, unsure)) continue;
                    near++;
                    only = p;
                }
                if (near == 1) {
                    s.replace(i, i + n, only);
                    made.add(new Correction(window, only));
                }
            }
        }
        return s.toString();
    }

    /** Differs from {@code phrase} in one place, where both have a Chinese character. */
    private static boolean oneHanOff(String window, String phrase, java.util.function.IntPredicate unsure) {
        int off = -1;
        for (int k = 0; k < window.length(); k++) {
            if (window.charAt(k) == phrase.charAt(k)) continue;
            if (off >= 0) return false;
            off = k;
        }
        return off >= 0 && han(window.charAt(off)) && han(phrase.charAt(off)) && unsure.test(window.charAt(off));
    }

    private static boolean han(char c) { return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN; }

    private static int longest() {
        int m = 0;
        for (String p : PHRASES) m = Math.max(m, p.length());
        return m;
    }

    /** For tests: the phrases as a list. */
    static List<String> phrases() { return new ArrayList<>(PHRASES); }
}
