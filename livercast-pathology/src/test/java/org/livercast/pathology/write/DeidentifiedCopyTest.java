package org.livercast.pathology.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.Ifd;

/**
 * What may be stored of a slide file: an Aperio SVS keeps its file, scrubbed in place; a TIFF of another vendor — a
 * label in a directory nothing names, an XMP packet and a description with the barcode and the patient's name — keeps
 * only its pyramid, JPEG tiles copied, and nothing of what could name the patient.
 */
class DeidentifiedCopyTest {
    @TempDir
    Path dir;

    @Test
    void anotherVendorsTiffKeepsOnlyItsPyramid() throws Exception {
        Path in = dir.resolve("ventana-like.tif");
        JpegTiles jpeg = new JpegTiles(0.9f);
        List<TiffWriter.Directory> dirs = new ArrayList<>();
        try (TiffWriter w = new TiffWriter(in, false)) {
            RgbImage label = Synthetic.label("DOE^JOHN");
            long labelAt = w.append(label.rgbBytes());
            dirs.add(new TiffWriter.Directory().longs(Ifd.NEW_SUBFILE_TYPE, 1).longs(Ifd.IMAGE_WIDTH, label.width()).longs(Ifd.IMAGE_LENGTH, label.height())
                    .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 1).shorts(Ifd.PHOTOMETRIC, 2).ascii(Ifd.IMAGE_DESCRIPTION, "Label Image")
                    .longs(Ifd.STRIP_OFFSETS, labelAt).shorts(Ifd.SAMPLES_PER_PIXEL, 3).longs(Ifd.ROWS_PER_STRIP, label.height())
                    .longs(Ifd.STRIP_BYTE_COUNTS, label.rgbBytes().length));
            for (int level = 0; level < 2; level++) {
                int ds = 1 << level;
                int side = 512 / ds;
                int across = side / 256;
                long[] offsets = new long[across * across];
                long[] counts = new long[across * across];
                for (int r = 0; r < across; r++) {
                    for (int c = 0; c < across; c++) {
                        int[] px = new int[256 * 256];
                        for (int y = 0; y < 256; y++) {
                            for (int x = 0; x < 256; x++) px[y * 256 + x] = Synthetic.pixel((long) (c * 256 + x) * ds, (long) (r * 256 + y) * ds, 512, 512);
                        }
                        byte[] t = jpeg.encode(px, 256, 256);
                        offsets[r * across + c] = w.append(t);
                        counts[r * across + c] = t.length;
                    }
                }
                TiffWriter.Directory d = new TiffWriter.Directory().longs(Ifd.IMAGE_WIDTH, side).longs(Ifd.IMAGE_LENGTH, side)
                        .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 7).shorts(Ifd.PHOTOMETRIC, 6).shorts(Ifd.SAMPLES_PER_PIXEL, 3)
                        .rational(Ifd.X_RESOLUTION, 20_000.0 / ds).rational(Ifd.Y_RESOLUTION, 20_000.0 / ds).shorts(Ifd.RESOLUTION_UNIT, 3)
                        .longs(Ifd.TILE_WIDTH, 256).longs(Ifd.TILE_LENGTH, 256).offsets(Ifd.TILE_OFFSETS, false, offsets)
                        .offsets(Ifd.TILE_BYTE_COUNTS, false, counts).undefined(Ifd.JPEG_TABLES, jpeg.tables()).shorts(Ifd.YCBCR_SUBSAMPLING, 2, 2)
                        .ascii(Ifd.IMAGE_DESCRIPTION, "level=" + level + " mag=" + (20 / ds) + " quality=90 iScan BarCode=S26-0777 DOE^JOHN");
                if (level == 0) d.undefined(700, "<x:xmpmeta><iScan PatientName=\"DOE^JOHN\" BarCode1D=\"S26-0777\"/></x:xmpmeta>".getBytes(StandardCharsets.UTF_8));
                dirs.add(d);
            }
            w.finish(dirs);
        }
        Path out = dir.resolve("stored.tif");
        Map<String, Integer> done;
        try (WholeSlide s = Slides.open(in)) {
            assertThat(s.properties()).containsEntry("openslide.vendor", "generic-tiff");
            done = DeidentifiedCopy.write(s, in, out, text -> text.replace("DOE^JOHN", "P-0001"), 0.9f);
        }
        assertThat(done).containsEntry("TIFF (generic-tiff) stored as tiled TIFF (2 levels' tiles copied, 0 coded again)", 1);
        String bytes = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
        for (String identifier : List.of("DOE", "S26-0777", "xmpmeta", "iScan")) assertThat(bytes).as(identifier).doesNotContain(identifier);
        try (TiffSlide copy = TiffSlide.open(out); TiffSlide original = TiffSlide.open(in)) {
            assertThat(copy.tiff().ifds()).as("the pyramid's two directories, no label").hasSize(2);
            assertThat(copy.micronsPerPixel()).isEqualTo(0.5);
            for (Level l : original.levels()) {
                assertThat(copy.readTile(l.index(), l.tilesAcross() - 1, 0).pixels()).isEqualTo(original.readTile(l.index(), l.tilesAcross() - 1, 0).pixels());
            }
        }
    }

    @Test
    void anAperioSvsIsScrubbedInPlace() throws Exception {
        Path in = dir.resolve("s.svs");
        PyramidWriter.write(Synthetic.slide(800, 600), in, SlideWriteOptions.aperio(0.5, 20, Synthetic.label("DOE^JOHN"), Synthetic.label("MACRO")));
        Path out = dir.resolve("stored.svs");
        Map<String, Integer> done;
        try (WholeSlide s = Slides.open(in)) {
            done = DeidentifiedCopy.write(s, in, out, text -> text, 0.9f);
        }
        assertThat(done).containsEntry("associated image removed", 2);
        assertThat(Files.size(out)).as("the same file, scrubbed in place").isEqualTo(Files.size(in));
        try (TiffSlide copy = TiffSlide.open(out)) {
            assertThat(copy.properties()).containsEntry("openslide.vendor", "aperio").containsEntry("aperio.AppMag", "20");
            assertThat(copy.associatedImages()).doesNotContain("label", "macro");
        }
    }
}
