package org.livercast.imaging.codec;

import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.Tag;

/**
 * JPEG extended sequential DCT with Huffman coding (ITU T.81 processes 2 and 4: 8- and 12-bit samples), greyscale — the
 * lossy JPEG that older CT and MR archives hold in DICOM's 1.2.840.10008.1.2.4.51, which the JDK's JPEG reader refuses
 * at 12 bits. The inverse DCT is the Independent JPEG Group's accurate integer one (jidctint, "islow"), with its
 * descaling and range limiting, so the samples are those of IJG-based decoders — dcmtk's dcmdjpeg among them, value
 * for value (JpegExtendedCodecTest).
 */
final class JpegExtendedCodec {
    /** Zigzag position → natural (row-major) position in an 8×8 block. */
    private static final int[] NATURAL = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27,
            20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53,
            60, 61, 54, 47, 55, 62, 63};
    private static final int CONST_BITS = 13;
    private static final long FIX_0_298631336 = 2446;
    private static final long FIX_0_390180644 = 3196;
    private static final long FIX_0_541196100 = 4433;
    private static final long FIX_0_765366865 = 6270;
    private static final long FIX_0_899976223 = 7373;
    private static final long FIX_1_175875602 = 9633;
    private static final long FIX_1_501321110 = 12299;
    private static final long FIX_1_847759065 = 15137;
    private static final long FIX_1_961570560 = 16069;
    private static final long FIX_2_053119869 = 16819;
    private static final long FIX_2_562915447 = 20995;
    private static final long FIX_3_072711026 = 25172;

    private final String file;
    private final byte[] in;
    private int pos;
    private final int[][] quant = new int[4][];
    private final JpegLosslessCodec.HuffmanTable[] dc = new JpegLosslessCodec.HuffmanTable[4];
    private final JpegLosslessCodec.HuffmanTable[] ac = new JpegLosslessCodec.HuffmanTable[4];
    private int precision;
    private int width;
    private int height;
    private int quantTable;
    private int restartInterval;

    private JpegExtendedCodec(String file, byte[] in) {
        this.file = file;
        this.in = in;
    }

    /** Whether a frame is one greyscale component (this decoder's); colour frames are left to the JDK's reader. */
    static boolean greyscale(byte[] frame) {
        for (int p = 2; p + 9 < frame.length; ) {
            if ((frame[p] & 0xFF) != 0xFF) return false;
            int marker = frame[p + 1] & 0xFF;
            if (marker == 0xFF) { p++; continue; }
            int length = (frame[p + 2] & 0xFF) << 8 | (frame[p + 3] & 0xFF);
            if (marker >= 0xC0 && marker <= 0xC2) return (frame[p + 9] & 0xFF) == 1;
            p += 2 + length;
        }
        return false;
    }

    static int[] decode(String file, byte[] frame, PixelDecoder.Layout l) {
        JpegExtendedCodec codec = new JpegExtendedCodec(file, frame);
        int[] out = codec.run();
        if (codec.width != l.columns() || codec.height != l.rows()) {
            throw codec.error("JPEG frame is " + codec.width + "x" + codec.height + " but the image is " + l.columns() + "x" + l.rows());
        }
        return l.signed() ? PixelDecoder.signedFromBits(out, Math.min(l.bitsStored(), codec.precision)) : out;
    }

    private int[] run() {
        if (u8(0) != 0xFF || u8(1) != 0xD8) throw error("JPEG frame does not start with SOI");
        pos = 2;
        boolean frameSeen = false;
        while (true) {
            if (u8(pos) != 0xFF) throw error("JPEG stream: expected a marker at offset " + pos);
            while (u8(pos) == 0xFF) pos++;
            int marker = u8(pos++);
            int length = u16(pos);
            int segment = pos + 2;
            switch (marker) {
                case 0xC0, 0xC1 -> {                                    // baseline or extended sequential, Huffman
                    precision = u8(segment);
                    height = u16(segment + 1);
                    width = u16(segment + 3);
                    int components = u8(segment + 5);
                    if (precision != 8 && precision != 12) throw error("JPEG DCT precision " + precision + " (8 or 12 expected)");
                    if (components != 1) throw error("JPEG extended with " + components + " components: LiverCast decodes greyscale ones");
                    if (u8(segment + 7) != 0x11) throw error("JPEG with a subsampled component");
                    quantTable = u8(segment + 8);
                    frameSeen = true;
                }
                case 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                        throw error("JPEG frame type 0xFF" + Integer.toHexString(marker).toUpperCase() + " is not sequential DCT with Huffman coding");
                case 0xC4 -> huffmanTables(segment, segment + length - 2);
                case 0xDB -> quantisationTables(segment, segment + length - 2);
                case 0xDD -> restartInterval = u16(segment);
                case 0xDA -> {
                    if (!frameSeen) throw error("JPEG scan before its frame header");
                    int ns = u8(segment);
                    if (ns != 1) throw error("JPEG scan of " + ns + " components");
                    int tables = u8(segment + 2);
                    if (quant[quantTable] == null) throw error("JPEG quantisation table " + quantTable + " not defined");
                    if (dc[tables >> 4] == null || ac[tables & 15] == null) throw error("JPEG scan uses an undefined Huffman table");
                    pos = segment + length - 2;
                    return scan(dc[tables >> 4], ac[tables & 15], quant[quantTable]);
                }
                case 0xD9 -> throw error("JPEG stream ends before its scan");
                default -> { }                                          // APPn, COM, DNL and the like carry no pixels
            }
            pos = segment + length - 2;
        }
    }

    private void huffmanTables(int p, int end) {
        while (p < end) {
            int tc = u8(p) >> 4;
            int th = u8(p) & 15;
            if (th > 3) throw error("JPEG Huffman table index " + th);
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) total += counts[i] = u8(p + 1 + i);
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) symbols[i] = u8(p + 17 + i);
            (tc == 0 ? dc : ac)[th] = new JpegLosslessCodec.HuffmanTable(counts, symbols);
            p += 17 + total;
        }
    }

    private void quantisationTables(int p, int end) {
        while (p < end) {
            int pq = u8(p) >> 4;
            int tq = u8(p) & 15;
            if (tq > 3) throw error("JPEG quantisation table index " + tq);
            int[] q = new int[64];
            for (int i = 0; i < 64; i++) q[NATURAL[i]] = pq == 0 ? u8(p + 1 + i) : u16(p + 1 + 2 * i);
            quant[tq] = q;
            p += 1 + (pq == 0 ? 64 : 128);
        }
    }

    /** The blocks in raster order, each Huffman-decoded, dequantised and inverse-transformed into the image. */
    private int[] scan(JpegLosslessCodec.HuffmanTable dcTable, JpegLosslessCodec.HuffmanTable acTable, int[] q) {
        int blocksX = (width + 7) / 8;
        int blocksY = (height + 7) / 8;
        int[] out = new int[width * height];
        int[] coefficients = new int[64];
        int[] block = new int[64];
        int[] workspace = new int[64];
        JpegLosslessCodec.BitReader bits = new JpegLosslessCodec.BitReader(in, pos, file);
        int predictor = 0;
        int blocks = 0;
        for (int by = 0; by < blocksY; by++) {
            for (int bx = 0; bx < blocksX; bx++) {
                if (restartInterval > 0 && blocks > 0 && blocks % restartInterval == 0) {
                    bits.restart();
                    predictor = 0;
                }
                blocks++;
                java.util.Arrays.fill(coefficients, 0);
                predictor += bits.difference(dcTable);
                coefficients[0] = predictor;
                for (int k = 1; k < 64; ) {
                    int rs = bits.symbol(acTable);
                    int r = rs >> 4;
                    int s = rs & 15;
                    if (s == 0) {
                        if (r != 15) break;                             // end of block
                        k += 16;
                        continue;
                    }
                    k += r;
                    if (k > 63) throw error("JPEG AC coefficient past the end of its block");
                    int v = bits.bits(s);
                    coefficients[NATURAL[k]] = v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
                    k++;
                }
                inverseDct(coefficients, q, workspace, block);
                for (int y = 0; y < 8; y++) {
                    int row = by * 8 + y;
                    if (row >= height) break;
                    for (int x = 0; x < 8; x++) {
                        int col = bx * 8 + x;
                        if (col < width) out[row * width + col] = block[y * 8 + x];
                    }
                }
            }
        }
        return out;
    }

    /** IJG's jidctint.c (accurate integer IDCT), for 8- and 12-bit samples, with its range limiting. */
    private void inverseDct(int[] coef, int[] q, int[] ws, int[] out) {
        int pass1 = precision == 8 ? 2 : 1;                             // 12-bit loses a bit here to avoid overflow
        int centre = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        for (int c = 0; c < 8; c++) {
            if (coef[8 + c] == 0 && coef[16 + c] == 0 && coef[24 + c] == 0 && coef[32 + c] == 0 && coef[40 + c] == 0 && coef[48 + c] == 0
                    && coef[56 + c] == 0) {
                int dcval = coef[c] * q[c] << pass1;
                for (int r = 0; r < 8; r++) ws[8 * r + c] = dcval;
                continue;
            }
            long[] t = butterfly(coef[c] * (long) q[c], coef[8 + c] * (long) q[8 + c], coef[16 + c] * (long) q[16 + c], coef[24 + c] * (long) q[24 + c],
                    coef[32 + c] * (long) q[32 + c], coef[40 + c] * (long) q[40 + c], coef[48 + c] * (long) q[48 + c], coef[56 + c] * (long) q[56 + c]);
            for (int r = 0; r < 8; r++) ws[8 * r + c] = (int) descale(t[r], CONST_BITS - pass1);
        }
        int mask = max * 4 + 3;
        for (int r = 0; r < 8; r++) {
            int o = 8 * r;
            if (ws[o + 1] == 0 && ws[o + 2] == 0 && ws[o + 3] == 0 && ws[o + 4] == 0 && ws[o + 5] == 0 && ws[o + 6] == 0 && ws[o + 7] == 0) {
                int v = limit((int) descale(ws[o], pass1 + 3) & mask, centre, max);
                for (int x = 0; x < 8; x++) out[o + x] = v;
                continue;
            }
            long[] t = butterfly(ws[o], ws[o + 1], ws[o + 2], ws[o + 3], ws[o + 4], ws[o + 5], ws[o + 6], ws[o + 7]);
            for (int x = 0; x < 8; x++) out[o + x] = limit((int) descale(t[x], CONST_BITS + pass1 + 3) & mask, centre, max);
        }
    }

    /** The 8-point butterfly of jidctint: inputs in order 0..7, outputs 0..7 before descaling. */
    private static long[] butterfly(long d0, long d1, long d2, long d3, long d4, long d5, long d6, long d7) {
        long z1 = (d2 + d6) * FIX_0_541196100;
        long tmp2 = z1 + d6 * -FIX_1_847759065;
        long tmp3 = z1 + d2 * FIX_0_765366865;
        long tmp0 = (d0 + d4) << CONST_BITS;
        long tmp1 = (d0 - d4) << CONST_BITS;
        long tmp10 = tmp0 + tmp3;
        long tmp13 = tmp0 - tmp3;
        long tmp11 = tmp1 + tmp2;
        long tmp12 = tmp1 - tmp2;
        tmp0 = d7;
        tmp1 = d5;
        tmp2 = d3;
        tmp3 = d1;
        z1 = tmp0 + tmp3;
        long z2 = tmp1 + tmp2;
        long z3 = tmp0 + tmp2;
        long z4 = tmp1 + tmp3;
        long z5 = (z3 + z4) * FIX_1_175875602;
        tmp0 *= FIX_0_298631336;
        tmp1 *= FIX_2_053119869;
        tmp2 *= FIX_3_072711026;
        tmp3 *= FIX_1_501321110;
        z1 *= -FIX_0_899976223;
        z2 *= -FIX_2_562915447;
        z3 *= -FIX_1_961570560;
        z4 *= -FIX_0_390180644;
        z3 += z5;
        z4 += z5;
        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;
        return new long[] {tmp10 + tmp3, tmp11 + tmp2, tmp12 + tmp1, tmp13 + tmp0, tmp13 - tmp0, tmp12 - tmp1, tmp11 - tmp2, tmp10 - tmp3};
    }

    private static long descale(long x, int n) { return (x + (1L << (n - 1))) >> n; }

    /**
     * IJG's post-IDCT range limit table, read at a masked index: samples centred on {@code centre} and clamped to
     * 0..max; the mask wraps wild values the way the table does.
     */
    private static int limit(int masked, int centre, int max) {
        int span = 4 * (max + 1);
        int v = masked >= span / 2 ? masked - span : masked;
        v += centre;
        return v < 0 ? 0 : Math.min(v, max);
    }

    private int u8(int p) {
        if (p >= in.length) throw error("JPEG stream truncated");
        return in[p] & 0xFF;
    }

    private int u16(int p) { return u8(p) << 8 | u8(p + 1); }

    private DicomFileException error(String reason) { return new DicomFileException(file, Tag.PixelData, reason); }
}
