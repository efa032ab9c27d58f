package org.livercast.pathology.tiff;

/** TIFF LZW (MSB-first codes of 9–12 bits, ClearCode 256, EOI 257, the "early change" code-width switch). */
final class Lzw {
    private Lzw() {}

    static byte[] decode(byte[] in, int expected, String where) {
        byte[] out = new byte[expected];
        int o = 0;
        byte[][] table = new byte[4096][];
        for (int i = 0; i < 256; i++) table[i] = new byte[] {(byte) i};
        int next = 258;
        int width = 9;
        long bits = 0;
        int count = 0;
        int pos = 0;
        byte[] previous = null;
        while (true) {
            while (count < width) {
                if (pos >= in.length) return checkLength(out, o, expected, where);
                bits = bits << 8 | (in[pos++] & 0xFF);
                count += 8;
            }
            int code = (int) (bits >>> (count - width)) & ((1 << width) - 1);
            count -= width;
            if (code == 257) break;
            if (code == 256) {
                next = 258;
                width = 9;
                previous = null;
                continue;
            }
            byte[] entry;
            if (code < next && table[code] != null) {
                entry = table[code];
                if (previous != null) table[next++] = concat(previous, entry[0]);
            } else if (code == next && previous != null) {
                entry = concat(previous, previous[0]);
                table[next++] = entry;
            } else {
                throw new TiffException(where + ": corrupt LZW stream (code " + code + " with " + next + " entries)");
            }
            int n = Math.min(entry.length, expected - o);
            System.arraycopy(entry, 0, out, o, n);
            o += n;
            previous = entry;
            if (next + 1 >= (1 << width) && width < 12) width++;
            if (next >= 4096) throw new TiffException(where + ": corrupt LZW stream (table overflow)");
        }
        return checkLength(out, o, expected, where);
    }

    private static byte[] checkLength(byte[] out, int o, int expected, String where) {
        if (o < expected) throw new TiffException(where + ": LZW tile decodes to " + o + " bytes, " + expected + " expected");
        return out;
    }

    private static byte[] concat(byte[] a, byte b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + 1);
        c[a.length] = b;
        return c;
    }
}
