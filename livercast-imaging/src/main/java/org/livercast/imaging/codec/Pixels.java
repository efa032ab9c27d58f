package org.livercast.imaging.codec;

/**
 * Stored pixel values of every frame, as pydicom's pixel_array gives them (before rescale): frames × rows ×
 * columns × samples, samples interleaved. 8/16-bit and signed 32-bit values are exact in an int; unsigned 32-bit
 * values are kept in the int's bits and read back with {@link #value(int)}.
 */
public record Pixels(int frames, int rows, int columns, int samples, int bitsAllocated, boolean signed, int[] data) {
    public int frameLength() { return rows * columns * samples; }

    public long value(int index) {
        int v = data[index];
        return bitsAllocated == 32 && !signed ? Integer.toUnsignedLong(v) : v;
    }

    public long sum() {
        long s = 0;
        for (int i = 0; i < data.length; i++) s += value(i);
        return s;
    }
}
