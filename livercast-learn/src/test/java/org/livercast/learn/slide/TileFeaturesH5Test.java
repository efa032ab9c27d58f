package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.data.UnusableInputException;

/** The tile-feature files TRIDENT and CLAM write (made by h5py: tools/make-test-tile-features.py), read here. */
class TileFeaturesH5Test {
    @TempDir Path tmp;

    static Path fixture(String relative) throws Exception {
        return Path.of(TileFeaturesH5Test.class.getResource("/tile-features/" + relative).toURI());
    }

    /** feature[i][k] = i + k / 8, on a 3 x 2 grid of 512 level-0 pixels: what the script wrote into every good file. */
    private static void assertTheScriptsValues(TileFeaturesH5 f) {
        assertThat(f.size()).isEqualTo(6);
        assertThat(f.dimension()).isEqualTo(8);
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 8; k++) assertThat(f.features()[i][k]).isEqualTo(i + k / 8f);
            assertThat(f.coords()[i]).containsExactly(i % 3 * 512L, i / 3 * 512L);
        }
    }

    @Test
    void tridentsFilesAreReadWithTheirTilingInFloat32AndFloat16() throws Exception {
        Path folder = fixture("trident/20x_256px_0px_overlap/features_tiny_v1");
        TileFeaturesH5 a = TileFeaturesH5.read(folder.resolve("slide-a.h5"));
        assertTheScriptsValues(a);
        assertThat(a.longAttribute("patch_size_level0")).hasValue(512);
        assertThat(a.longAttribute("target_magnification")).hasValue(20);
        assertThat(a.longAttribute("patch_size")).hasValue(256);
        assertThat(a.coordsAttributes()).containsEntry("name", "slide-a");
        assertThat(a.longAttribute("name")).isEmpty();
        // An encoder run under fp16 autocast writes float16: widened exactly.
        assertTheScriptsValues(TileFeaturesH5.read(folder.resolve("slide-b.h5")));
    }

    @Test
    void clamsFilesWithoutAttributesAndCompressedDoublesWithIntCoordinatesAreRead() throws Exception {
        TileFeaturesH5 clam = TileFeaturesH5.read(fixture("clam/h5_files/slide-a.h5"));
        assertTheScriptsValues(clam);
        assertThat(clam.coordsAttributes()).isEmpty();
        // CLAM states no tile size: the grid's step is its side.
        assertThat(ImportedTileFeatures.gridStep(clam.coords())).isEqualTo(512);
        assertTheScriptsValues(TileFeaturesH5.read(fixture("clam/h5_files/slide-c.h5")));
    }

    @Test
    void aBadFileIsRefusedNamingItTheDatasetAndTheReason() throws Exception {
        assertThatThrownBy(() -> TileFeaturesH5.read(fixture("bad/rows.h5"))).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("rows.h5").hasMessageContaining("dataset 'coords' 5 tiles, but features has 6");
        assertThatThrownBy(() -> TileFeaturesH5.read(fixture("bad/no-features.h5"))).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("no-features.h5: no dataset 'features'").hasMessageContaining("it has [coords]");
        assertThatThrownBy(() -> TileFeaturesH5.read(fixture("bad/coords-3.h5"))).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("dataset 'coords' has shape [6, 3], not [tiles, 2]");
        Path text = Files.writeString(tmp.resolve("notes.h5"), "features: none");
        assertThatThrownBy(() -> TileFeaturesH5.read(text)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("notes.h5: not a readable HDF5 tile-features file");
        assertThatThrownBy(() -> TileFeaturesH5.read(tmp.resolve("absent.h5"))).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("absent.h5: no such tile-features file");
        Path nan = tmp.resolve("nan.h5");
        try (WritableHdfFile h5 = HdfFile.write(nan)) {
            h5.putDataset("features", new float[][] {{1f, 2f}, {3f, Float.NaN}});
            h5.putDataset("coords", new long[][] {{0, 0}, {256, 0}});
        }
        assertThatThrownBy(() -> TileFeaturesH5.read(nan)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("dataset 'features' tile 1, feature 1 is NaN");
        Path labels = tmp.resolve("labels.h5");
        try (WritableHdfFile h5 = HdfFile.write(labels)) {
            h5.putDataset("features", new int[][] {{1, 2}});
            h5.putDataset("coords", new long[][] {{0, 0}});
        }
        assertThatThrownBy(() -> TileFeaturesH5.read(labels)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("dataset 'features' holds int, not floating-point numbers");
        Path negative = tmp.resolve("negative.h5");
        try (WritableHdfFile h5 = HdfFile.write(negative)) {
            h5.putDataset("features", new float[][] {{1f}});
            h5.putDataset("coords", new long[][] {{-256, 0}});
        }
        assertThatThrownBy(() -> TileFeaturesH5.read(negative)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("dataset 'coords' tile 0 has x = -256.0, not a pixel of level 0");
    }

    @Test
    void aWrittenBagReadsBackBitForBitAndOpensInH5pyAsTridentLaysItOut() throws Exception {
        float[][] embeddings = {{0.1f, -2.5e-7f, 3.4028235e38f}, {Float.MIN_VALUE, 1f / 3, -0f}};
        SlideBag bag = new SlideBag("ab".repeat(32), "histology-features-v3",
                List.of(new SlideBag.TileRef(1024, 2048, 512), new SlideBag.TileRef(1536, 2048, 512)), embeddings);
        Path file = tmp.resolve("features_histology-features-v3").resolve("P0007-HE.h5");
        TileFeaturesH5.write(file, bag, "P0007-HE", 0.25, "histology-features-v3");
        TileFeaturesH5 back = TileFeaturesH5.read(file);
        assertThat(back.features()).isDeepEqualTo(embeddings);
        assertThat(back.coords()).isDeepEqualTo(new long[][] {{1024, 2048}, {1536, 2048}});
        assertThat(back.longAttribute("patch_size_level0")).hasValue(512);
        assertThat(back.longAttribute("level0_magnification")).hasValue(40);
        assertThat(back.longAttribute("target_magnification")).hasValue(20);
        assertThat(Files.list(file.getParent()).map(p -> p.getFileName().toString())).containsExactly("P0007-HE.h5");

        // h5py, the reader every tool in the field uses, sees what TRIDENT would have written.
        Assumptions.assumeTrue(h5pyAvailable(), "Debian's python3-h5py");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n",
                "import h5py, json, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "a = dict(f['coords'].attrs)",
                "print(json.dumps({'features': f['features'][:].tolist(), 'dtype': str(f['features'].dtype), 'coords': f['coords'][:].tolist(),",
                "  'patch_size_level0': int(a['patch_size_level0']), 'target_magnification': int(a['target_magnification'])}))"), file.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode json = new ObjectMapper().readTree(out);
        assertThat(json.get("dtype").asText()).isEqualTo("float32");
        assertThat((float) json.get("features").get(1).get(1).asDouble()).isEqualTo(1f / 3);
        assertThat(json.get("coords").get(1).get(0).asLong()).isEqualTo(1536);
        assertThat(json.get("patch_size_level0").asInt()).isEqualTo(512);
        assertThat(json.get("target_magnification").asInt()).isEqualTo(20);
    }

    static boolean h5pyAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/h5py"));
    }
}
