package org.livercast.imaging.codec;

import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.Tag;

/**
 * JPEG lossless, Huffman, non-hierarchical (ITU T.81 process 14): any of the seven predictors, point transform,
 * interleaved components, restart intervals. Written for DICOM's 1.2.840.10008.1.2.4.57 and .70 (selection value 1),
 * which no Java library on Maven Central decodes.
 */
final class JpegLosslessCodec {
    private final String file;
    private final byte[] in;
    private int pos;
    private final HuffmanTable[] tables = new HuffmanTable[4];
    private int precision;
    private int width;
    private int height;
    private int[] componentIds;
    private int restartInterval;

    private JpegLosslessCodec(String file, byte[] in) {
        this.file = file;
        this.in = in;
    }

    static int[] decode(String file, byte[] frame, PixelDecoder.Layout l) {
        int[] out = new JpegLosslessCodec(file, frame).run();
        return l.signed() ? PixelDecoder.signedFromBits(out, l.bitsStored()) : out;
    }

    private int[] run() {
        if (u8(0) != 0xFF || u8(1) != 0xD8) throw error("JPEG frame does not start with SOI");
        pos = 2;
        while (pos + 4 <= in.length) {
            int marker = marker();
            int length = u16(pos);
            switch (marker) {
                case 0xC3 -> frameHeader();
                case 0xC4 -> huffmanTables(pos + length);
                case 0xDD -> restartInterval = u16(pos + 2);
                case 0xDA -> {
                    return scan();
                }
                case 0xC0, 0xC1, 0xC2, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xF7 ->
                        throw error("JPEG frame type 0xFF" + Integer.toHexString(marker).toUpperCase() + " is not lossless Huffman (process 14)");
                default -> { }
            }
            pos += length;
        }
        throw error("JPEG frame has no scan");
    }

    private int marker() {
        while (pos < in.length && u8(pos) != 0xFF) pos++;
        while (pos < in.length && u8(pos) == 0xFF) pos++;
        if (pos >= in.length) throw error("JPEG stream ends before a marker");
        return u8(pos++);
    }

    private void frameHeader() {
        precision = u8(pos + 2);
        height = u16(pos + 3);
        width = u16(pos + 5);
        int n = u8(pos + 7);
        componentIds = new int[n];
        for (int c = 0; c < n; c++) {
            componentIds[c] = u8(pos + 8 + 3 * c);
            int sampling = u8(pos + 9 + 3 * c);
            if (sampling != 0x11) throw error("JPEG lossless with subsampled components is not supported");
        }
        if (precision < 2 || precision > 16) throw error("JPEG lossless precision " + precision + " out of range");
    }

    private void huffmanTables(int end) {
        int p = pos + 2;
        while (p < end) {
            int tc = u8(p) >> 4;
            int th = u8(p) & 0x0F;
            if (tc != 0 || th > 3) throw error("unexpected Huffman table class " + tc + " / id " + th);
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = u8(p + 1 + i);
                total += counts[i];
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) symbols[i] = u8(p + 17 + i);
            tables[th] = new HuffmanTable(counts, symbols);
            p += 17 + total;
        }
    }

    private int[] scan() {
        if (componentIds == null) throw error("JPEG scan before its frame header");
        int ns = u8(pos + 2);
        if (ns != componentIds.length) throw error("JPEG scan with " + ns + " of " + componentIds.length + " components is not supported");
        HuffmanTable[] dc = new HuffmanTable[ns];
        for (int c = 0; c < ns; c++) {
            dc[c] = tables[u8(pos + 4 + 2 * c) >> 4];
            if (dc[c] == null) throw error("JPEG scan uses an undefined Huffman table");
        }
        int predictor = u8(pos + 3 + 2 * ns);
        int pointTransform = u8(pos + 5 + 2 * ns) & 0x0F;
        if (predictor < 1 || predictor > 7) throw error("JPEG lossless predictor " + predictor + " out of range 1-7");
        pos += u16(pos);
        BitReader bits = new BitReader(in, pos, file);
        int mask = (1 << precision) - 1;
        int[] out = new int[width * height * ns];
        int initial = 1 << (precision - pointTransform - 1);
        int mcus = 0;
        boolean restartRow = false;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (restartInterval > 0 && mcus > 0 && mcus % restartInterval == 0) {
                    bits.restart();
                    restartRow = true;
                }
                for (int c = 0; c < ns; c++) {
                    int i = (y * width + x) * ns + c;
                    int pred;
                    if ((y == 0 || restartRow) && x == 0) pred = initial;
                    else if (y == 0 || restartRow) pred = out[i - ns];
                    else if (x == 0) pred = out[i - width * ns];
                    else pred = predict(predictor, out[i - ns], out[i - width * ns], out[i - width * ns - ns]);
                    out[i] = (pred + bits.difference(dc[c])) & mask;
                }
                mcus++;
            }
            restartRow = false;
        }
        if (pointTransform > 0) for (int i = 0; i < out.length; i++) out[i] <<= pointTransform;
        return out;
    }

    private static int predict(int p, int a, int b, int c) {
        return switch (p) {
            case 1 -> a;
            case 2 -> b;
            case 3 -> c;
            case 4 -> a + b - c;
            case 5 -> a + ((b - c) >> 1);
            case 6 -> b + ((a - c) >> 1);
            default -> (a + b) >> 1;
        };
    }

    private int u8(int p) {
        if (p >= in.length) throw error("JPEG stream truncated");
        return in[p] & 0xFF;
    }

    private int u16(int p) { return u8(p) << 8 | u8(p + 1); }

    private DicomFileException error(String reason) { return new DicomFileException(file, Tag.PixelData, reason); }

    /** A canonical Huffman table decoded bit by bit (lossless tables have at most 17 symbols, so this is fast enough). */
    static final class HuffmanTable {
        static final int FAST_BITS = 9;
        final int[] maxCode = new int[17];
        final int[] valPtr = new int[17];
        final int[] minCode = new int[17];
        final int[] symbols;

        /** For each 9-bit prefix that starts with a code of at most 9 bits: its length << 8 | its symbol (0: longer). */
        final int[] fast = new int[1 << FAST_BITS];

        HuffmanTable(int[] counts, int[] symbols) {
            this.symbols = symbols;
            int code = 0;
            int k = 0;
            for (int len = 1; len <= 16; len++) {
                valPtr[len] = k;
                minCode[len] = code;
                for (int i = 0; i < counts[len - 1] && len <= FAST_BITS && k + i < symbols.length; i++) {
                    int first = (code + i) << (FAST_BITS - len);
                    java.util.Arrays.fill(fast, first, Math.min(fast.length, first + (1 << (FAST_BITS - len))), len << 8 | symbols[k + i]);
                }
                code += counts[len - 1];
                k += counts[len - 1];
                maxCode[len] = counts[len - 1] == 0 ? -1 : code - 1;
                code <<= 1;
            }
        }
    }

    /**
     * Reads entropy-coded bits, removing stuffed zero bytes and stepping over restart markers: up to 64 bits are
     * buffered ahead (left-aligned), filled up to the next marker; past it (or past the input's end) zeros are put in as
     * padding, and using one is an error naming the marker, or the data's end.
     */
    static final class BitReader {
        private final byte[] in;
        private final String file;
        private int pos;
        private long buffer;
        private int count;
        private int padding;
        private int marker = -1;

        BitReader(byte[] in, int pos, String file) {
            this.in = in;
            this.pos = pos;
            this.file = file;
        }

        private void fill() {
            while (count <= 56) {
                if (padding > 0 || pos >= in.length) {
                    padding += 8;
                    count += 8;
                    continue;
                }
                int b = in[pos] & 0xFF;
                if (b == 0xFF) {
                    int next = pos + 1 < in.length ? in[pos + 1] & 0xFF : 0;   // a last 0xFF is read as data, as before
                    if (next != 0) {
                        marker = next;                                  // the data end at this marker
                        padding += 8;
                        count += 8;
                        continue;
                    }
                    pos += pos + 1 < in.length ? 2 : 1;
                } else {
                    pos++;
                }
                buffer |= (long) b << (56 - count);
                count += 8;
            }
        }

        private void consume(int n) {
            buffer <<= n;
            count -= n;
            if (count < padding) {
                throw new DicomFileException(file, Tag.PixelData, marker >= 0
                        ? "JPEG marker 0xFF" + Integer.toHexString(marker) + " inside entropy-coded data" : "JPEG entropy-coded data truncated");
            }
        }

        int bit() {
            if (count == 0) fill();
            int b = (int) (buffer >>> 63);
            consume(1);
            return b;
        }

        int bits(int n) {
            if (n == 0) return 0;
            if (count < n) fill();
            int v = (int) (buffer >>> (64 - n));
            consume(n);
            return v;
        }

        /** The next Huffman-coded symbol. */
        int symbol(HuffmanTable t) {
            if (count < 16) fill();
            int entry = t.fast[(int) (buffer >>> (64 - HuffmanTable.FAST_BITS))];
            if (entry != 0) {
                consume(entry >> 8);
                return entry & 0xFF;
            }
            int code = bit();
            int len = 1;
            while (len <= 16 && code > t.maxCode[len]) {
                code = code << 1 | bit();
                len++;
            }
            if (len > 16) throw new DicomFileException(file, Tag.PixelData, "invalid JPEG Huffman code");
            return t.symbols[t.valPtr[len] + code - t.minCode[len]];
        }

        /** A difference (or DC coefficient difference): its Huffman-coded size category, then that many bits, extended. */
        int difference(HuffmanTable t) {
            int ssss = symbol(t);
            if (ssss == 0) return 0;
            if (ssss == 16) return 32768;
            int v = bits(ssss);
            return v < 1 << (ssss - 1) ? v - (1 << ssss) + 1 : v;
        }

        void restart() {
            // The interval's data end byte-aligned just before its RST marker: what is buffered is padding.
            buffer = 0;
            count = 0;
            padding = 0;
            marker = -1;
            while (pos + 1 < in.length && (in[pos] & 0xFF) == 0xFF && (in[pos + 1] & 0xFF) >= 0xD0 && (in[pos + 1] & 0xFF) <= 0xD7) {
                pos += 2;
                return;
            }
        }
    }
}
