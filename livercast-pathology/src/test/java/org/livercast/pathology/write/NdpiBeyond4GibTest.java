package org.livercast.pathology.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.ndpi.NdpiSlide;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffFile;

/**
 * A NanoZoomer's slide is often larger than 4 GiB, beyond classic TIFF's 32-bit offsets: NDPI keeps the high halves
 * (of the header's first-directory offset, each next pointer and each entry's value) after the 32-bit fields. A slide
 * whose data and directories lie beyond 4 GiB (a sparse file, so the test writes a few megabytes) reads as the same
 * slide below 4 GiB.
 */
class NdpiBeyond4GibTest {
    @TempDir
    Path dir;

    @Test
    void offsetsBeyond4GibReadAsTheSameSlide() throws Exception {
        Path svs = dir.resolve("s.svs");
        PyramidWriter.write(Synthetic.slide(1024, 768), svs, SlideWriteOptions.aperio(0.5, 20, Synthetic.label("L"), Synthetic.label("M")));
        Path small = dir.resolve("small.ndpi");
        Path large = dir.resolve("large.ndpi");
        NdpiWriter.Options o = NdpiWriter.Options.defaults().withSingleJpegPixels(40_000);
        try (TiffSlide s = TiffSlide.open(svs)) {
            NdpiWriter.write(s, small, o);
            NdpiWriter.write(s, large, o, (1L << 32) + 12_345);
        }
        assertThat(Files.size(large)).isGreaterThan(1L << 32);
        try (TiffFile t = TiffFile.open(large)) {
            assertThat(t.ndpi()).isTrue();
            assertThat(t.ifds().get(0).offset()).as("directories beyond 4 GiB").isGreaterThan(1L << 32);
            assertThat(t.ifds().get(0).numbers(Ifd.STRIP_OFFSETS)[0]).as("a strip beyond 4 GiB").isGreaterThan(1L << 32);
        }
        try (WholeSlide a = Slides.open(small); WholeSlide b = Slides.open(large)) {
            assertThat(b).isInstanceOf(NdpiSlide.class);
            assertThat(((NdpiSlide) b).recordedIntervalStarts(0)).isTrue();
            assertThat(b.levels()).isEqualTo(a.levels());
            assertThat(b.properties()).isEqualTo(a.properties());
            for (Level l : a.levels()) {
                RegionRequest whole = new RegionRequest(l.index(), 0, 0, (int) l.width(), (int) l.height());
                assertThat(b.readRegion(whole).pixels()).as("level %d", l.index()).isEqualTo(a.readRegion(whole).pixels());
            }
            assertThat(b.associatedImage("macro").pixels()).isEqualTo(a.associatedImage("macro").pixels());
        }
    }
}
