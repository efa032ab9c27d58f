package org.livercast.imaging.codec;

import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.Tag;

/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits segment per byte plane
 * (most significant byte first, sample after sample).
 */
final class RleCodec {
    private RleCodec() {}

    static int[] decode(String file, byte[] frame, PixelDecoder.Layout l) {
        if (frame.length < 64) throw new DicomFileException(file, Tag.PixelData, "RLE frame shorter than its 64-byte header");
        int segments = le32(frame, 0);
        int bytesPerSample = l.bitsAllocated() / 8;
        if (segments != l.samples() * bytesPerSample || segments < 1 || segments > 15) {
            throw new DicomFileException(file, Tag.PixelData, "RLE header declares " + segments + " segments; "
                    + l.samples() + " sample(s) of " + l.bitsAllocated() + " bits need " + l.samples() * bytesPerSample);
        }
        int px = l.rows() * l.columns();
        int[] out = new int[px * l.samples()];
        for (int s = 0; s < segments; s++) {
            int start = le32(frame, 4 + 4 * s);
            int end = s + 1 < segments ? le32(frame, 8 + 4 * s) : frame.length;
            if (start < 64 || end > frame.length || start > end) {
                throw new DicomFileException(file, Tag.PixelData, "RLE segment " + (s + 1) + " has offsets outside the frame");
            }
            byte[] plane = unpack(file, frame, start, end, px);
            int sample = s / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
            for (int i = 0; i < px; i++) out[i * l.samples() + sample] |= (plane[i] & 0xFF) << shift;
        }
        if (l.signed()) {
            for (int i = 0; i < out.length; i++) {
                if (l.bitsAllocated() == 16) out[i] = (short) out[i];
                else if (l.bitsAllocated() == 8) out[i] = (byte) out[i];
            }
        }
        return out;
    }

    /** PackBits: n ≥ 0 copies n+1 literal bytes; −127 ≤ n ≤ −1 repeats the next byte 1−n times; −128 is a no-op. */
    static byte[] unpack(String file, byte[] in, int start, int end, int expected) {
        byte[] out = new byte[expected];
        int o = 0;
        int i = start;
        while (i < end && o < expected) {
            int n = in[i++];
            if (n >= 0) {
                int count = n + 1;
                if (i + count > end || o + count > expected) throw new DicomFileException(file, Tag.PixelData, "RLE literal run overflows");
                System.arraycopy(in, i, out, o, count);
                i += count;
                o += count;
            } else if (n != -128) {
                int count = 1 - n;
                if (i >= end || o + count > expected) throw new DicomFileException(file, Tag.PixelData, "RLE replicate run overflows");
                java.util.Arrays.fill(out, o, o + count, in[i++]);
                o += count;
            }
        }
        if (o != expected) throw new DicomFileException(file, Tag.PixelData, "RLE segment decodes to " + o + " bytes, expected " + expected);
        return out;
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
