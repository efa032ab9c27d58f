package org.livercast.pathology.write;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.tiff.Ifd;

/**
 * A Leica SCN as an SCN400 writes it, for tests: a collection (the glass, in nanometres) holding a macro image (a
 * photograph of the whole glass, here with the patient's name on its label) and a main image (the scanned region) at
 * an offset, each a pyramid of tiled directories named by the XML in the first directory's description; the barcode
 * base64-coded, as SCN keeps it.
 */
final class LeicaScnFiles {
    static final int MAIN_W = 768;
    static final int MAIN_H = 512;
    static final int NM_PER_PX = 500;                    // 0.5 µm/px at level 0 of the main image
    static final long COLLECTION_W_NM = 1_024L * 4 * NM_PER_PX;
    static final long COLLECTION_H_NM = 768L * 4 * NM_PER_PX;
    static final long OFFSET_X_NM = 256L * 4 * NM_PER_PX; // whole pixels at every level (downsample up to 4)
    static final long OFFSET_Y_NM = 128L * 4 * NM_PER_PX;

    private LeicaScnFiles() {}

    static Path write(Path out, String barcode) throws Exception { return write(out, barcode, OFFSET_X_NM, OFFSET_Y_NM); }

    /** With the main image at (offsetXNm, offsetYNm) of the glass. */
    static Path write(Path out, String barcode, long offsetXNm, long offsetYNm) throws Exception {
        JpegTiles jpeg = new JpegTiles(0.9f);
        List<TiffWriter.Directory> dirs = new ArrayList<>();
        try (TiffWriter w = new TiffWriter(out, false)) {
            // directory 0: the macro (the whole glass, 256 x 192 px); directories 1-2: the main image at 1x and 4x
            dirs.add(tiled(w, jpeg, 256, 192, 1, true));
            dirs.add(tiled(w, jpeg, MAIN_W, MAIN_H, 1, false));
            dirs.add(tiled(w, jpeg, MAIN_W / 4, MAIN_H / 4, 4, false));
            dirs.get(0).ascii(Ifd.IMAGE_DESCRIPTION, xml(barcode, offsetXNm, offsetYNm));
            w.finish(dirs);
        }
        return out;
    }

    private static TiffWriter.Directory tiled(TiffWriter w, JpegTiles jpeg, int width, int height, int ds, boolean macro) throws Exception {
        int across = (width + 255) / 256;
        int down = (height + 255) / 256;
        long[] offsets = new long[across * down];
        long[] counts = new long[across * down];
        RgbImage glass = macro ? Synthetic.label("DOE^JOHN").resized(width, height) : null;
        for (int r = 0; r < down; r++) {
            for (int c = 0; c < across; c++) {
                int[] px = new int[256 * 256];
                for (int y = 0; y < 256; y++) {
                    for (int x = 0; x < 256; x++) {
                        int gx = c * 256 + x;
                        int gy = r * 256 + y;
                        if (gx >= width || gy >= height) px[y * 256 + x] = 0xFFFFFF;
                        else px[y * 256 + x] = macro ? glass.rgb(gx, gy) : Synthetic.pixel((long) gx * ds, (long) gy * ds, MAIN_W, MAIN_H);
                    }
                }
                byte[] t = jpeg.encode(px, 256, 256);
                offsets[r * across + c] = w.append(t);
                counts[r * across + c] = t.length;
            }
        }
        double pxPerCm = macro ? 1e7 / (COLLECTION_W_NM / 256.0) : 1e7 / (NM_PER_PX * ds);
        return new TiffWriter.Directory().longs(Ifd.IMAGE_WIDTH, width).longs(Ifd.IMAGE_LENGTH, height)
                .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 7).shorts(Ifd.PHOTOMETRIC, 6).shorts(Ifd.SAMPLES_PER_PIXEL, 3)
                .rational(Ifd.X_RESOLUTION, pxPerCm).rational(Ifd.Y_RESOLUTION, pxPerCm).shorts(Ifd.RESOLUTION_UNIT, 3)
                .longs(Ifd.TILE_WIDTH, 256).longs(Ifd.TILE_LENGTH, 256).offsets(Ifd.TILE_OFFSETS, false, offsets)
                .offsets(Ifd.TILE_BYTE_COUNTS, false, counts).undefined(Ifd.JPEG_TABLES, jpeg.tables()).shorts(Ifd.YCBCR_SUBSAMPLING, 2, 2);
    }

    static String xml(String barcode) { return xml(barcode, OFFSET_X_NM, OFFSET_Y_NM); }

    static String xml(String barcode, long offsetXNm, long offsetYNm) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<scn xmlns=\"http://www.leica-microsystems.com/scn/2010/10/01\">"
                + "<collection name=\"S26-0042\" uuid=\"c1\" sizeX=\"" + COLLECTION_W_NM + "\" sizeY=\"" + COLLECTION_H_NM + "\">"
                + "<barcode>" + java.util.Base64.getEncoder().encodeToString(barcode.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "</barcode>"
                + "<image name=\"macro\" uuid=\"i0\"><creationDate>2026-03-02T10:00:00.00Z</creationDate>"
                + "<device model=\"Leica SCN400;Leica SCN\" version=\"1.4.0\"/>"
                + "<pixels sizeX=\"256\" sizeY=\"192\"><dimension sizeX=\"256\" sizeY=\"192\" r=\"0\" ifd=\"0\"/></pixels>"
                + "<view sizeX=\"" + COLLECTION_W_NM + "\" sizeY=\"" + COLLECTION_H_NM + "\" offsetX=\"0\" offsetY=\"0\" spacingZ=\"0\"/>"
                + "<scanSettings><objectiveSettings><objective>0.4</objective></objectiveSettings>"
                + "<illuminationSettings><numericalAperture>0.01</numericalAperture><illuminationSource>brightfield</illuminationSource>"
                + "</illuminationSettings></scanSettings></image>"
                + "<image name=\"main\" uuid=\"i1\"><creationDate>2026-03-02T10:05:00.00Z</creationDate>"
                + "<device model=\"Leica SCN400;Leica SCN\" version=\"1.4.0\"/>"
                + "<pixels sizeX=\"" + MAIN_W + "\" sizeY=\"" + MAIN_H + "\">"
                + "<dimension sizeX=\"" + MAIN_W + "\" sizeY=\"" + MAIN_H + "\" r=\"0\" ifd=\"1\"/>"
                + "<dimension sizeX=\"" + MAIN_W / 4 + "\" sizeY=\"" + MAIN_H / 4 + "\" r=\"1\" ifd=\"2\"/></pixels>"
                + "<view sizeX=\"" + (long) MAIN_W * NM_PER_PX + "\" sizeY=\"" + (long) MAIN_H * NM_PER_PX + "\" offsetX=\"" + offsetXNm
                + "\" offsetY=\"" + offsetYNm + "\" spacingZ=\"0\"/>"
                + "<scanSettings><objectiveSettings><objective>20</objective></objectiveSettings>"
                + "<illuminationSettings><numericalAperture>0.7</numericalAperture><illuminationSource>brightfield</illuminationSource>"
                + "</illuminationSettings></scanSettings></image></collection></scn>";
    }
}
