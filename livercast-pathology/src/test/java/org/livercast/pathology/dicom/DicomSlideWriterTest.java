package org.livercast.pathology.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.write.PyramidWriter;
import org.livercast.pathology.write.SlideWriteOptions;

/**
 * A slide written as a DICOM whole-slide series is a valid VL Whole Slide Microscopy object for dciodvfy, opens in
 * dcmtk and pydicom, and reads back through {@link DicomSlide} tile for tile as the TIFF it came from (its JPEG tiles
 * are copied, not re-encoded).
 */
class DicomSlideWriterTest {
    @TempDir
    Path dir;

    static final LocalDateTime SCANNED = LocalDateTime.of(2024, 3, 5, 14, 30);

    static Path svs(Path dir) throws Exception {
        Path p = dir.resolve("s.svs");
        PyramidWriter.write(Synthetic.slide(1500, 1100), p, SlideWriteOptions.aperio(0.5, 20, Synthetic.label("DOE^JOHN"), Synthetic.label("MACRO")));
        return p;
    }

    static WsiMetadata identified() {
        return new WsiMetadata("DOE^JOHN", "H123456", java.time.LocalDate.of(1960, 2, 3), "M", "A2024-77", SCANNED, "S24-1234 A1", "S24-1234-A",
                "LiverCast", "LiverCast slide export", "H&E liver resection", "test-slide");
    }

    @Test
    void dciodvfyFindsNoErrorInAnyInstance() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dciodvfy")), "needs dicom3tools (dciodvfy)");
        List<Path> files = writtenSeries();
        assertThat(files.stream().map(f -> f.getFileName().toString())).containsExactly("level-0.dcm", "level-1.dcm", "level-2.dcm", "level-3.dcm", "label.dcm", "overview.dcm");
        for (Path f : files) {
            String report = run("/usr/bin/dciodvfy", f.toString());
            assertThat(report).as(f.toString()).startsWith("VLWholeSlideMicroscopyImage");
            assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(f + ":\n" + report).isEmpty();
            assertThat(report.lines().filter(l -> l.startsWith("Warning"))).as(f + ":\n" + report).isEmpty();
        }
    }

    @Test
    void dcmtkDumpsWithoutWarningAndDecompressesEveryFrame() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dcmdjpeg")), "needs dcmtk");
        List<Path> files = writtenSeries();
        String dump = run("/usr/bin/dcmdump", "+E", files.get(0).toString());
        assertThat(dump.lines().filter(l -> l.startsWith("W:") || l.startsWith("E:"))).as(dump).isEmpty();
        assertThat(dump).contains("(0028,0008) IS [30]").contains("TILED_FULL").contains("(0048,0006) UL 1500");
        Path raw = dir.resolve("raw.dcm");
        String out = run("/usr/bin/dcmdjpeg", files.get(0).toString(), raw.toString());
        assertThat(out).isEmpty();
        assertThat(Files.size(raw)).isGreaterThan(30L * 256 * 256 * 3);
    }

    /** The test SVS written as a DICOM series into dir/dicom. */
    private List<Path> writtenSeries() throws Exception {
        try (TiffSlide s = TiffSlide.open(svs(dir))) {
            return DicomSlideWriter.write(s, identified(), dir.resolve("dicom"));
        }
    }

    @Test
    void readsBackTileForTileAsTheTiff() throws Exception {
        Path svs = svs(dir);
        try (TiffSlide tiff = TiffSlide.open(svs)) {
            DicomSlideWriter.write(tiff, identified(), dir.resolve("dicom"));
            try (DicomSlide d = DicomSlide.open(dir.resolve("dicom"))) {
                assertThat(d.levels()).hasSameSizeAs(tiff.levels());
                for (Level l : tiff.levels()) {
                    Level m = d.levels().get(l.index());
                    assertThat(List.of(m.width(), m.height(), (long) m.tileWidth(), (long) m.tileHeight()))
                            .isEqualTo(List.of(l.width(), l.height(), (long) l.tileWidth(), (long) l.tileHeight()));
                    assertThat(m.downsample()).isEqualTo(l.downsample());
                    for (int r = 0; r < l.tilesDown(); r++) {
                        for (int c = 0; c < l.tilesAcross(); c++) {
                            assertThat(d.readTile(l.index(), c, r).pixels()).as("level %d tile (%d, %d)", l.index(), c, r)
                                    .isEqualTo(tiff.readTile(l.index(), c, r).pixels());
                        }
                    }
                }
                assertThat(d.micronsPerPixel()).isEqualTo(0.5);
                assertThat(d.properties()).containsEntry("openslide.vendor", "dicom").containsEntry("openslide.objective-power", "20")
                        .containsEntry("openslide.level-count", "4");
                assertThat(d.associatedImages()).containsExactly("label", "macro");
                assertThat(d.associatedImage("label").pixels()).isEqualTo(tiff.associatedImage("label").pixels());
                assertThat(d.associatedImage("macro").pixels()).isEqualTo(tiff.associatedImage("macro").pixels());
                RegionRequest r = new RegionRequest(1, 333, 251, 300, 200);
                assertThat(d.readRegion(r).pixels()).isEqualTo(tiff.readRegion(r).pixels());
            }
        }
    }

    @Test
    void pydicomReadsTheGeometryAndDecodesTheFramesAsLiverCast() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/pydicom")), "needs python3-pydicom");
        writtenSeries();
        String script = String.join("\n",
                "import sys, pydicom, numpy as np",
                "d = pydicom.dcmread(sys.argv[1])",
                "from pydicom.pixel_data_handlers.util import convert_color_space",
                "a = d.pixel_array",
                "if d.PhotometricInterpretation.startswith('YBR'): a = convert_color_space(a, 'YBR_FULL', 'RGB', per_frame=True)",
                "print(d.NumberOfFrames, d.TotalPixelMatrixColumns, d.TotalPixelMatrixRows, d.Rows, d.Columns, d.DimensionOrganizationType)",
                "sp = d.SharedFunctionalGroupsSequence[0].PixelMeasuresSequence[0].PixelSpacing",
                "print(float(sp[0]), float(sp[1]))",
                "print(a.shape)",
                "for f in (0, 7, 29): print(f, int(a[f].astype(np.int64).sum()))");
        Path py = dir.resolve("read.py");
        Files.writeString(py, script);
        String out = run("/usr/bin/python3", py.toString(), dir.resolve("dicom/level-0.dcm").toString());
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("30 1500 1100 256 256 TILED_FULL");
        assertThat(lines.get(1)).isEqualTo("0.0005 0.0005");
        assertThat(lines.get(2)).isEqualTo("(30, 256, 256, 3)");
        try (DicomSlide d = DicomSlide.open(dir.resolve("dicom"))) {
            int across = d.levels().get(0).tilesAcross();
            for (int k = 3; k < 6; k++) {
                String[] parts = lines.get(k).split(" ");
                int f = Integer.parseInt(parts[0]);
                long sum = 0;
                for (int p : d.readTile(0, f % across, f / across).pixels()) sum += (p >> 16 & 0xFF) + (p >> 8 & 0xFF) + (p & 0xFF);
                // pydicom decodes through Pillow's libjpeg: the same IDCT, colour conversion within a unit a sample.
                assertThat((double) Long.parseLong(parts[1])).as("frame " + f).isCloseTo(sum, org.assertj.core.data.Offset.offset(256 * 256 * 3 * 0.5));
            }
        }
    }

    /**
     * A level too large for one instance (here: over 200 kB of frames; in practice beyond the 4 GB a Basic Offset Table
     * reaches) is written as a concatenation, each part TILED_SPARSE with its frames' positions. dciodvfy finds nothing
     * but its full-grid frame count, and the parts read back as one level, tile for tile; a part lost is named.
     */
    @Test
    void aLevelBeyondTheLimitIsAConcatenationReadBackAsOneLevel() throws Exception {
        List<Path> files;
        Path svs = svs(dir);
        try (TiffSlide s = TiffSlide.open(svs)) {
            files = DicomSlideWriter.write(s, identified(), dir.resolve("parts"), 200_000);
        }
        List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        assertThat(names).contains("level-0-part-1.dcm", "level-0-part-2.dcm", "level-1.dcm", "label.dcm");
        if (Files.isExecutable(Path.of("/usr/bin/dciodvfy"))) {
            for (String part : List.of("level-0-part-1.dcm", "level-0-part-2.dcm")) {
                String report = run("/usr/bin/dciodvfy", dir.resolve("parts").resolve(part).toString());
                // dciodvfy expects every tile of the grid in each instance, whatever the organisation: a sparse image or a
                // concatenation's part is always "NumberOfFrames does not match" for it, though the standard allows both.
                // That one finding is expected; any other error or warning fails.
                assertThat(report.lines().filter(l -> l.startsWith("Error") || l.startsWith("Warning"))).as(part + ":\n" + report)
                        .singleElement().satisfies(l -> assertThat(l).contains("NumberOfFrames does not match expected value for tiled total pixel matrix"));
            }
        }
        try (TiffSlide tiff = TiffSlide.open(svs); DicomSlide d = DicomSlide.open(dir.resolve("parts"))) {
            assertThat(d.levels()).hasSameSizeAs(tiff.levels());
            Level l = tiff.levels().get(0);
            for (int r = 0; r < l.tilesDown(); r++) {
                for (int c = 0; c < l.tilesAcross(); c++) {
                    assertThat(d.readTile(0, c, r).pixels()).as("tile (%d, %d)", c, r).isEqualTo(tiff.readTile(0, c, r).pixels());
                }
            }
        }
        if (Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/pydicom"))) {
            // pydicom's reading of the second part: its frames, where they start, and the first frame's place and pixels.
            Path py = dir.resolve("part.py");
            Files.writeString(py, String.join("\n",
                    "import sys, pydicom, numpy as np",
                    "from pydicom.pixel_data_handlers.util import convert_color_space",
                    "d = pydicom.dcmread(sys.argv[1])",
                    "p = d.PerFrameFunctionalGroupsSequence[0].PlanePositionSlideSequence[0]",
                    "a = convert_color_space(d.pixel_array, 'YBR_FULL', 'RGB', per_frame=True)",
                    "print(d.NumberOfFrames, d.InConcatenationNumber, d.ConcatenationFrameOffsetNumber, d.DimensionOrganizationType,"
                            + " p.ColumnPositionInTotalImagePixelMatrix, p.RowPositionInTotalImagePixelMatrix, int(a[0].astype(np.int64).sum()))"));
            String[] f = run("/usr/bin/python3", py.toString(), dir.resolve("parts/level-0-part-2.dcm").toString()).strip().split(" ");
            assertThat(f[1]).isEqualTo("2");
            assertThat(f[3]).isEqualTo("TILED_SPARSE");
            int offset = Integer.parseInt(f[2]);
            try (TiffSlide tiff = TiffSlide.open(svs)) {
                Level l = tiff.levels().get(0);
                assertThat(Integer.parseInt(f[0]) + offset).isEqualTo(l.tilesAcross() * l.tilesDown());
                int c = offset % l.tilesAcross();
                int r = offset / l.tilesAcross();
                assertThat(Long.parseLong(f[4])).isEqualTo(c * 256L + 1);
                assertThat(Long.parseLong(f[5])).isEqualTo(r * 256L + 1);
                long sum = 0;
                for (int px : tiff.readTile(0, c, r).pixels()) sum += (px >> 16 & 0xFF) + (px >> 8 & 0xFF) + (px & 0xFF);
                assertThat((double) Long.parseLong(f[6])).isCloseTo(sum, org.assertj.core.data.Offset.offset(256 * 256 * 3 * 0.5));
            }
        }
        Files.delete(dir.resolve("parts/level-0-part-2.dcm"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DicomSlide.open(dir.resolve("parts")).close())
                .isInstanceOf(org.livercast.imaging.dicom.DicomFileException.class).hasMessageContaining("level-0-part-1.dcm")
                .hasMessageContaining("a part is missing");
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " timed out");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
