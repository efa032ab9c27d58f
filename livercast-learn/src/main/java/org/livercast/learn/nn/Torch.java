package org.livercast.learn.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

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

    /**
     * A 0-d tensor holding {@code value} in memory PyTorch owns, in {@code like}'s manager: what an operation under
     * autograd takes instead of a Java number. DJL's {@code x.mul(2f)} (and div, maximum, minimum, pow with a number)
     * wraps the number in a tensor over a Java direct buffer and closes it as soon as the operation returns; autograd
     * keeps that tensor for the backward pass (d(x·s)/dx = s), but nothing keeps the buffer alive, so a garbage
     * collection between forward and backward frees it and the gradient reads whatever memory took its place. Trainings
     * then parted from their twins right after a collection, sporadically (a CI run at epoch 1, 2 of ~40 runs here), and
     * every time with a collection forced every 20 ms (TrainingRunTest). Operations whose gradient does not need the
     * number (add, sub) and tensors without gradient are safe with plain numbers.
     */
    public static NDArray scalar(NDArray like, float value) {
        return like.getManager().full(new Shape(), value);
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
