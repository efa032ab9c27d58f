package org.livercast.core.io;

import com.ibm.icu.text.Transliterator;

/**
 * Chinese text in simplified characters, whichever script it was written in. Reports from Taiwan and Hong Kong are
 * written in traditional characters (住院號, 病理診斷, 衛星結節：無); the findings readers, the header stripping and the
 * report classification know the simplified vocabulary of mainland reports (住院号, 病理诊断, 卫星结节：无), so a
 * traditional report is read through its simplified form — ICU's Traditional-Simplified transliteration, character by
 * character. Simplified text, and text without Chinese characters, comes back as it was.
 */
public final class ChineseScript {
    private ChineseScript() {}

    /** Loaded on first use (about 0.2 s): most runs read no Chinese text. */
    private static final class Holder {
        static final Transliterator TO_SIMPLIFIED = Transliterator.getInstance("Traditional-Simplified");
    }

    private static final class TraditionalHolder {
        static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Simplified-Traditional");
    }

    /** The text with traditional characters written as simplified ones (null stays null). */
    public static String simplified(String text) {
        if (text == null || text.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) return text;
        // One transliterator shared: ICU does not promise that concurrent use is safe, and a report is short.
        synchronized (Holder.TO_SIMPLIFIED) {
            return Holder.TO_SIMPLIFIED.transliterate(text);
        }
    }

    /**
     * The text with simplified characters written as traditional ones (null stays null): how a Taiwan or Hong Kong
     * hospital would write it, and which characters of a text have a traditional form of their own.
     */
    public static String traditional(String text) {
        if (text == null || text.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) return text;
        synchronized (TraditionalHolder.TO_TRADITIONAL) {
            return TraditionalHolder.TO_TRADITIONAL.transliterate(text);
        }
    }
}
