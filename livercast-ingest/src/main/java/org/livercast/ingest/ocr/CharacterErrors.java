package org.livercast.ingest.ocr;

/**
 * How far a reading is from the text it should be: the character error rate OCR is judged by — the edits (a character
 * put in, left out or changed) that turn the one into the other, over the length of the right text, white space aside
 * (a page's layout spaces words its own way).
 */
public final class CharacterErrors {
    private CharacterErrors() {}

    /** The rate, 0 for a perfect reading; the edits over the right text's characters. */
    public static double rate(String right, String read) {
        String a = right.replaceAll("\\s+", "");
        String b = read.replaceAll("\\s+", "");
        return (double) edits(a, b) / Math.max(1, a.length());
    }

    /** The Levenshtein distance, in UTF-16 units (a report's characters are all in the Basic Multilingual Plane). */
    public static int edits(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
