package org.livercast.pathology.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.OpenSlideOracle;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.write.PyramidWriter;
import org.livercast.pathology.write.SlideWriteOptions;

class BrokenSlidesAndDeidentificationTest {
    static Path svs(Path dir) throws Exception {
        Path p = dir.resolve("s.svs");
        PyramidWriter.write(Synthetic.slide(1500, 1100), p, SlideWriteOptions.aperio(0.5, 20, Synthetic.label("DOE^JOHN"), Synthetic.label("MACRO")));
        return p;
    }

    @Test
    void aCorruptJpegTileIsNamedAndTheRestStaysReadable(@TempDir Path dir) throws Exception {
        Path p = svs(dir);
        long offset;
        try (TiffSlide s = TiffSlide.open(p)) {
            offset = s.tiff().ifds().get(0).numbers(Ifd.TILE_OFFSETS)[7];
        }
        byte[] b = Files.readAllBytes(p);
        for (int i = 20; i < 300; i++) b[(int) offset + i] = (byte) 0xFF;   // garbage inside tile 7's entropy-coded data
        Path bad = dir.resolve("bad.svs");
        Files.write(bad, b);
        try (TiffSlide s = TiffSlide.open(bad)) {
            int across = s.levels().get(0).tilesAcross();
            assertThatThrownBy(() -> s.readTile(0, 7 % across, 7 / across)).isInstanceOf(TiffException.class)
                    .hasMessageContaining("bad.svs").hasMessageContaining("tile (" + (7 % across) + ", " + (7 / across) + ")");
            assertThat(s.readTile(0, 0, 0).pixels()).isNotEmpty();
            assertThat(s.readRegion(new RegionRequest(1, 0, 0, 100, 100)).pixels()).hasSize(10_000);
        }
    }

    @Test
    void aTileOffsetPastTheEndOrATruncatedFileIsNamed(@TempDir Path dir) throws Exception {
        Path p = svs(dir);
        byte[] b = Files.readAllBytes(p);
        Path cut = dir.resolve("cut.svs");
        Files.write(cut, java.util.Arrays.copyOf(b, b.length / 2));
        assertThatThrownBy(() -> TiffSlide.open(cut).close()).isInstanceOf(TiffException.class).hasMessageContaining("cut.svs")
                .hasMessageContaining("past the end of the file");
        Path notTiff = dir.resolve("x.svs");
        Files.write(notTiff, "hello".getBytes());
        assertThatThrownBy(() -> TiffSlide.open(notTiff).close()).hasMessageContaining("x.svs");
        // Point one tile offset past the end of the file.
        long arrayAt;
        try (TiffSlide s = TiffSlide.open(p)) {
            arrayAt = offsetsArrayPosition(p, s.tiff().ifds().get(0));
        }
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt((int) arrayAt + 4 * 3, b.length + 1000);
        Path far = dir.resolve("far.svs");
        Files.write(far, b);
        try (TiffSlide s = TiffSlide.open(far)) {
            assertThatThrownBy(() -> s.readTile(0, 3, 0)).hasMessageContaining("far.svs").hasMessageContaining("tile (3, 0)")
                    .hasMessageContaining("past the end");
            assertThat(s.readTile(0, 2, 0).pixels()).isNotEmpty();
        }
    }

    /** Finds the TileOffsets array of a directory by scanning its entries (classic TIFF, little endian). */
    static long offsetsArrayPosition(Path p, Ifd ifd) throws Exception {
        byte[] b = Files.readAllBytes(p);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int n = bb.getShort((int) ifd.offset()) & 0xFFFF;
        for (int i = 0; i < n; i++) {
            int e = (int) ifd.offset() + 2 + 12 * i;
            if ((bb.getShort(e) & 0xFFFF) == Ifd.TILE_OFFSETS) return bb.getInt(e + 8) & 0xFFFFFFFFL;
        }
        throw new AssertionError("no TileOffsets");
    }

    @Test
    void labelAndMacroCanBeRemovedForDeidentification(@TempDir Path dir) throws Exception {
        Path p = svs(dir);
        Path clean = dir.resolve("clean.svs");
        List<String> removed = AssociatedImageRemover.remove(p, clean, Set.of("label", "macro"));
        assertThat(removed).containsExactlyInAnyOrder("label", "macro");
        try (TiffSlide s = TiffSlide.open(clean); TiffSlide original = TiffSlide.open(p)) {
            assertThat(s.associatedImages()).containsExactly("thumbnail");
            assertThat(s.readRegion(new RegionRequest(0, 500, 400, 64, 64)).pixels())
                    .containsExactly(original.readRegion(new RegionRequest(0, 500, 400, 64, 64)).pixels());
        }
        if (OpenSlideOracle.available()) {
            assertThat(OpenSlideOracle.read(clean, List.of()).get(0).get("associated").toString()).isEqualTo("[\"thumbnail\"]");
        } else {
            Assumptions.abort("OpenSlide not installed; checked with LiverCast only");
        }
    }
}
