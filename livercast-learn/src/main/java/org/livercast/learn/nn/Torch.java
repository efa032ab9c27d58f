package org.livercast.learn.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The one place LiverCast asks for PyTorch: always the CPU build shipped in the pytorch-native-cpu jar from Maven
 * Central, never a download ({@code ai.djl.offline=true}), single-threaded inter-op so that results are
 * deterministic for a seed. Everything holding native memory comes from {@link #newManager()} and is closed with it.
 */
public final class Torch {
    private Torch() {}

    private static Engine engine;

    public static synchronized Engine engine() {
        if (engine == null) {
            if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
            // Intra-op threads follow the cores; inter-op parallelism would reorder float sums between runs.
            if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            // Said explicitly: left to itself the native library ran these models about 1.5x slower on 2 cores.
            if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
            }
            engine = Engine.getEngine("PyTorch");
        }
        return engine;
    }

    public static NDManager newManager() {
        return engine().newBaseManager();
    }

    /** Seeds PyTorch's generator (weight initialisation, dropout) and DJL's. */
    public static void seed(long seed) {
        engine().setRandomSeed((int) seed);
    }

    /**
     * Runs {@code work} with {@code threads} intra-op threads on the calling thread, then restores the setting. Small
     * networks train faster on one thread than on two, and do not stall when another process wants the cores: the
     * OpenMP workers spin at every barrier, and a two-thread training of the therapy model took 7x longer beside two
     * busy processes, one thread 1.7x (BENCHMARKS.md). The result can differ in the last bits from a two-thread run (a
     * reduction split over two threads rounds differently), so a model is reproducible for a given thread count.
     */
    public static <T> T withThreads(int threads, java.util.function.Supplier<T> work) {
        engine();
        int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        try {
            return work.get();
        } finally {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(before);
        }
    }
}
