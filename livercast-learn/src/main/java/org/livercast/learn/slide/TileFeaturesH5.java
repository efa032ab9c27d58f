package org.livercast.learn.slide;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.livercast.learn.data.UnusableInputException;

/**
 * One slide's tile features in the HDF5 file that the tools extracting them on a GPU write — TRIDENT
 * ({@code features_<encoder>/<slide>.h5}) and CLAM ({@code h5_files/<slide>.h5}): a dataset {@code features} [N, D]
 * (float16, float32 or float64) and a dataset {@code coords} [N, 2], each tile's top-left corner in level-0 pixels.
 * TRIDENT's {@code coords} also says the tiles' side ({@code patch_size_level0}, or {@code patch_size} at
 * {@code patch_level} as CLAM's patch files do) and the magnification they were read at; CLAM's feature files say nothing.
 *
 * @param coordsAttributes the attributes of {@code coords} (numbers as {@link Long} or {@link Double}, text as {@link String})
 */
public record TileFeaturesH5(Path file, float[][] features, long[][] coords, Map<String, Object> coordsAttributes) {
    public int size() { return features.length; }

    public int dimension() { return features.length == 0 ? 0 : features[0].length; }

    /** A whole-number attribute of {@code coords}, if the file has it. */
    public OptionalLong longAttribute(String name) {
        Object v = coordsAttributes.get(name);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return OptionalLong.of(n.longValue());
        return OptionalLong.empty();
    }

    /**
     * The file's features and coordinates.
     *
     * @throws UnusableInputException naming the file, the dataset and what is wrong with it: not HDF5, a dataset missing or
     *     of the wrong shape or type, a row count that differs between the two, a feature that is not a finite number
     */
    public static TileFeaturesH5 read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new UnusableInputException(file + ": no such tile-features file");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file); HdfFile h5 = open(file, channel)) {
            Dataset features = dataset(h5, file, "features");
            Dataset coords = dataset(h5, file, "coords");
            int[] fd = features.getDimensions();
            int[] cd = coords.getDimensions();
            if (fd.length != 2 || fd[1] < 1) throw refused(file, "features", "has shape " + java.util.Arrays.toString(fd) + ", not [tiles, features]");
            if (cd.length != 2 || cd[1] != 2) throw refused(file, "coords", "has shape " + java.util.Arrays.toString(cd) + ", not [tiles, 2] (x, y)");
            if (fd[0] != cd[0]) throw refused(file, "coords", cd[0] + " tiles, but features has " + fd[0]);
            float[][] f = floats(file, features, fd[0], fd[1]);
            long[][] c = longs(file, coords, cd[0]);
            return new TileFeaturesH5(file, f, c, attributes(coords));
        } catch (HdfException e) {
            // jHDF's own failures (not HDF5, a filter it lacks) are about this file, so they are the user's to fix.
            throw new UnusableInputException(file + ": not a readable HDF5 tile-features file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The file memory-mapped when it fits one buffer (2 GB; a slide's features are ~100 MB): TRIDENT and CLAM write a chunk
     * per tile, and jHDF reading 15,000 chunks through the channel was 3x slower than h5py, mapped faster than it
     * (bench/tile-features-vs-h5py.sh).
     */
    private static HdfFile open(Path file, java.nio.channels.FileChannel channel) throws IOException {
        if (channel.size() > Integer.MAX_VALUE) return new HdfFile(file);
        return HdfFile.fromByteBuffer(channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, channel.size()));
    }

    private static Dataset dataset(HdfFile h5, Path file, String name) throws UnusableInputException {
        Node n = h5.getChildren().get(name);
        if (n instanceof Dataset d) return d;
        throw new UnusableInputException(file + ": no dataset '" + name + "' (a TRIDENT or CLAM tile-features file holds 'features' [N, D] and 'coords' [N, 2]; it has "
                + h5.getChildren().keySet() + ")");
    }

    private static float[][] floats(Path file, Dataset d, int n, int dim) throws UnusableInputException {
        Object flat = d.getDataFlat();
        // float32 and float16 (which jHDF widens to float) are copied as they are: a real slide's 15,000 x 1,536 features
        // are 90 MB, not worth doubling through double[].
        float[] singles = flat instanceof float[] a ? a : null;
        double[] doubles = flat instanceof double[] a ? a : null;
        if (singles == null && doubles == null) throw refused(file, "features", "holds " + d.getJavaType().getSimpleName() + ", not floating-point numbers");
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                int at = i * dim + k;
                double v = singles != null ? singles[at] : doubles[at];
                if (!Double.isFinite(v)) throw refused(file, "features", "tile " + i + ", feature " + k + " is " + v);
                out[i][k] = (float) v;
            }
        }
        return out;
    }

    private static long[][] longs(Path file, Dataset d, int n) throws UnusableInputException {
        double[] values = asDoubles(d.getDataFlat());
        if (values == null) throw refused(file, "coords", "holds " + d.getJavaType().getSimpleName() + ", not numbers");
        long[][] out = new long[n][2];
        for (int i = 0; i < 2 * n; i++) {
            double v = values[i];
            if (v != Math.rint(v) || v < 0) throw refused(file, "coords", "tile " + i / 2 + " has " + (i % 2 == 0 ? "x" : "y") + " = " + v + ", not a pixel of level 0");
            out[i / 2][i % 2] = (long) v;
        }
        return out;
    }

    /** A numeric dataset's values (jHDF gives float16 as float), or null for any other kind. */
    private static double[] asDoubles(Object flat) {
        if (flat instanceof double[] a) return a;
        double[] out;
        if (flat instanceof float[] a) {
            out = new double[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i];
        } else if (flat instanceof long[] a) {
            out = new double[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i];
        } else if (flat instanceof int[] a) {
            out = new double[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i];
        } else if (flat instanceof short[] a) {
            out = new double[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i];
        } else {
            return null;
        }
        return out;
    }

    private static Map<String, Object> attributes(Dataset d) {
        Map<String, Object> out = new java.util.TreeMap<>();
        for (Map.Entry<String, Attribute> a : d.getAttributes().entrySet()) {
            Object v = a.getValue().getData();
            if (v instanceof Number n) out.put(a.getKey(), n instanceof Float || n instanceof Double ? (Object) n.doubleValue() : (Object) n.longValue());
            else if (v instanceof String s) out.put(a.getKey(), s);
        }
        return Map.copyOf(out);
    }

    private static UnusableInputException refused(Path file, String dataset, String reason) {
        return new UnusableInputException(file + ": dataset '" + dataset + "' " + reason);
    }

    /**
     * Writes a slide's bag as TRIDENT lays one out, so a model or a tool outside (CLAM, TRIDENT's slide encoders, a
     * PyTorch MIL) reads the very tiles and embeddings LiverCast trains on. Written to a temporary name and moved into
     * place: a crash never leaves a half file.
     *
     * @param slideName the slide file's name without its extension (TRIDENT's {@code name})
     * @param mpp the slide's level-0 microns per pixel, for the magnification the tiles were read at (NaN: unknown)
     */
    public static void write(Path file, SlideBag bag, String slideName, double mpp, String encoderId) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), slideName, ".h5.tmp");
        try {
            long[][] coords = new long[bag.size()][];
            for (int i = 0; i < bag.size(); i++) coords[i] = new long[] {bag.tiles().get(i).x(), bag.tiles().get(i).y()};
            try (WritableHdfFile h5 = HdfFile.write(tmp)) {
                var features = h5.putDataset("features", bag.embeddings());
                features.putAttribute("name", slideName);
                features.putAttribute("encoder", encoderId);
                var c = h5.putDataset("coords", coords);
                c.putAttribute("patch_size", (long) SlideBags.TILE_PX);
                if (bag.size() > 0) c.putAttribute("patch_size_level0", bag.tiles().get(0).sizeLevel0());
                if (Double.isFinite(mpp)) {
                    // TRIDENT's reading of a scanner's resolution: 10 µm / mpp is the objective power.
                    c.putAttribute("level0_magnification", Math.round(10.0 / mpp));
                    c.putAttribute("target_magnification", Math.round(10.0 / SlideBags.MPP));
                }
                c.putAttribute("overlap", 0L);
                c.putAttribute("name", slideName);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The slide file's name without its last extension: what TRIDENT and CLAM name its features file after. */
    public static String slideName(Path slide) {
        String name = slide.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static Optional<String> text(Map<String, Object> attributes, String name) {
        return attributes.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
