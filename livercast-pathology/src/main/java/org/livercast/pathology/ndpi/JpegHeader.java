package org.livercast.pathology.ndpi;

import java.io.IOException;

/**
 * The header of a JPEG stream up to its scan data (SOI … SOS): where the frame header is, the MCU size and the restart
 * interval. An NDPI level is one such JPEG over the whole level; each restart interval is decoded as a JPEG of its own
 * by this header with the frame's size set to one interval.
 *
 * @param bytes         SOI through the end of the SOS segment
 * @param frameAt       offset of the SOF marker in {@code bytes}
 * @param mcuWidth      pixels a minimum coded unit spans across (8 × the largest horizontal sampling factor)
 * @param mcuHeight     and down
 * @param restartMcus   the restart interval in MCUs (0: no restart markers)
 * @param width         the frame's width as written (0 or 65500+ where the image is wider than JPEG allows)
 * @param height        the frame's height as written
 */
public record JpegHeader(byte[] bytes, int frameAt, int mcuWidth, int mcuHeight, int restartMcus, int width, int height) {

    /** Parses {@code b} from its SOI; fails naming {@code where} when it is not a baseline or progressive 3-component JPEG header. */
    public static JpegHeader parse(byte[] b, String where) throws IOException {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) throw new IOException(where + ": does not start with a JPEG SOI marker");
        int p = 2;
        int frameAt = -1;
        int mcuW = 8;
        int mcuH = 8;
        int restart = 0;
        int w = 0;
        int h = 0;
        int components = 0;
        while (p + 4 <= b.length) {
            if ((b[p] & 0xFF) != 0xFF) throw new IOException(where + ": expected a JPEG marker at byte " + p + " of the header");
            int marker = b[p + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                p++;
                continue;
            }
            int len = (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
            if (len < 2 || p + 2 + len > b.length) break;
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                if (marker != 0xC0 && marker != 0xC1) throw new IOException(where + ": JPEG process SOF" + (marker - 0xC0) + " is not baseline or extended Huffman");
                frameAt = p;
                h = (b[p + 5] & 0xFF) << 8 | (b[p + 6] & 0xFF);
                w = (b[p + 7] & 0xFF) << 8 | (b[p + 8] & 0xFF);
                components = b[p + 9] & 0xFF;
                int maxH = 1;
                int maxV = 1;
                for (int c = 0; c < components; c++) {
                    int s = b[p + 11 + 3 * c] & 0xFF;
                    maxH = Math.max(maxH, s >> 4);
                    maxV = Math.max(maxV, s & 0xF);
                }
                mcuW = 8 * maxH;
                mcuH = 8 * maxV;
            } else if (marker == 0xDD) {
                restart = (b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF);
            } else if (marker == 0xDA) {
                if (frameAt < 0) throw new IOException(where + ": JPEG scan before any frame header");
                // A scan of one component codes 8x8 blocks whatever the sampling factors (ITU T.81 A.2.2).
                if ((b[p + 4] & 0xFF) == 1) {
                    mcuW = 8;
                    mcuH = 8;
                }
                if (components != 3) throw new IOException(where + ": JPEG has " + components + " components, not 3 (YCbCr or RGB)");
                return new JpegHeader(java.util.Arrays.copyOf(b, p + 2 + len), frameAt, mcuW, mcuH, restart, w, h);
            }
            p += 2 + len;
        }
        throw new IOException(where + ": no JPEG scan header (SOS) in the first " + b.length + " bytes");
    }

    /** A decodable stream: {@code header}, then {@code data} (a scan's entropy-coded bytes), then EOI when {@code addEoi}. */
    public static byte[] stream(byte[] header, byte[] data, boolean addEoi) {
        byte[] out = java.util.Arrays.copyOf(header, header.length + data.length + (addEoi ? 2 : 0));
        System.arraycopy(data, 0, out, header.length, data.length);
        if (addEoi) {
            out[out.length - 2] = (byte) 0xFF;
            out[out.length - 1] = (byte) 0xD9;
        }
        return out;
    }

    /** This header with its frame's size set to {@code w} × {@code h}: the header of one restart interval decoded alone. */
    public byte[] withFrameSize(int w, int h) {
        byte[] out = bytes.clone();
        out[frameAt + 5] = (byte) (h >> 8);
        out[frameAt + 6] = (byte) h;
        out[frameAt + 7] = (byte) (w >> 8);
        out[frameAt + 8] = (byte) w;
        return out;
    }
}
