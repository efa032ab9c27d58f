package org.livercast.learn.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * One patient's inputs as the network takes them: a float vector per modality, a bag modality's instances flattened
 * (instances × width floats). A bag may live in a {@link BagSpill} file rather than on the heap — a cohort of
 * foundation-model features that would not fit — and is then read whenever a batch is packed ({@link #copyInto}).
 * Immutable: the derived patients ({@link #with}, {@link #plus}, {@link #only}) share the vectors they keep.
 */
public final class ModalityVectors {
    private final float[][] held;          // per modality; null where spilled
    private final BagSpill.Slot[] spilled; // per modality; null where held

    private ModalityVectors(float[][] held, BagSpill.Slot[] spilled) {
        this.held = held;
        this.spilled = spilled;
    }

    /** The vectors held as they are (not copied). */
    public static ModalityVectors of(float[]... vectors) {
        return new ModalityVectors(vectors.clone(), new BagSpill.Slot[vectors.length]);
    }

    public int size() { return held.length; }

    /** Floats of modality {@code k}: its width, or a bag's instances × width (0 for an absent bag). */
    public int floats(int k) {
        return spilled[k] != null ? spilled[k].floats() : held[k].length;
    }

    /** Whether modality {@code k} is in a spill file rather than on the heap. */
    public boolean spilled(int k) { return spilled[k] != null; }

    /** Modality {@code k}'s vector: the array held, or a spilled bag read into a new one. Do not modify it. */
    public float[] get(int k) {
        if (spilled[k] == null) return held[k];
        float[] out = new float[spilled[k].floats()];
        copyInto(k, out, 0);
        return out;
    }

    /** Copies modality {@code k}'s floats into {@code dst} from {@code at} (a spilled bag is read straight there). */
    public void copyInto(int k, float[] dst, int at) {
        if (spilled[k] == null) {
            System.arraycopy(held[k], 0, dst, at, held[k].length);
            return;
        }
        try {
            spilled[k].readInto(dst, at);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a slide's tiles back from " + spilled[k].file(), e);
        }
    }

    /**
     * Whether modality {@code k} is the very same vector in both patients (one patient's variants: its occlusions, its
     * strategies), not merely equal floats.
     */
    public boolean shares(int k, ModalityVectors other) {
        return spilled[k] != null ? spilled[k].equals(other.spilled[k]) : held[k] == other.held[k];
    }

    /** This patient with modality {@code k}'s vector replaced. */
    public ModalityVectors with(int k, float[] v) {
        float[][] h = held.clone();
        BagSpill.Slot[] s = spilled.clone();
        h[k] = v;
        s[k] = null;
        return new ModalityVectors(h, s);
    }

    /** This patient with one more modality after the others (the therapy model's strategy). */
    public ModalityVectors plus(float[] v) {
        float[][] h = Arrays.copyOf(held, held.length + 1);
        h[held.length] = v;
        return new ModalityVectors(h, Arrays.copyOf(spilled, spilled.length + 1));
    }

    /** Modality {@code k} alone, as a patient of one modality (where it lives unchanged). */
    public ModalityVectors only(int k) {
        return new ModalityVectors(new float[][] {held[k]}, new BagSpill.Slot[] {spilled[k]});
    }

    /** This patient with modality {@code k} written to {@code spill} and no longer held (an empty bag stays held). */
    public ModalityVectors spill(int k, BagSpill spill) throws IOException {
        if (spilled[k] != null || held[k].length == 0) return this;
        float[][] h = held.clone();
        BagSpill.Slot[] s = spilled.clone();
        s[k] = spill.write(held[k]);
        h[k] = null;
        return new ModalityVectors(h, s);
    }
}
