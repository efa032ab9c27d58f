package org.livercast.ingest.ocr;

import java.util.List;
import java.util.Locale;

/**
 * A scanned report's text as the OCR engine read it, with how sure it was: what ingest stores beside the text, so
 * whoever reads the report later knows it was read from an image.
 *
 * @param text           the pages' text, a page after the other
 * @param pages          pages read
 * @param meanConfidence the mean confidence of its characters, 0–100 (NaN: no character read)
 * @param language       the trained language that read it ("chi_sim", "eng")
 * @param engine         the engine and its version ("Tesseract 5.3.0")
 * @param doubtful       the words read with little confidence ({@link PageText#doubtful()}), in page order
 * @param corrections    look-alikes put back to the report's phrases ({@link PageText#corrections()}), in page order
 */
public record Transcript(String text, int pages, double meanConfidence, String language, String engine, List<PageText.Word> doubtful,
                         List<String> corrections) {
    /** Doubtful words named in a note; more are counted. */
    private static final int DOUBTFUL_NAMED = 8;

    public Transcript {
        doubtful = List.copyOf(doubtful);
        corrections = List.copyOf(corrections);
    }

    /**
     * Below this mean confidence a transcript is not used. Scans of printed reports at 300 dpi read at 85–92 (100 in
     * BENCHMARKS.md's run); the same page faxed at 60 dpi read at 74, with one word in six made up (传, 醋, 厌 where the
     * report had none), and a digit of a date or a grade there is as likely wrong as right.
     */
    public static final double MIN_MEAN_CONFIDENCE = 80;

    /** Whether the engine read enough, and surely enough, to use the text. */
    public boolean legible() {
        return !text.isBlank() && !Double.isNaN(meanConfidence) && meanConfidence >= MIN_MEAN_CONFIDENCE;
    }

    /** How it was read, as the store and the ingest report say it: "by OCR (Tesseract 5.3.0, chi_sim; 1 page, mean confidence 91%)". */
    public String readAs() {
        return "by OCR (" + engine + ", " + language + "; " + pages + (pages == 1 ? " page" : " pages") + ", mean confidence "
                + (Double.isNaN(meanConfidence) ? "-" : String.format(Locale.ROOT, "%.0f%%", meanConfidence)) + ")";
    }

    /** "doubtful words: '1' (47%), '楷' (0%)", or "" when there are none: where the reader should look first. */
    public String doubtfulWords() {
        if (doubtful.isEmpty()) return "";
        StringBuilder s = new StringBuilder("doubtful words: ");
        for (int i = 0; i < Math.min(DOUBTFUL_NAMED, doubtful.size()); i++) {
            PageText.Word w = doubtful.get(i);
            if (i > 0) s.append(", ");
            s.append('\'').append(w.text()).append("' (").append(String.format(Locale.ROOT, "%.0f%%", w.confidence())).append(')');
        }
        if (doubtful.size() > DOUBTFUL_NAMED) s.append(" and ").append(doubtful.size() - DOUBTFUL_NAMED).append(" more");
        return s.toString();
    }

    /** Why a transcript is not used, for the file's note. */
    public String whyNotUsed() {
        if (text.isBlank()) return "read " + readAs() + ": no text found on the page";
        return "read " + readAs() + ", below the " + String.format(Locale.ROOT, "%.0f%%", MIN_MEAN_CONFIDENCE)
                + " LiverCast uses: scan the report again (300 dpi, straight, in focus) or export its text";
    }
}
