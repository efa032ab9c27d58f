package org.livercast.imaging.codec;

import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.Tag;

/**
 * JPEG-LS (ITU-T T.87, LOCO-I), lossless and near-lossless, greyscale: the median edge predictor with its context-wise
 * bias correction, adaptive Golomb codes, run mode, preset coding parameters (LSE id 1) and a point transform. Written
 * for DICOM's 1.2.840.10008.1.2.4.80 and .81, which archives use to store MR and CT losslessly, and which no Java
 * library on Maven Central decodes. Checked value for value against dcmtk's encoder and decoder (dcmcjpls, dcmdjpls)
 * and pydicom's reference file (JpegLsCodecTest).
 *
 * <p>The decoder follows the standard's own names (A, B, C, N per context; RUNindex, J); it keeps two lines of
 * reconstructed samples, each with a sample of padding either side, as the standard's edge rules ask: the sample left
 * of a line's first is the one above it, and the one right of the last line's end repeats its last sample.
 */
final class JpegLsCodec {
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    private static final int MIN_C = -128;
    private static final int MAX_C = 127;

    private final String file;
    private final byte[] in;
    private int pos;

    // Frame and scan parameters.
    private int precision;
    private int width;
    private int height;
    private int maxVal;
    private int t1;
    private int t2;
    private int t3;
    private int reset = 64;
    private boolean presetThresholds;
    private int near;
    private int pointTransform;

    // Derived parameters.
    private int range;
    private int qbpp;
    private int limit;

    // Regular-mode contexts (indexed by the sign-normalised quantised gradients) and the two run-interruption contexts.
    private final int[] a = new int[729];
    private final int[] b = new int[729];
    private final int[] c = new int[729];
    private final int[] n = new int[729];
    private final int[] riA = new int[2];
    private final int[] riN = new int[2];
    private final int[] riNn = new int[2];
    private int runIndex;

    // The entropy-coded bits, up to 64 of them ahead, left-aligned: the next bit is the top one.
    private long bitBuffer;
    private int bitCount;
    private boolean lastWasFF;
    private boolean ended;
    /** Zero bits put in the buffer past the end of the entropy-coded data; using one means the data were cut short. */
    private int padding;

    private JpegLsCodec(String file, byte[] in) {
        this.file = file;
        this.in = in;
    }

    /** The frame's samples, row by row; signed data re-signed from its stored bits as the layout says. */
    static int[] decode(String file, byte[] frame, PixelDecoder.Layout l) {
        JpegLsCodec codec = new JpegLsCodec(file, frame);
        int[] out = codec.run();
        if (codec.width != l.columns() || codec.height != l.rows()) {
            throw codec.error("JPEG-LS frame is " + codec.width + "x" + codec.height + " but the image is " + l.columns() + "x" + l.rows());
        }
        return l.signed() ? PixelDecoder.signedFromBits(out, l.bitsStored()) : out;
    }

    private int[] run() {
        if (u8(0) != 0xFF || u8(1) != 0xD8) throw error("JPEG-LS frame does not start with SOI");
        pos = 2;
        int components = 0;
        while (true) {
            int marker = nextMarker();
            int length = u16(pos);
            int segment = pos + 2;
            switch (marker) {
                case 0xF7 -> {                                          // SOF55: JPEG-LS frame
                    precision = u8(segment);
                    height = u16(segment + 1);
                    width = u16(segment + 3);
                    components = u8(segment + 5);
                    if (precision < 2 || precision > 16) throw error("JPEG-LS precision " + precision + " out of range 2-16");
                    if (components != 1) throw error("JPEG-LS with " + components + " components: LiverCast decodes greyscale images");
                    if (width == 0 || height == 0) throw error("JPEG-LS frame without its size (" + width + "x" + height + ")");
                }
                case 0xF8 -> presetParameters(segment, length);        // LSE
                case 0xDA -> {                                          // SOS
                    if (components == 0) throw error("JPEG-LS scan before its frame header");
                    int ns = u8(segment);
                    if (ns != 1) throw error("JPEG-LS scan of " + ns + " components");
                    near = u8(segment + 3);
                    int interleave = u8(segment + 4);
                    pointTransform = u8(segment + 5) & 0x0F;
                    int mappingTable = u8(segment + 2);
                    if (mappingTable != 0) throw error("JPEG-LS mapping tables (palette images) are not supported");
                    if (interleave != 0) throw error("JPEG-LS interleave mode " + interleave + " with one component");
                    pos = segment + length - 2;
                    return decodeScan();
                }
                case 0xDD -> throw error("JPEG-LS restart intervals are not supported");
                case 0xD9 -> throw error("JPEG-LS stream ends before its scan");
                default -> {
                    if (marker < 0xE0 && marker != 0xFE) throw error("JPEG marker 0xFF" + Integer.toHexString(marker).toUpperCase() + " is not JPEG-LS");
                }
            }
            pos = segment + length - 2;
        }
    }

    /** The marker at the current position (fill bytes skipped); the position moves past it. */
    private int nextMarker() {
        if (u8(pos) != 0xFF) throw error("JPEG-LS stream: expected a marker at offset " + pos);
        while (u8(pos) == 0xFF) pos++;
        return u8(pos++);
    }

    private void presetParameters(int p, int length) {
        int id = u8(p);
        if (id != 1) throw error("JPEG-LS preset parameters of type " + id + " (mapping tables or oversize images) are not supported");
        int mv = u16(p + 1);
        int pt1 = u16(p + 3);
        int pt2 = u16(p + 5);
        int pt3 = u16(p + 7);
        int pr = u16(p + 9);
        if (mv != 0) maxVal = mv;
        // A zero keeps the default, computed once MAXVAL and NEAR are known.
        t1 = pt1;
        t2 = pt2;
        t3 = pt3;
        if (pr != 0) reset = pr;
        presetThresholds = true;
    }

    private int[] decodeScan() {
        if (maxVal == 0) maxVal = (1 << precision) - 1;
        if (near > Math.min(255, maxVal / 2)) throw error("JPEG-LS NEAR " + near + " out of range for MAXVAL " + maxVal);
        range = (maxVal + 2 * near) / (2 * near + 1) + 1;
        qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        limit = 2 * (bpp + Math.max(8, bpp));
        defaultThresholds();
        int initialA = Math.max(2, (range + 32) / 64);
        java.util.Arrays.fill(a, initialA);
        java.util.Arrays.fill(n, 1);
        riA[0] = initialA;
        riA[1] = initialA;
        riN[0] = 1;
        riN[1] = 1;

        int[] out = new int[width * height];
        int[] previous = new int[width + 2];                            // [0] left padding, [1..width] the line, [width+1] right
        int[] current = new int[width + 2];
        for (int y = 0; y < height; y++) {
            previous[width + 1] = previous[width];
            current[0] = previous[1];
            decodeLine(previous, current);
            for (int x = 0; x < width; x++) out[y * width + x] = current[x + 1] << pointTransform;
            int[] t = previous;
            previous = current;
            current = t;
        }
        return out;
    }

    /** C.2.4.1.1: the thresholds the preset parameters leave at zero, from MAXVAL and NEAR. */
    private void defaultThresholds() {
        int d1;
        int d2;
        int d3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) / 256;
            d1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1);
            d2 = clamp(factor * (7 - 3) + 3 + 5 * near, d1);
            d3 = clamp(factor * (21 - 4) + 4 + 7 * near, d2);
        } else {
            int factor = 256 / (maxVal + 1);
            d1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1);
            d2 = clamp(Math.max(3, 7 / factor + 5 * near), d1);
            d3 = clamp(Math.max(4, 21 / factor + 7 * near), d2);
        }
        if (!presetThresholds || t1 == 0) t1 = d1;
        if (!presetThresholds || t2 == 0) t2 = d2;
        if (!presetThresholds || t3 == 0) t3 = d3;
    }

    private int clamp(int i, int j) { return i > maxVal || i < j ? j : i; }

    private void decodeLine(int[] prev, int[] cur) {
        int x = 1;
        while (x <= width) {
            int ra = cur[x - 1];
            int rb = prev[x];
            int rc = prev[x - 1];
            int rd = prev[x + 1];
            int q1 = quantise(rd - rb);
            int q2 = quantise(rb - rc);
            int q3 = quantise(rc - ra);
            if (q1 == 0 && q2 == 0 && q3 == 0) {
                x += runMode(x, prev, cur);
                continue;
            }
            cur[x] = regular(q1, q2, q3, ra, rb, rc);
            x++;
        }
    }

    private int quantise(int d) {
        if (d <= -t3) return -4;
        if (d <= -t2) return -3;
        if (d <= -t1) return -2;
        if (d < -near) return -1;
        if (d <= near) return 0;
        if (d < t1) return 1;
        if (d < t2) return 2;
        if (d < t3) return 3;
        return 4;
    }

    /** A.4–A.6: one sample in regular mode. */
    private int regular(int q1, int q2, int q3, int ra, int rb, int rc) {
        int sign = 1;
        if (q1 < 0 || (q1 == 0 && (q2 < 0 || (q2 == 0 && q3 < 0)))) {
            sign = -1;
            q1 = -q1;
            q2 = -q2;
            q3 = -q3;
        }
        int q = (q1 + 4) * 81 + (q2 + 4) * 9 + (q3 + 4);
        int px;
        if (rc >= Math.max(ra, rb)) px = Math.min(ra, rb);
        else if (rc <= Math.min(ra, rb)) px = Math.max(ra, rb);
        else px = ra + rb - rc;
        px += sign * c[q];
        if (px > maxVal) px = maxVal;
        else if (px < 0) px = 0;
        int k = 0;
        while ((n[q] << k) < a[q]) k++;
        int mapped = golomb(k, limit);
        int err = (mapped & 1) == 0 ? mapped >> 1 : -((mapped + 1) >> 1);
        if (k == 0 && near == 0 && 2 * b[q] + n[q] - 1 < 0) err = -err - 1;  // the special mapping of A.5.2
        update(q, err);
        return reconstruct(px, sign * err);
    }

    /** A.6: the context's statistics after a sample, and its bias correction C. */
    private void update(int q, int err) {
        b[q] += err * (2 * near + 1);
        a[q] += Math.abs(err);
        if (n[q] == reset) {
            a[q] >>= 1;
            b[q] >>= 1;
            n[q] >>= 1;
        }
        n[q]++;
        if (b[q] + n[q] <= 0) {
            b[q] += n[q];
            if (b[q] <= -n[q]) b[q] = -n[q] + 1;
            if (c[q] > MIN_C) c[q]--;
        } else if (b[q] > 0) {
            b[q] -= n[q];
            if (b[q] > 0) b[q] = 0;
            if (c[q] < MAX_C) c[q]++;
        }
    }

    /** The sample from its prediction and error, modulo the range (A.4.2), within 0..MAXVAL. */
    private int reconstruct(int px, int err) {
        int v = px + err * (2 * near + 1);
        if (v < -near) v += range * (2 * near + 1);
        else if (v > maxVal + near) v -= range * (2 * near + 1);
        return v < 0 ? 0 : Math.min(v, maxVal);
    }

    /** A.7: a run of samples equal (within NEAR) to the one on their left, then the sample that ends it. */
    private int runMode(int x, int[] prev, int[] cur) {
        int ra = cur[x - 1];
        int remaining = width - x + 1;
        int run = 0;
        while (bit() == 1) {
            int count = Math.min(1 << J[runIndex], remaining - run);
            run += count;
            if (count == 1 << J[runIndex]) runIndex = Math.min(31, runIndex + 1);
            if (run == remaining) break;
        }
        if (run != remaining) run += J[runIndex] > 0 ? bits(J[runIndex]) : 0;
        if (run > remaining) throw error("JPEG-LS run of " + run + " samples past the end of a line of " + width);
        for (int i = 0; i < run; i++) cur[x + i] = ra;
        if (run == remaining) return run;
        int end = x + run;
        int rb = prev[end];
        cur[end] = interruption(ra, rb);
        runIndex = Math.max(0, runIndex - 1);
        return run + 1;
    }

    /** A.7.2: the sample that interrupts a run, coded against the one above it or, when that equals the run, against the run. */
    private int interruption(int ra, int rb) {
        int type = Math.abs(ra - rb) <= near ? 1 : 0;
        int temp = riA[type] + (riN[type] >> 1) * type;
        int k = 0;
        while ((riN[type] << k) < temp) k++;
        int mapped = golomb(k, limit - J[runIndex] - 1);
        int t = mapped + type;
        boolean map = (t & 1) == 1;
        int abs = (t + (map ? 1 : 0)) / 2;
        int err = (k != 0 || 2 * riNn[type] >= riN[type]) == map ? -abs : abs;
        if (err < 0) riNn[type]++;
        riA[type] += (mapped + 1 - type) >> 1;
        if (riN[type] == reset) {
            riA[type] >>= 1;
            riN[type] >>= 1;
            riNn[type] >>= 1;
        }
        riN[type]++;
        if (type == 1) return reconstruct(ra, err);
        return reconstruct(rb, rb - ra < 0 ? -err : err);
    }

    /** A.5.3: a limited-length Golomb code of parameter k. */
    private int golomb(int k, int lim) {
        int high = unary(lim);
        if (high >= lim - qbpp - 1) return bits(qbpp) + 1;
        return k == 0 ? high : (high << k) | bits(k);
    }

    /** The count of 0 bits before the next 1 bit, which is consumed too; longer than {@code lim} is corrupt data. */
    private int unary(int lim) {
        int high = 0;
        while (true) {
            if (bitCount < 32) fill();
            int zeros = bitBuffer == 0 ? 64 : Long.numberOfLeadingZeros(bitBuffer);
            if (zeros < bitCount) {
                high += zeros;
                consume(zeros + 1);
                break;
            }
            high += bitCount;
            consume(bitCount);
            if (high > lim) throw error("JPEG-LS Golomb code longer than its limit " + lim + " (corrupt data)");
        }
        if (high > lim) throw error("JPEG-LS Golomb code longer than its limit " + lim + " (corrupt data)");
        return high;
    }

    /** The next {@code count} bits (at most 32) as an unsigned number. */
    private int bits(int count) {
        if (count == 0) return 0;
        if (bitCount < count) fill();
        int v = (int) (bitBuffer >>> (64 - count));
        consume(count);
        return v;
    }

    private int bit() { return bits(1); }

    private void consume(int count) {
        bitBuffer = count == 64 ? 0 : bitBuffer << count;
        bitCount -= count;
        if (bitCount < padding) throw error("JPEG-LS entropy-coded data truncated (or a marker inside it)");
    }

    /**
     * Tops the buffer up to at least 57 bits: a byte after 0xFF carries 7 bits (its top bit is stuffed); 0xFF then a
     * byte with its top bit set is a marker, the end of the entropy-coded data, after which zeros are put in as padding.
     */
    private void fill() {
        while (bitCount <= 56) {
            int v;
            int width = 8;
            if (ended || pos >= in.length) {
                v = 0;
                padding += 8;
                ended = true;
            } else {
                v = in[pos] & 0xFF;
                if (lastWasFF) {
                    if ((v & 0x80) != 0) {
                        ended = true;                                   // a marker: the scan's data end here
                        continue;
                    }
                    width = 7;
                }
                pos++;
                lastWasFF = v == 0xFF;
            }
            bitBuffer |= (long) v << (64 - bitCount - width);
            bitCount += width;
        }
    }

    private static int ceilLog2(int v) {
        int bitsNeeded = 0;
        while ((1L << bitsNeeded) < v) bitsNeeded++;
        return bitsNeeded;
    }

    private int u8(int p) {
        if (p >= in.length) throw error("JPEG-LS stream truncated");
        return in[p] & 0xFF;
    }

    private int u16(int p) { return u8(p) << 8 | u8(p + 1); }

    private DicomFileException error(String reason) { return new DicomFileException(file, Tag.PixelData, reason); }
}
