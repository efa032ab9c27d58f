package org.livercast.pathology.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffException;

/**
 * A slide in a vendor format LiverCast does not read is refused by name — the vendor's format and what to send
 * instead — rather than read as something it is not; a Ventana TIFF (no stitching) is read as Ventana; a Leica SCN
 * is read as SCN, never as one pyramid of its several images.
 */
class SlidesNotReadTest {
    @TempDir
    Path dir;

    @Test
    void vendorFormatsNotReadAreNamed() throws Exception {
        Path vsi = Files.write(dir.resolve("S1.vsi"), new byte[16]);
        assertThatThrownBy(() -> Slides.open(vsi)).isInstanceOf(TiffException.class).hasMessageContaining("S1.vsi")
                .hasMessageContaining("Olympus VSI").hasMessageContaining("Sakura SVSlide, Trestle and DICOM whole-slide images");
        // A MIRAX slide is read; its .mrxs without the folder beside it is named as such.
        Path mrxs = Files.write(dir.resolve("S4.mrxs"), new byte[0]);
        assertThatThrownBy(() -> Slides.open(mrxs)).isInstanceOf(TiffException.class).hasMessageContaining("S4" + java.io.File.separator + "Slidedat.ini")
                .hasMessageContaining("missing");
        Path kfb = Files.write(dir.resolve("S2.KFB"), new byte[16]);
        assertThatThrownBy(() -> Slides.open(kfb)).hasMessageContaining("KFBio KFB");

        // A Leica SCN: a tiled BigTIFF-style file whose first description is the SCN collection's XML.
        Path scn = dir.resolve("S3.scn");
        try (TiffWriter w = new TiffWriter(scn, false)) {
            long at = w.append(new byte[16 * 16 * 3]);
            TiffWriter.Directory d = new TiffWriter.Directory().longs(Ifd.IMAGE_WIDTH, 16).longs(Ifd.IMAGE_LENGTH, 16)
                    .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 1).shorts(Ifd.PHOTOMETRIC, 2)
                    .ascii(Ifd.IMAGE_DESCRIPTION, "<?xml version=\"1.0\"?><scn xmlns=\"http://www.leica-microsystems.com/scn/2010/10/01\">"
                            + "<collection sizeX=\"1\" sizeY=\"1\"/></scn>")
                    .shorts(Ifd.SAMPLES_PER_PIXEL, 3).longs(Ifd.TILE_WIDTH, 16).longs(Ifd.TILE_LENGTH, 16)
                    .longs(Ifd.TILE_OFFSETS, at).longs(Ifd.TILE_BYTE_COUNTS, 16 * 16 * 3);
            w.finish(List.of(d));
        }
        assertThatThrownBy(() -> Slides.open(scn)).as("read as SCN, whose collection here has no image").isInstanceOf(TiffException.class)
                .hasMessageContaining("S3.scn").hasMessageContaining("no brightfield main image");

        // A Ventana TIFF: the iScan XML in the XMP packet, no EncodeInfo: read as Ventana, its tiles abutting.
        Path bif = dir.resolve("S4.bif");
        try (TiffWriter w = new TiffWriter(bif, false)) {
            long at = w.append(new byte[16 * 16 * 3]);
            w.finish(List.of(new TiffWriter.Directory().longs(Ifd.IMAGE_WIDTH, 16).longs(Ifd.IMAGE_LENGTH, 16)
                    .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 1).shorts(Ifd.PHOTOMETRIC, 2)
                    .ascii(Ifd.IMAGE_DESCRIPTION, "level=0 mag=40 quality=90").shorts(Ifd.SAMPLES_PER_PIXEL, 3)
                    .longs(Ifd.TILE_WIDTH, 16).longs(Ifd.TILE_LENGTH, 16).longs(Ifd.TILE_OFFSETS, at).longs(Ifd.TILE_BYTE_COUNTS, 16 * 16 * 3)
                    .undefined(700, "<?xml version=\"1.0\"?><iScan Z-layers=\"1\" ScanRes=\"0.25\"/>".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        try (var s = Slides.open(bif)) {
            assertThat(s).isInstanceOf(org.livercast.pathology.ventana.VentanaSlide.class);
            assertThat(s.properties()).containsEntry("openslide.vendor", "ventana").containsEntry("openslide.mpp-x", "0.25");
            assertThat(s.levels().get(0).width()).isEqualTo(16);
            assertThat(s.readRegion(new org.livercast.pathology.slide.RegionRequest(0, 0, 0, 16, 16)).pixels()).containsOnly(0);
        }
    }
}
