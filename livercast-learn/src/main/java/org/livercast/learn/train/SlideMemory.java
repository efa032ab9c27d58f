package org.livercast.learn.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.livercast.learn.data.UnusableInputException;
import org.livercast.learn.nn.BagSpill;

/**
 * Where a training run keeps its slides' bags, decided once they are read and before any training: the networks take
 * every patient's bag flattened (tiles × (features + 1) floats), which for a foundation model's cohort is gigabytes. On
 * the heap while they take at most half of it; beyond that in a scratch file beside the tile cache ({@link BagSpill}),
 * read back batch by batch — the same floats, so the same model, in bounded memory. A disk without room for them is
 * refused up front, naming the need, the space and the remedies.
 *
 * <p>{@code -Dlivercast.spill-bags=auto|always|never} (default auto): {@code always} spills whatever the size (a machine
 * whose memory is wanted elsewhere), {@code never} holds them on the heap and refuses a cohort that cannot fit it.
 */
final class SlideMemory {
    private SlideMemory() {}

    enum Mode { AUTO, ALWAYS, NEVER }

    /**
     * Share of the heap the bags may take and stay on it. A 420 MB cohort trained in a 600 MB heap (BENCHMARKS.md,
     * "Memory with a wide encoder's features"), but that close to the limit the collector runs most of the time; half
     * leaves the batches, the networks and the held-out patients their room.
     */
    static final double HEAP_SHARE = 0.5;

    /** Share of the heap beyond which the bags alone leave too little for anything else (refused under {@code never}). */
    static final double MAX_SHARE = 0.9;

    /** The mode asked by {@code -Dlivercast.spill-bags}. */
    static Mode mode() {
        String m = System.getProperty("livercast.spill-bags", "auto");
        try {
            return Mode.valueOf(m.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-Dlivercast.spill-bags=" + m + ": expected auto, always or never");
        }
    }

    /** Bytes of the flattened bags: every kept tile's features and its "real tile" flag, as floats. */
    static long bagBytes(long tiles, int features) {
        return tiles * (features + 1L) * Float.BYTES;
    }

    /** What the run needs to place its bags. */
    record Need(long tiles, int features, int slides, int maxTilesPerSlide) {
        long bytes() { return bagBytes(tiles, features); }

        String what() {
            return String.format(Locale.ROOT, "the %d slides' %,d tiles of %d features (%.1f GB as the networks' input)", slides, tiles, features, bytes() / 1e9);
        }
    }

    /**
     * @param maxHeapBytes {@link Runtime#maxMemory()}
     * @param spillDir where a spill file goes (the tile cache: a disk, where /tmp may be memory)
     * @return a spill file to move the bags to, or null to hold them on the heap
     * @throws UnusableInputException when they fit neither
     */
    static BagSpill place(Need need, long maxHeapBytes, Mode mode, Path spillDir, Consumer<String> progress) throws IOException {
        if (mode == Mode.NEVER || (mode == Mode.AUTO && need.bytes() <= HEAP_SHARE * maxHeapBytes)) {
            requireHeap(need, maxHeapBytes);
            return null;
        }
        Files.createDirectories(spillDir);
        long free = Files.getFileStore(spillDir).getUsableSpace();
        if (need.bytes() > free) {
            throw new UnusableInputException(String.format(Locale.ROOT,
                    "%s do not fit the Java heap (%.1f GB) and would be spilled to %s, which has %.1f GB free: free space there, "
                            + "give --tile-cache a larger disk or lower --max-tiles-per-slide (now %d)",
                    need.what(), maxHeapBytes / 1e9, spillDir, free / 1e9, need.maxTilesPerSlide()));
        }
        progress.accept(String.format(Locale.ROOT, "%s %s: training reads them from a scratch file in %s, removed after the run",
                need.what(), mode == Mode.ALWAYS ? "are spilled as asked (-Dlivercast.spill-bags=always)"
                        : String.format(Locale.ROOT, "take more than half the Java heap (%.1f GB)", maxHeapBytes / 1e9), spillDir));
        return BagSpill.create(spillDir);
    }

    /** Refuses bags that would take more than nine tenths of the heap — a run that fails for certain, hours in. */
    private static void requireHeap(Need need, long maxHeapBytes) throws UnusableInputException {
        if (need.bytes() <= MAX_SHARE * maxHeapBytes) return;
        throw new UnusableInputException(String.format(Locale.ROOT,
                "%s cannot be held by the Java heap (%.1f GB) and -Dlivercast.spill-bags=never forbids a scratch file: "
                        + "lower --max-tiles-per-slide (now %d) or give the JVM more memory (LIVERCAST_JAVA_OPTS=-Xmx…g)",
                need.what(), maxHeapBytes / 1e9, need.maxTilesPerSlide()));
    }
}
