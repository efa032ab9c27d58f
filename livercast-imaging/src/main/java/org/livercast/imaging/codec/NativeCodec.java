package org.livercast.imaging.codec;

import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.Tag;

/** Uncompressed pixel data: 1/8/16/32-bit, signed or unsigned, either byte order, pixel- or plane-interleaved. */
final class NativeCodec {
    private NativeCodec() {}

    static Pixels decode(String file, byte[] bytes, boolean bigEndian, PixelDecoder.Layout l) {
        if ("YBR_FULL_422".equals(l.photometric()) && l.samples() == 3 && l.bitsAllocated() == 8) return ybr422(file, bytes, l);
        int n = l.frames() * l.rows() * l.columns() * l.samples();
        long needed = l.bitsAllocated() == 1 ? (n + 7) / 8 : (long) n * (l.bitsAllocated() / 8);
        if (bytes == null || bytes.length < needed) {
            throw new DicomFileException(file, Tag.PixelData, "holds " + (bytes == null ? 0 : bytes.length) + " bytes but "
                    + l.frames() + " frame(s) of " + l.rows() + "x" + l.columns() + "x" + l.samples() + " at " + l.bitsAllocated()
                    + " bits need " + needed);
        }
        int[] out = new int[n];
        switch (l.bitsAllocated()) {
            case 1 -> {
                for (int i = 0; i < n; i++) out[i] = (bytes[i >> 3] >> (i & 7)) & 1;
            }
            case 8 -> {
                for (int i = 0; i < n; i++) out[i] = l.signed() ? bytes[i] : bytes[i] & 0xFF;
            }
            case 16 -> {
                for (int i = 0; i < n; i++) {
                    int a = bytes[2 * i] & 0xFF;
                    int b = bytes[2 * i + 1] & 0xFF;
                    int v = bigEndian ? a << 8 | b : b << 8 | a;
                    out[i] = l.signed() ? (short) v : v;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    int a = bytes[4 * i] & 0xFF;
                    int b = bytes[4 * i + 1] & 0xFF;
                    int c = bytes[4 * i + 2] & 0xFF;
                    int d = bytes[4 * i + 3] & 0xFF;
                    out[i] = bigEndian ? a << 24 | b << 16 | c << 8 | d : d << 24 | c << 16 | b << 8 | a;
                }
            }
        }
        if (l.bitsAllocated() > 8 && l.bitsStored() < l.bitsAllocated() && l.bitsAllocated() != 1) mask(out, l);
        int[] interleaved = l.samples() > 1 && l.planarConfiguration() == 1 ? interleave(out, l) : out;
        return new Pixels(l.frames(), l.rows(), l.columns(), l.samples(), l.bitsAllocated(), l.signed(), interleaved);
    }

    /**
     * Uncompressed YBR_FULL_422 stores two luminance samples per shared chroma pair (Y1 Y2 Cb Cr); expanded to three
     * samples per pixel as pydicom does, values left in YBR.
     */
    private static Pixels ybr422(String file, byte[] bytes, PixelDecoder.Layout l) {
        int px = l.rows() * l.columns();
        int needed = l.frames() * px * 2;
        if (bytes == null || bytes.length < needed) {
            throw new DicomFileException(file, Tag.PixelData, "holds " + (bytes == null ? 0 : bytes.length) + " bytes; YBR_FULL_422 needs " + needed);
        }
        int[] out = new int[l.frames() * px * 3];
        for (int f = 0; f < l.frames(); f++) {
            for (int i = 0; i < px / 2; i++) {
                int in = f * px * 2 + 4 * i;
                int o = (f * px + 2 * i) * 3;
                int cb = bytes[in + 2] & 0xFF;
                int cr = bytes[in + 3] & 0xFF;
                out[o] = bytes[in] & 0xFF;
                out[o + 1] = cb;
                out[o + 2] = cr;
                out[o + 3] = bytes[in + 1] & 0xFF;
                out[o + 4] = cb;
                out[o + 5] = cr;
            }
        }
        return new Pixels(l.frames(), l.rows(), l.columns(), 3, 8, false, out);
    }

    /** Keeps only the stored bits (and sign-extends them) as pydicom does with Bits Stored &lt; Bits Allocated. */
    static void mask(int[] v, PixelDecoder.Layout l) {
        int bits = l.bitsStored();
        for (int i = 0; i < v.length; i++) {
            int x = v[i] & ((1 << bits) - 1);
            if (l.signed() && (x & (1 << (bits - 1))) != 0) x -= 1 << bits;
            v[i] = x;
        }
    }

    /** Planar (RRR…GGG…BBB…) to pixel-interleaved (RGBRGB…), frame by frame. */
    static int[] interleave(int[] planar, PixelDecoder.Layout l) {
        int px = l.rows() * l.columns();
        int s = l.samples();
        int[] out = new int[planar.length];
        for (int f = 0; f < l.frames(); f++) {
            int base = f * px * s;
            for (int c = 0; c < s; c++) for (int i = 0; i < px; i++) out[base + i * s + c] = planar[base + c * px + i];
        }
        return out;
    }
}
