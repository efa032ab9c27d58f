package org.livercast.pathology.slide;

/**
 * What a baseline JPEG's frame header (SOF0) says about its colour: the components' identifiers and the first
 * component's sampling factors. A stream whose components are named 'R', 'G', 'B' (or that carries an Adobe marker
 * with transform 0) is coded in RGB; any other three-component stream is YCbCr, subsampled as the factors say. A copier
 * states this in its container (TIFF Photometric and YCbCrSubSampling, DICOM Photometric Interpretation).
 */
public record JpegFrameHeader(int width, int height, boolean rgb, int horizontalSampling, int verticalSampling) {
    /** Parses up to the first SOF0/SOF1; throws naming {@code where} when there is none. */
    public static JpegFrameHeader of(byte[] jpeg, String where) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) throw new IllegalArgumentException(where + ": not a JPEG stream (no SOI)");
        boolean adobeRgb = false;
        int p = 2;
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xFF) != 0xFF) throw new IllegalArgumentException(where + ": malformed JPEG marker at byte " + p);
            int marker = jpeg[p + 1] & 0xFF;
            int len = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            if (marker == 0xEE && len >= 12 && new String(jpeg, p + 4, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("Adobe")) {
                adobeRgb = jpeg[p + 15] == 0;                                  // transform flag 0: no colour transform
            }
            if (marker == 0xC0 || marker == 0xC1) {
                int height = (jpeg[p + 5] & 0xFF) << 8 | (jpeg[p + 6] & 0xFF);
                int width = (jpeg[p + 7] & 0xFF) << 8 | (jpeg[p + 8] & 0xFF);
                int n = jpeg[p + 9] & 0xFF;
                if (n != 3) return new JpegFrameHeader(width, height, false, 1, 1);
                int id0 = jpeg[p + 10] & 0xFF;
                int id1 = jpeg[p + 13] & 0xFF;
                int id2 = jpeg[p + 16] & 0xFF;
                int factors = jpeg[p + 11] & 0xFF;
                boolean rgb = adobeRgb || (id0 == 'R' && id1 == 'G' && id2 == 'B');
                return new JpegFrameHeader(width, height, rgb, factors >> 4, factors & 0x0F);
            }
            if (marker == 0xDA) break;
            p += 2 + len;
        }
        throw new IllegalArgumentException(where + ": no baseline JPEG frame header (SOF0) before the scan");
    }
}
