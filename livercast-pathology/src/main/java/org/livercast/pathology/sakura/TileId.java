package org.livercast.pathology.sakura;

import java.nio.file.Path;
import org.livercast.pathology.tiff.TiffException;

/**
 * A Sakura tile's id in the table of blobs: {@code T;x|y;downsample;colour;plane} — x and y in level-0 pixels, colour 0
 * red, 1 green, 2 blue. Ids that do not start "T;" (the magic, the header) or end in '#' (a tile's hash) are not tiles;
 * a tile id that does not parse, or does not print back the same (leading zeros), is refused, as OpenSlide refuses it.
 */
public final class TileId {
    private TileId() {}

    public static String of(long x, long y, long downsample, int colour, int plane) { return "T;" + x + "|" + y + ";" + downsample + ";" + colour + ";" + plane; }

    /** {x, y, downsample, colour, plane}, or null when {@code id} is not a tile's. */
    static long[] parse(Path file, String id) {
        if (id == null || !id.startsWith("T;") || id.endsWith("#")) return null;
        String[] f = id.split("[;|]", -1);
        if (f.length != 6) throw new TiffException(file + ": tile id '" + id + "' has " + f.length + " fields, not the 6 of T;x|y;downsample;colour;plane");
        long[] v = new long[5];
        for (int i = 0; i < 5; i++) {
            try {
                v[i] = Long.parseLong(f[i + 1]);
            } catch (NumberFormatException e) {
                throw new TiffException(file + ": tile id '" + id + "': '" + f[i + 1] + "' is not a number");
            }
            if (v[i] < 0) throw new TiffException(file + ": tile id '" + id + "': a negative field");
        }
        if (v[2] < 1 || v[3] > 2) throw new TiffException(file + ": tile id '" + id + "': downsample " + v[2] + ", colour " + v[3]);
        if (!of(v[0], v[1], v[2], (int) v[3], (int) v[4]).equals(id)) throw new TiffException(file + ": tile id '" + id + "' does not print back the same");
        return v;
    }
}
