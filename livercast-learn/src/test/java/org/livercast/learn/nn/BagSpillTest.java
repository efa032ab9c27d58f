package org.livercast.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BagSpillTest {
    @TempDir Path dir;

    private static float[] bag(int floats, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] b = new float[floats];
        for (int i = 0; i < floats; i++) b[i] = (float) r.nextGaussian();
        return b;
    }

    @Test
    void bagsReadBackBitForBitFromSeveralThreadsAndNothingIsLeftOnDisk() throws Exception {
        // Sizes around the 1 MB chunk (262,144 floats), a foundation model's bag (4,096 × 1,025) and a lone tile.
        int[] sizes = {19, 262_144, 262_145, 4096 * 1025, 1, 300 * 19};
        try (BagSpill spill = BagSpill.create(dir)) {
            // Unlinked as soon as it is open (POSIX): a run killed mid-way leaves no scratch file behind.
            try (var files = Files.list(dir)) {
                assertThat(files.toList()).isEmpty();
            }
            List<ModalityVectors> patients = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++) patients.add(ModalityVectors.of(new float[] {i, -i}, bag(sizes[i], i)).spill(1, spill));
            assertThat(spill.bytes()).isEqualTo(IntStream.of(sizes).asLongStream().sum() * Float.BYTES);
            IntStream.range(0, 4 * sizes.length).parallel().forEach(j -> {
                int i = j % sizes.length;
                ModalityVectors p = patients.get(i);
                assertThat(p.spilled(1)).isTrue();
                assertThat(p.spilled(0)).isFalse();
                assertThat(p.floats(1)).isEqualTo(sizes[i]);
                // isEqualTo: Arrays.equals (AssertJ's containsExactly diffs element by element, quadratic on 4 M floats)
                assertThat(p.get(1)).isEqualTo(bag(sizes[i], i));
                float[] into = new float[sizes[i] + 7];
                p.copyInto(1, into, 5);
                assertThat(java.util.Arrays.copyOfRange(into, 5, 5 + sizes[i])).isEqualTo(bag(sizes[i], i));
                assertThat(into[4]).isZero();
                assertThat(into[5 + sizes[i]]).isZero();
            });
            // A patient derived from a spilled one keeps the bag where it is; replacing it brings the new one onto the heap.
            assertThat(patients.get(0).plus(new float[] {1f}).spilled(1)).isTrue();
            assertThat(patients.get(0).only(1).spilled(0)).isTrue();
            assertThat(patients.get(0).with(1, new float[0]).spilled(1)).isFalse();
            // An absent bag has nothing to spill.
            assertThat(ModalityVectors.of(new float[] {1f}, new float[0]).spill(1, spill).spilled(1)).isFalse();
            spill.close();
            assertThatThrownBy(() -> patients.get(0).get(1)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("reading a slide's tiles back from " + spill.file())
                    .cause().hasMessageContaining("is closed: its bags were read after their training run ended");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void theNetworksInputsAreTheSameWhetherABagIsHeldOrSpilled() throws Exception {
        List<Modality> mods = List.of(new Modality("clinical", 3), Modality.bagOf("slide", 4));
        List<ModalityVectors> held = List.of(ModalityVectors.of(new float[] {1, 2, 3}, bag(5 * 5, 1)), ModalityVectors.of(new float[] {4, 5, 6}, bag(2 * 5, 2)),
                ModalityVectors.of(new float[] {7, 8, 9}, new float[0]));
        try (BagSpill spill = BagSpill.create(dir); NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<ModalityVectors> spilled = new ArrayList<>();
            for (ModalityVectors v : held) spilled.add(v.spill(1, spill));
            List<float[]> present = List.of(new float[] {1, 1}, new float[] {1, 1}, new float[] {1, 0});
            assertThat(NetInputs.packedFloats(mods, spilled)).isEqualTo(NetInputs.packedFloats(mods, held)).isEqualTo(3 * 3 + 3 * 5 * 5);
            NDList a = NetInputs.of(m, mods, held, present, null);
            NDList b = NetInputs.of(m, mods, spilled, present, null);
            for (int k = 0; k < a.size(); k++) {
                assertThat(b.get(k).getShape()).isEqualTo(a.get(k).getShape());
                assertThat(b.get(k).toFloatArray()).containsExactly(a.get(k).toFloatArray());
            }
        }
    }
}
