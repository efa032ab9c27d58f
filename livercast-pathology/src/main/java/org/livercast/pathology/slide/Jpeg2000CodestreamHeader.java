package org.livercast.pathology.slide;

/**
 * What a JPEG 2000 codestream's main header (ITU T.800 A.5.1 SIZ, A.6.1 COD) says about its colour: the size, the
 * component count, whether any component is subsampled, whether a multi-component (colour) transform is applied and
 * whether the wavelet is the reversible 5/3. A copier states this in its container (DICOM Photometric Interpretation:
 * YBR_RCT or YBR_ICT with a transform, else RGB or YBR_FULL by what the components hold).
 */
public record Jpeg2000CodestreamHeader(long width, long height, int components, boolean subsampled, boolean colourTransform, boolean reversible) {

    /** Parses SIZ and COD from the start of a raw codestream; throws naming {@code where} when they are not there. */
    public static Jpeg2000CodestreamHeader of(byte[] c, String where) {
        if (c.length < 4 || (c[0] & 0xFF) != 0xFF || (c[1] & 0xFF) != 0x4F) throw new IllegalArgumentException(where + ": not a JPEG 2000 codestream (no SOC)");
        long width = -1;
        long height = 0;
        int components = 0;
        boolean subsampled = false;
        int p = 2;
        while (p + 4 <= c.length) {
            if ((c[p] & 0xFF) != 0xFF) throw new IllegalArgumentException(where + ": malformed JPEG 2000 marker at byte " + p);
            int marker = c[p + 1] & 0xFF;
            int len = (c[p + 2] & 0xFF) << 8 | (c[p + 3] & 0xFF);
            if (marker == 0x90 || marker == 0x93) break;                      // SOT / SOD: the main header is over
            if (p + 2 + len > c.length) break;
            if (marker == 0x51) {                                             // SIZ
                width = u32(c, p + 6) - u32(c, p + 14);
                height = u32(c, p + 10) - u32(c, p + 18);
                components = (c[p + 38] & 0xFF) << 8 | (c[p + 39] & 0xFF);
                for (int i = 0; i < components; i++) {
                    int at = p + 40 + 3 * i;
                    if ((c[at + 1] & 0xFF) != 1 || (c[at + 2] & 0xFF) != 1) subsampled = true;
                }
            } else if (marker == 0x52) {                                      // COD
                if (width < 0) throw new IllegalArgumentException(where + ": COD before SIZ");
                boolean mct = (c[p + 8] & 0xFF) != 0;
                boolean reversible = (c[p + 13] & 0xFF) == 1;
                return new Jpeg2000CodestreamHeader(width, height, components, subsampled, mct, reversible);
            }
            p += 2 + len;
        }
        throw new IllegalArgumentException(where + ": no SIZ and COD in the JPEG 2000 main header");
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }

    /**
     * The codestream with its coding style (COD, in the main header and any tile-part header) saying a multi-component
     * transform is applied. For Y, Cb, Cr components coded with the irreversible 9/7 wavelet that turns them into ICT
     * components (ITU T.800 G.3: the ICT is the JFIF matrix, and the DC level shift makes the stored Cb, Cr centred as
     * JFIF's minus 128), so a decoder gives R, G, B: no coefficient changes, only the colour conversion moves into the
     * decoder. Throws naming {@code where} when a COD cannot be found.
     */
    public static byte[] withColourTransform(byte[] c, String where) {
        byte[] out = c.clone();
        int patched = 0;
        int p = 2;
        while (p + 4 <= out.length) {
            if ((out[p] & 0xFF) != 0xFF) break;
            int marker = out[p + 1] & 0xFF;
            int len = (out[p + 2] & 0xFF) << 8 | (out[p + 3] & 0xFF);
            if (marker == 0xD9) break;                                        // EOC
            if (marker == 0x52) {
                out[p + 8] = 1;
                patched++;
            }
            if (marker == 0x90) {                                             // SOT: the tile-part's length says where the next one starts
                long psot = u32(out, p + 6);
                int q = p + 2 + len;
                while (q + 4 <= out.length && (out[q] & 0xFF) == 0xFF && (out[q + 1] & 0xFF) != 0x93) {
                    int l = (out[q + 2] & 0xFF) << 8 | (out[q + 3] & 0xFF);
                    if ((out[q + 1] & 0xFF) == 0x52) {
                        out[q + 8] = 1;
                        patched++;
                    }
                    q += 2 + l;
                }
                if (psot == 0) break;                                         // the last tile-part runs to EOC
                p += (int) psot;
                continue;
            }
            p += 2 + len;
        }
        if (patched == 0) throw new IllegalArgumentException(where + ": no COD marker to set the colour transform in");
        return out;
    }
}
