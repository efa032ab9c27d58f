package org.livercast.pathology.mirax;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.livercast.pathology.tiff.TiffException;

/**
 * Where the scanner's camera stood for each photo, in level-0 pixels: a MIRAX scanner takes overlapping photos and
 * records each one's position as 9 bytes (a flag byte, then x and y as little-endian 32-bit integers, in level-0
 * pixels over level 0's concatenation), either plainly (VIMSLIDE_POSITION_BUFFER) or deflated
 * (StitchingIntensityLayer, newer scanners). Without either, photos stand on the nominal grid: the photo's size less the
 * nominal overlap apart.
 */
final class CameraPositions {
    static final int RECORD_BYTES = 9;

    private CameraPositions() {}

    /** Positions as (x, y) pairs, photo by photo (row-major), from a position record's bytes. */
    static int[] parse(byte[] record, boolean deflated, int photos, int level0Concat, String where) {
        byte[] plain = deflated ? inflate(record, photos * RECORD_BYTES, where) : record;
        if (plain.length != photos * RECORD_BYTES) {
            throw new TiffException(where + ": " + plain.length + " bytes of camera positions, where " + photos + " photos need " + photos * RECORD_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
        int[] xy = new int[2 * photos];
        for (int i = 0; i < photos; i++) {
            int flag = b.get(i * RECORD_BYTES) & 0xFF;
            if ((flag & 0xFE) != 0) throw new TiffException(where + ": photo " + i + "'s flag byte is " + flag + ", not 0 or 1");
            xy[2 * i] = b.getInt(i * RECORD_BYTES + 1) * level0Concat;
            xy[2 * i + 1] = b.getInt(i * RECORD_BYTES + 5) * level0Concat;
        }
        return xy;
    }

    /** The nominal grid: photo (i, j) at i × (photo width − overlap), j × (photo height − overlap). */
    static int[] nominal(int photosAcross, int photos, int photoWidth, int photoHeight, double overlapX, double overlapY) {
        int[] xy = new int[2 * photos];
        for (int i = 0; i < photos; i++) {
            xy[2 * i] = (int) ((i % photosAcross) * (photoWidth - overlapX));
            xy[2 * i + 1] = (int) ((i / photosAcross) * (photoHeight - overlapY));
        }
        return xy;
    }

    private static byte[] inflate(byte[] deflated, int expected, String where) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(deflated);
            byte[] out = new byte[expected];
            int n = 0;
            while (n < expected && !inf.finished()) {
                int got = inf.inflate(out, n, expected - n);
                if (got == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                n += got;
            }
            if (n != expected || !inf.finished()) {
                throw new TiffException(where + ": the deflated camera positions give " + (inf.finished() ? n : "more than " + n) + " bytes, where " + expected + " are expected");
            }
            return out;
        } catch (DataFormatException e) {
            throw new TiffException(where + ": the deflated camera positions are damaged: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }
}
