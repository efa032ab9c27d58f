package org.livercast.learn.slide;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress of embedding a cohort's slides, which a foundation model on CPU makes the longest step of a run (a ViT-L: about
 * two hours for a real slide): a bar at each tenth of the slides, and at least once a minute, with the time left at the
 * rate so far. Thread-safe: slides are embedded in parallel.
 */
public final class SlideProgress {
    private static final long MIN_INTERVAL_NS = 60_000_000_000L;

    private final int total;
    private final Consumer<String> progress;
    private final long startedNs = System.nanoTime();
    private int done;
    private long lastPrintNs = startedNs;

    public SlideProgress(int total, Consumer<String> progress) {
        this.total = total;
        this.progress = progress;
    }

    public synchronized void slideDone() {
        done++;
        long now = System.nanoTime();
        boolean tenth = done % Math.max(1, total / 10) == 0 || done == total;
        if (!tenth && now - lastPrintNs < MIN_INTERVAL_NS) return;
        lastPrintNs = now;
        progress.accept(line(done, total, (now - startedNs) / 1e9));
    }

    /** e.g. "  slides 45/450 [##                  ] 12 s, about 1 min 48 s left". */
    static String line(int done, int total, double elapsedSeconds) {
        int filled = (int) Math.round(20.0 * done / total);
        String left = done == total ? "" : ", about " + duration(elapsedSeconds / done * (total - done)) + " left";
        return String.format(Locale.ROOT, "  slides %d/%d [%s%s] %s%s", done, total, "#".repeat(filled), " ".repeat(20 - filled),
                duration(elapsedSeconds), left);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
