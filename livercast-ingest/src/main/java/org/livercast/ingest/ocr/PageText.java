package org.livercast.ingest.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * One page as Tesseract read it: its text, cleaned up as a report's text is written ({@link OcrCleanup}), and each
 * word's confidence from its TSV output.
 *
 * @param text       the page's text, a line a line
 * @param words      the words read, with the engine's confidence in each (0–100)
 * @param corrections look-alikes put back to the report phrase they stood in ("廊清→廓清": {@link ReportLexicon})
 */
public record PageText(String text, List<Word> words, List<String> corrections) {
    /**
     * A word the engine read, how sure it is of it, and where it stands on the page (pixels).
     *
     * @param line the block, paragraph and line it is in ("1.2.1")
     */
    public record Word(String text, double confidence, int left, int top, int width, int height, String line) {
        boolean sameLine(Word o) { return line.equals(o.line); }
    }

    public PageText {
        words = List.copyOf(words);
        corrections = List.copyOf(corrections);
    }

    /**
     * A character read with less confidence than this may be put back to the report phrase it is one look-alike away
     * from ({@link ReportLexicon}); one read surer stays as read. 90, not 80: read as one column (page segmentation 4)
     * the engine gave the 廊 of 未见廊清 81%, and a washout was lost (bench/ocr-vs-tesseract.sh: at 90 every finding of
     * its 100 scans is read as printed).
     */
    static final double UNSURE_CHARACTER_CONFIDENCE = 90;

    /**
     * A word read with less confidence than this is named as doubtful: on report pages the engine's readings below it
     * were wrong about as often as right (a Roman grade II read as 吊, a character of 累及 as 楷). They stay in the text —
     * replaced, the line's other words lost their places too (a doubted colon broke the report date's label) — and are
     * listed for the reader.
     */
    public static final double MIN_WORD_CONFIDENCE = 50;

    /** From Tesseract's "txt" and "tsv" outputs of the same page. */
    static PageText of(String txt, String tsv) {
        List<Word> words = words(tsv);
        return lexicon(OcrCleanup.clean(txt), words);
    }

    /**
     * From Tesseract's outputs and the page they were read from, in {@code language}: Roman grades are counted from its
     * ink ({@link RomanGrades}).
     */
    static PageText of(String txt, String tsv, java.awt.image.BufferedImage page, String language) {
        List<Word> words = words(tsv);
        String text = replaced(txt, words, RomanGrades.read(page, words));
        // Before wrapped lines are joined: a line taken to end in a comma runs on into the next.
        boolean traditional = language.startsWith("chi_tra");
        if (traditional) text = OcrCleanup.fullStopsAtLineEnds(text);
        String cleaned = OcrCleanup.clean(WrappedLines.join(text, tsv));
        // The report vocabulary is simplified: one character off a phrase is every 見 of a traditional 未見.
        return traditional ? new PageText(cleaned, words, List.of()) : lexicon(cleaned, words);
    }

    /** The page with the look-alikes the engine was unsure of put back to the report's phrases. */
    private static PageText lexicon(String text, List<Word> words) {
        java.util.Set<Integer> unsure = new java.util.HashSet<>();
        for (Word w : words) if (w.confidence() < UNSURE_CHARACTER_CONFIDENCE) w.text().codePoints().forEach(unsure::add);
        List<ReportLexicon.Correction> made = new ArrayList<>();
        String corrected = ReportLexicon.correct(text, unsure::contains, made);
        return new PageText(corrected, words, made.stream().map(Object::toString).toList());
    }

    /**
     * The txt output with the words at the given indices replaced. The txt is the TSV's words in the same order with
     * the engine's spacing between them, so each word is found from where the previous one ended.
     */
    static String replaced(String txt, List<Word> words, java.util.Map<Integer, String> with) {
        if (with.isEmpty()) return txt;
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int k = 0; k < words.size(); k++) {
            int i = txt.indexOf(words.get(k).text(), at);
            if (i < 0) continue;
            out.append(txt, at, i).append(with.getOrDefault(k, words.get(k).text()));
            at = i + words.get(k).text().length();
        }
        return out.append(txt, at, txt.length()).toString();
    }

    /** The words read with less than {@link #MIN_WORD_CONFIDENCE}, punctuation left out (a doubted colon misleads no one). */
    public List<Word> doubtful() {
        return words.stream().filter(w -> w.confidence() < MIN_WORD_CONFIDENCE && w.text().codePoints().anyMatch(Character::isLetterOrDigit)).toList();
    }

    /**
     * The words of a TSV output: its rows of level 5 (a word), columns level, page, block, paragraph, line, word, left,
     * top, width, height, conf, text. Rows with confidence -1 are layout (blocks, lines), not words.
     */
    static List<Word> words(String tsv) {
        List<Word> out = new ArrayList<>();
        for (String row : tsv.split("\n")) {
            String[] f = row.split("\t", -1);
            if (f.length < 12 || !f[0].equals("5")) continue;
            String text = f[11].strip();
            double conf;
            try {
                conf = Double.parseDouble(f[10]);
            } catch (NumberFormatException header) {
                continue;
            }
            if (conf >= 0 && !text.isEmpty()) {
                out.add(new Word(text, conf, Integer.parseInt(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]), Integer.parseInt(f[9]),
                        f[1] + "." + f[2] + "." + f[3] + "." + f[4]));
            }
        }
        return out;
    }

    /** Characters read (a word's confidence counts as many times as it has characters). */
    public long characters() {
        return words.stream().mapToLong(w -> w.text().codePointCount(0, w.text().length())).sum();
    }

    /** The mean confidence of the page's characters (0–100), NaN for a page without words. */
    public double meanConfidence() {
        double sum = 0;
        long n = 0;
        for (Word w : words) {
            int chars = w.text().codePointCount(0, w.text().length());
            sum += w.confidence() * chars;
            n += chars;
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
