package org.livercast.learn.train;

import java.util.Locale;
import org.livercast.learn.data.UnusableInputException;

/**
 * Whether a cohort's slides fit the Java heap, checked once they are read and before any training: the networks hold
 * every patient's bag flattened (tiles × (features + 1) floats), so a foundation model's cohort that does not fit fails
 * with OutOfMemoryError hours later otherwise. Refused only when the bags alone would take more than nine tenths of the
 * heap — a run that fails for certain — naming the two remedies.
 */
final class SlideMemory {
    private SlideMemory() {}

    /** Share of the heap beyond which the bags alone leave too little for anything else. */
    static final double MAX_SHARE = 0.9;

    /** Bytes of the flattened bags: every kept tile's features and its "real tile" flag, as floats. */
    static long bagBytes(long tiles, int features) {
        return tiles * (features + 1L) * Float.BYTES;
    }

    /**
     * @param tiles the tiles the run keeps, over every slide (each at most the per-slide cap)
     * @param maxHeapBytes {@link Runtime#maxMemory()}
     * @throws UnusableInputException when the bags would not fit
     */
    static void require(long tiles, int features, int slides, int maxTilesPerSlide, long maxHeapBytes) throws UnusableInputException {
        long need = bagBytes(tiles, features);
        if (need <= MAX_SHARE * maxHeapBytes) return;
        throw new UnusableInputException(String.format(Locale.ROOT,
                "the %d slides' %,d tiles of %d features need %.1f GB held as the networks' input, and the Java heap is %.1f GB: "
                        + "lower --max-tiles-per-slide (now %d) or give the JVM more memory (LIVERCAST_JAVA_OPTS=-Xmx…g)",
                slides, tiles, features, need / 1e9, maxHeapBytes / 1e9, maxTilesPerSlide));
    }
}
