package org.livercast.imaging.codec;

import java.util.ArrayList;
import java.util.List;
import org.livercast.imaging.dicom.DicomElement;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.dicom.TransferSyntax;

/** Decodes a file's Pixel Data to stored values with the codec its transfer syntax names. */
public final class PixelDecoder {
    private PixelDecoder() {}

    /** The image attributes that say how to read the pixel bytes. */
    public record Layout(int frames, int rows, int columns, int samples, int bitsAllocated, int bitsStored, boolean signed,
                         int planarConfiguration, String photometric) {
        int frameBytes() { return rows * columns * samples * (bitsAllocated / 8); }
    }

    public static Layout layout(DicomFile f) {
        DicomObject d = f.dataSet();
        int rows = d.intValue(Tag.Rows, -1);
        int cols = d.intValue(Tag.Columns, -1);
        int bits = d.intValue(Tag.BitsAllocated, -1);
        if (rows <= 0) throw new DicomFileException(f.path(), Tag.Rows, "missing or not positive");
        if (cols <= 0) throw new DicomFileException(f.path(), Tag.Columns, "missing or not positive");
        if (bits != 1 && bits != 8 && bits != 16 && bits != 32) {
            throw new DicomFileException(f.path(), Tag.BitsAllocated, "is " + bits + "; LiverCast reads 1, 8, 16 and 32");
        }
        int samples = d.intValue(Tag.SamplesPerPixel, 1);
        int frames = Math.max(1, d.intValue(Tag.NumberOfFrames, 1));
        return new Layout(frames, rows, cols, samples, bits, d.intValue(Tag.BitsStored, bits), d.intValue(Tag.PixelRepresentation, 0) == 1,
                d.intValue(Tag.PlanarConfiguration, 0), d.string(Tag.PhotometricInterpretation));
    }

    public static Pixels decode(DicomFile f) {
        DicomElement pd = f.dataSet().get(Tag.PixelData)
                .orElseThrow(() -> new DicomFileException(f.path(), Tag.PixelData, "no pixel data in this file"));
        Layout l = layout(f);
        TransferSyntax ts = f.transferSyntax();
        if (f.truncated().isPresent()) throw new DicomFileException(f.path(), Tag.PixelData, "file is truncated: " + f.truncation());
        if (ts.codec() == TransferSyntax.Codec.UNSUPPORTED) {
            throw new DicomFileException(f.path(), Tag.TransferSyntaxUID, "unsupported transfer syntax " + TransferSyntax.describe(f.transferSyntaxUid()));
        }
        if (!ts.encapsulated()) {
            if (pd.isEncapsulated()) throw new DicomFileException(f.path(), Tag.PixelData, "encapsulated pixel data in a native transfer syntax");
            return NativeCodec.decode(f.path(), pd.value(), pd.bigEndian(), l);
        }
        if (!pd.isEncapsulated()) throw new DicomFileException(f.path(), Tag.PixelData, "native pixel data in compressed transfer syntax " + ts.uid());
        List<byte[]> frames = framesOf(f.path(), pd.fragments(), l.frames());
        int[] out = new int[l.frames() * l.rows() * l.columns() * l.samples()];
        int per = l.rows() * l.columns() * l.samples();
        for (int i = 0; i < frames.size(); i++) {
            int[] frame = switch (ts.codec()) {
                case RLE -> RleCodec.decode(f.path(), frames.get(i), l);
                case JPEG_LOSSLESS -> JpegLosslessCodec.decode(f.path(), frames.get(i), l);
                case JPEG_LS -> JpegLsCodec.decode(f.path(), frames.get(i), l);
                // Greyscale (and 12-bit) frames by our own IJG-exact decoder; 8-bit colour ones by the JDK's reader.
                case JPEG_EXTENDED -> JpegExtendedCodec.greyscale(frames.get(i)) ? JpegExtendedCodec.decode(f.path(), frames.get(i), l)
                        : ImageIoCodec.decode(f.path(), frames.get(i), l, TransferSyntax.Codec.JPEG_BASELINE);
                case JPEG_BASELINE, JPEG_2000 -> ImageIoCodec.decode(f.path(), frames.get(i), l, ts.codec());
                case NATIVE, UNSUPPORTED -> throw new IllegalStateException();
            };
            if (frame.length != per) {
                throw new DicomFileException(f.path(), Tag.PixelData, "frame " + (i + 1) + " decodes to " + frame.length + " values, expected " + per);
            }
            System.arraycopy(frame, 0, out, i * per, per);
        }
        return new Pixels(l.frames(), l.rows(), l.columns(), l.samples(), l.bitsAllocated(), l.signed(), out);
    }

    /**
     * Decodes a single-frame greyscale image straight into {@code dst} as slope·stored + intercept — the hot path of
     * volume assembly, skipping the int[] of stored values for native 16-bit data (other encodings go through
     * {@link #decode}).
     */
    public static void decodeRescaled(DicomFile f, double slope, double intercept, float[] dst, int offset) {
        decodeRescaledFrames(f, new int[] {0}, new double[] {slope}, new double[] {intercept}, dst, offset);
    }

    /**
     * Decodes frames of a greyscale image into {@code dst}, one after another from {@code offset}, in the order given
     * ({@code frames[k]} is the k-th written), each as its slope·stored + intercept: a multi-frame file's volume with its
     * frames sorted along the slice normal. Native 16-bit frames are read straight from the pixel bytes; other encodings
     * are decoded once for all frames.
     */
    public static void decodeRescaledFrames(DicomFile f, int[] frames, double[] slope, double[] intercept, float[] dst, int offset) {
        Layout l = layout(f);
        DicomElement pd = f.dataSet().get(Tag.PixelData).orElse(null);
        int n = l.rows() * l.columns();
        boolean fast = pd != null && !f.transferSyntax().encapsulated() && !pd.isEncapsulated() && f.truncated().isEmpty()
                && l.bitsAllocated() == 16 && l.bitsStored() == 16 && l.samples() == 1
                && pd.value() != null && pd.value().length >= 2L * n * l.frames();
        if (!fast) {
            Pixels p = decode(f);
            for (int k = 0; k < frames.length; k++) {
                int from = frames[k] * n;
                for (int i = 0; i < n; i++) dst[offset + k * n + i] = (float) (p.value(from + i) * slope[k] + intercept[k]);
            }
            return;
        }
        // A frame's values in one bulk copy (an intrinsic), then one plain loop the JIT vectorises.
        java.nio.ShortBuffer values = java.nio.ByteBuffer.wrap(pd.value())
                .order(pd.bigEndian() ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        short[] frame = new short[n];
        boolean signed = l.signed();
        for (int k = 0; k < frames.length; k++) {
            values.get(frames[k] * n, frame);
            int to = offset + k * n;
            if (slope[k] == 1 && intercept[k] == 0) {
                if (signed) for (int i = 0; i < n; i++) dst[to + i] = frame[i];
                else for (int i = 0; i < n; i++) dst[to + i] = frame[i] & 0xFFFF;
            } else {
                if (signed) for (int i = 0; i < n; i++) dst[to + i] = (float) (frame[i] * slope[k] + intercept[k]);
                else for (int i = 0; i < n; i++) dst[to + i] = (float) ((frame[i] & 0xFFFF) * slope[k] + intercept[k]);
            }
        }
    }

    /**
     * Signed samples from the unsigned bits a codec gives back: JPEG, JPEG-LS and JPEG 2000 code unsigned samples, and
     * signed data were stored as their {@code bits}-bit two's complement. In place; returns {@code values}.
     */
    static int[] signedFromBits(int[] values, int bits) {
        int mask = (1 << bits) - 1;
        int sign = 1 << (bits - 1);
        for (int i = 0; i < values.length; i++) {
            int x = values[i] & mask;
            values[i] = (x & sign) != 0 ? x - (1 << bits) : x;
        }
        return values;
    }

    /**
     * Splits fragments into frames: the first fragment is the basic offset table; with one frame every fragment
     * belongs to it, with as many fragments as frames each is a frame, otherwise the offset table decides.
     */
    public static List<byte[]> framesOf(String file, List<byte[]> fragments, int frames) {
        if (fragments.size() < 2) throw new DicomFileException(file, Tag.PixelData, "encapsulated pixel data holds no frame");
        byte[] table = fragments.get(0);
        List<byte[]> data = fragments.subList(1, fragments.size());
        List<byte[]> out = new ArrayList<>();
        if (frames == 1) {
            out.add(concat(data));
        } else if (data.size() == frames) {
            out.addAll(data);
        } else if (table.length == 4 * frames) {
            long[] offsets = new long[frames + 1];
            for (int i = 0; i < frames; i++) {
                offsets[i] = (table[4 * i] & 0xFFL) | (table[4 * i + 1] & 0xFFL) << 8 | (table[4 * i + 2] & 0xFFL) << 16 | (table[4 * i + 3] & 0xFFL) << 24;
            }
            offsets[frames] = Long.MAX_VALUE;
            List<byte[]> current = new ArrayList<>();
            long position = 0;
            int frame = 0;
            for (byte[] frag : data) {
                if (frame + 1 < frames && position >= offsets[frame + 1]) {
                    out.add(concat(current));
                    current = new ArrayList<>();
                    frame++;
                }
                current.add(frag);
                position += frag.length + 8;
            }
            out.add(concat(current));
        } else {
            throw new DicomFileException(file, Tag.PixelData, frames + " frames in " + data.size() + " fragments without an offset table");
        }
        if (out.size() != frames) throw new DicomFileException(file, Tag.PixelData, "found " + out.size() + " frames, expected " + frames);
        return out;
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int k = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }
}
