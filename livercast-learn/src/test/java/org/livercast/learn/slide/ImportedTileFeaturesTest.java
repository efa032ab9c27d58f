package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.UnusableInputException;
import org.livercast.pathology.slide.TiffSlide;

/** A folder of tile features extracted elsewhere, standing where a tile encoder stands. */
class ImportedTileFeaturesTest {
    @TempDir Path tmp;

    @Test
    void tridentsAndClamsFoldersAreEncodersNamedAfterTheirFolderWidthAndTiling() throws Exception {
        try (TileEncoder trident = TileEncoder.load(TileFeaturesH5Test.fixture("trident/20x_256px_0px_overlap/features_tiny_v1"), 224)) {
            assertThat(trident).isInstanceOf(ImportedTileFeatures.class);
            assertThat(trident.id()).isEqualTo("features-tiny_v1-8d-20x256px");
            assertThat(trident.dimension()).isEqualTo(8);
            assertThat(trident.featureNames()).startsWith("tiny_v1_0", "tiny_v1_1");
            // The card records the folder, so predict finds it again.
            TileEncoderSource source = trident.source().orElseThrow();
            assertThat(source.file()).endsWith("features_tiny_v1");
            assertThat(source.load().id()).isEqualTo(trident.id());
            assertThatThrownBy(() -> trident.embed(null)).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("read from its files");
        }
        // CLAM states neither the encoder nor the tiling: the folder's name is the encoder's.
        assertThat(ImportedTileFeatures.open(TileFeaturesH5Test.fixture("clam/h5_files")).id()).isEqualTo("features-h5_files-8d");
        // A network's reading options mean nothing to features already computed.
        assertThatThrownBy(() -> TileEncoder.load(TileFeaturesH5Test.fixture("clam/h5_files"), NetworkTiles.of(224).withNormalisation(TileNormalisation.CLIP)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a folder of tile features computed elsewhere");
        assertThatThrownBy(() -> ImportedTileFeatures.open(Files.createDirectories(tmp.resolve("features_empty"))))
                .isInstanceOf(UnusableInputException.class).hasMessageContaining("features_empty: no .h5 tile-features files");
        // CLAM's pt_files hold the same features without coordinates: pointed at the h5_files beside them.
        Path clam = tmp.resolve("clam");
        Path ptFiles = Files.createDirectories(clam.resolve("pt_files"));
        Files.write(ptFiles.resolve("P0001-HE.pt"), new byte[] {0x50, 0x4b});
        assertThatThrownBy(() -> ImportedTileFeatures.open(ptFiles)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("pt_files: 1 .pt feature file and no .h5").hasMessageContaining("use the h5_files folder CLAM wrote beside it");
        Path h5Files = Files.createDirectories(clam.resolve("h5_files"));
        assertThatThrownBy(() -> ImportedTileFeatures.open(ptFiles)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("use " + h5Files.toAbsolutePath().normalize() + " beside it");
    }

    @Test
    void exportedFeaturesReadBackAsTheVeryBagsTheEncoderGaveAndWrongFilesAreRefused() throws Exception {
        Path dir = SmallCohort.withSlides(6, 2, 33);
        List<Path> slides = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().stream().flatMap(c -> c.slide().stream()).toList();
        SlideBags computed = new SlideBags(new HistologyFeatureEncoder(), tmp.resolve("cache"));
        List<String> progress = new java.util.ArrayList<>();
        // And a slide with no tissue at all (a blank glass): no file for it, and said so.
        Path blank = tmp.resolve("blank").resolve("BLANK-HE.svs");
        java.nio.file.Files.createDirectories(blank.getParent());
        org.livercast.pathology.write.PyramidWriter.write(new org.livercast.pathology.write.TileSource() {
            public long width() { return 2048; }
            public long height() { return 1536; }
            public int[] read(long x, long y, int w, int h) {
                int[] px = new int[w * h];
                java.util.Arrays.fill(px, 0xF4F4F4);
                return px;
            }
        }, blank, org.livercast.pathology.write.SlideWriteOptions.generic(0.5));
        List<Path> withBlank = new java.util.ArrayList<>(slides);
        withBlank.add(blank);
        TileFeaturesExport.Written written = TileFeaturesExport.write(withBlank, computed, tmp.resolve("out"), progress::add);
        assertThat(written.withoutTissue()).containsExactly(blank);
        assertThat(written.files()).isEqualTo(slides.size());
        Path folder = written.folder();
        assertThat(folder.resolve("BLANK-HE.h5")).doesNotExist();
        assertThat(folder.getFileName().toString()).isEqualTo("features_" + new HistologyFeatureEncoder().id());
        assertThat(progress).last().asString().contains("slides " + withBlank.size() + "/" + withBlank.size());

        ImportedTileFeatures imported = ImportedTileFeatures.open(folder);
        assertThat(imported.id()).isEqualTo("features-" + new HistologyFeatureEncoder().id() + "-18d-20x256px");
        SlideBags read = new SlideBags(imported, tmp.resolve("cache-imported"));
        for (Path s : slides) {
            SlideBag a = computed.of(s);
            SlideBag b = read.of(s);
            assertThat(b.tiles()).isEqualTo(a.tiles());
            assertThat(b.embeddings()).isDeepEqualTo(a.embeddings());
            assertThat(b.slideSha256()).isEqualTo(a.slideSha256());
            assertThat(b.encoderId()).isEqualTo(imported.id());
        }
        // Read, not cached: the files are the cache.
        assertThat(tmp.resolve("cache-imported")).doesNotExist();

        Path slide = slides.get(0);
        String name = TileFeaturesH5.slideName(slide);
        long width;
        try (TiffSlide s = TiffSlide.open(slide)) {
            width = s.levels().get(0).width();
        }
        // Another slide's features (a tile beyond this slide's edge).
        overwrite(folder.resolve(name + ".h5"), new float[18], new long[] {width + 10, 0}, 20);
        assertThatThrownBy(() -> read.of(slide)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining(name + ".h5: tile 0 at (" + (width + 10) + ", 0) lies outside " + slide.getFileName()).hasMessageContaining("another slide?");
        // Another encoder's width.
        overwrite(folder.resolve(name + ".h5"), new float[12], new long[] {0, 0}, 20);
        assertThatThrownBy(() -> read.of(slide)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("12 features per tile; the folder's encoder (" + imported.id() + ") gives 18");
        // Another magnification.
        overwrite(folder.resolve(name + ".h5"), new float[18], new long[] {0, 0}, 40);
        assertThatThrownBy(() -> read.of(slide)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("tiles read at 40x256px; the folder's others at 20x256px");
        // None at all.
        Files.delete(folder.resolve(name + ".h5"));
        assertThatThrownBy(() -> read.of(slide)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining(slide + ": no tile features for it in " + folder).hasMessageContaining("expected " + name + ".h5");
    }

    @Test
    void aTilesSideIsStatedAtLevelZeroOrAtItsLevelOrMeasuredFromTheGrid() throws Exception {
        List<org.livercast.pathology.slide.Level> levels = List.of(new org.livercast.pathology.slide.Level(0, 40000, 30000, 1, 256, 256, 0),
                new org.livercast.pathology.slide.Level(1, 10000, 7500, 4, 256, 256, 1));
        assertThat(ImportedTileFeatures.sideLevel0(TileFeaturesH5.read(TileFeaturesH5Test.fixture("trident/20x_256px_0px_overlap/features_tiny_v1/slide-a.h5")), levels))
                .isEqualTo(512);
        assertThat(ImportedTileFeatures.sideLevel0(TileFeaturesH5.read(TileFeaturesH5Test.fixture("clam/h5_files/slide-a.h5")), levels)).isEqualTo(512);
        // CLAM's patch files: 256 px at level 1 (4x), read 2x smaller again (Fishing-Rod's custom_downsample).
        Path legacy = tmp.resolve("legacy.h5");
        try (WritableHdfFile h5 = HdfFile.write(legacy)) {
            h5.putDataset("features", new float[][] {{1f}});
            var c = h5.putDataset("coords", new long[][] {{0, 0}});
            c.putAttribute("patch_size", 256L);
            c.putAttribute("patch_level", 1L);
            c.putAttribute("custom_downsample", 2L);
        }
        assertThat(ImportedTileFeatures.sideLevel0(TileFeaturesH5.read(legacy), levels)).isEqualTo(2048);
        // One tile and nothing stated: refused rather than guessed.
        Path lone = tmp.resolve("lone.h5");
        try (WritableHdfFile h5 = HdfFile.write(lone)) {
            h5.putDataset("features", new float[][] {{1f}});
            h5.putDataset("coords", new long[][] {{0, 0}});
        }
        assertThatThrownBy(() -> ImportedTileFeatures.sideLevel0(TileFeaturesH5.read(lone), levels)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("lone.h5: coords state no tile size");
        assertThat(ImportedTileFeatures.gridStep(new long[][] {{0, 0}, {300, 0}, {900, 0}, {0, 700}})).isEqualTo(300);
    }

    /** A one-tile features file for the slide, read at {@code magnification}x. */
    private static void overwrite(Path file, float[] features, long[] coords, long magnification) throws Exception {
        Files.delete(file);
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putDataset("features", new float[][] {features});
            var c = h5.putDataset("coords", new long[][] {coords});
            c.putAttribute("patch_size", 256L);
            c.putAttribute("patch_size_level0", 512L);
            c.putAttribute("target_magnification", magnification);
        }
    }
}
