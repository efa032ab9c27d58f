package org.livercast.learn.slide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.livercast.learn.data.UnusableInputException;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Tile features extracted elsewhere — a foundation model run on a GPU by TRIDENT or CLAM — read instead of computed: a
 * folder of HDF5 files ({@link TileFeaturesH5}), one per slide, named after the slide file ({@code P0001-HE.svs} →
 * {@code P0001-HE.h5}). It stands where a tile encoder stands: a model is trained on it, records it on its card and
 * predicts only with features from the same encoder (its id: the encoder's name, the features' width and the tiling).
 *
 * <p>The encoder's name is the folder's, less TRIDENT's {@code features_} prefix ({@code features_uni_v1} → {@code uni_v1});
 * name the folder after the encoder when the tool did not (CLAM's {@code h5_files}). Every file must give features as
 * wide as the others, from tiles read the same way; each tile must lie on its slide.
 */
public final class ImportedTileFeatures implements TileEncoder {
    private final Path folder;
    private final String encoderName;
    private final int dimension;
    private final String tiling;

    private ImportedTileFeatures(Path folder, String encoderName, int dimension, String tiling) {
        this.folder = folder;
        this.encoderName = encoderName;
        this.dimension = dimension;
        this.tiling = tiling;
    }

    /**
     * The features in {@code folder}, described by its first file (in name order).
     *
     * @throws UnusableInputException when the folder holds no .h5 file, or the first is not a tile-features file
     */
    public static ImportedTileFeatures open(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5")).sorted().toList();
        }
        if (files.isEmpty()) throw new UnusableInputException(noFeaturesFiles(folder));
        TileFeaturesH5 first = TileFeaturesH5.read(files.get(0));
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        if (name.startsWith("features_") && name.length() > "features_".length()) name = name.substring("features_".length());
        return new ImportedTileFeatures(folder.toAbsolutePath().normalize(), name.replaceAll("[^A-Za-z0-9._-]", "_"), first.dimension(), tiling(first));
    }

    /**
     * Why a folder without .h5 files cannot be read, and where its features are when it is CLAM's {@code pt_files}: CLAM
     * saves each slide's features twice, as {@code h5_files/<slide>.h5} with the tiles' coordinates and as
     * {@code pt_files/<slide>.pt} without them — and a heat map and the check that a tile lies on its slide need them.
     */
    private static String noFeaturesFiles(Path folder) throws IOException {
        String tools = "TRIDENT writes them as features_<encoder>/<slide>.h5, CLAM as h5_files/<slide>.h5";
        long ptFiles;
        try (Stream<Path> s = Files.list(folder)) {
            ptFiles = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pt")).count();
        }
        if (ptFiles == 0) return folder + ": no .h5 tile-features files (" + tools + ")";
        Path parent = folder.toAbsolutePath().normalize().getParent();
        Path h5Files = parent == null ? null : parent.resolve("h5_files");
        String where = h5Files != null && Files.isDirectory(h5Files)
                ? "use " + h5Files + " beside it: the same features with each tile's coordinates"
                : "use the h5_files folder CLAM wrote beside it: the same features with each tile's coordinates";
        return folder + ": " + ptFiles + " .pt feature file" + (ptFiles == 1 ? "" : "s") + " and no .h5: CLAM's .pt files hold the features "
                + "without the tiles' coordinates, which the heat map and the check that each tile lies on its slide need; " + where;
    }

    /** The magnification and side the tiles were read at, when the file says (TRIDENT does; CLAM's features do not). */
    private static String tiling(TileFeaturesH5 f) {
        OptionalLong mag = f.longAttribute("target_magnification");
        OptionalLong px = f.longAttribute("patch_size");
        if (mag.isEmpty() || px.isEmpty()) return "";
        return mag.getAsLong() + "x" + px.getAsLong() + "px";
    }

    public Path folder() { return folder; }

    @Override
    public String id() {
        return "features-" + encoderName + "-" + dimension + "d" + (tiling.isEmpty() ? "" : "-" + tiling);
    }

    @Override
    public List<String> featureNames() { return TileEncoder.numberedFeatures(encoderName + "_", dimension); }

    /** Without building the names: asked for each slide read. */
    @Override
    public int dimension() { return dimension; }

    /** Never: these features were computed elsewhere, from tiles this program does not read. */
    @Override
    public float[] embed(RgbImage tile) {
        throw new UnsupportedOperationException("tile features imported from " + folder + " are read from its files, not computed from pixels");
    }

    @Override
    public Optional<TileEncoderSource> source() { return Optional.of(TileEncoderSource.ofFeatures(folder)); }

    /**
     * The slide's tiles and features, from its file in the folder.
     *
     * @throws UnusableInputException naming the file and the reason: missing, of another width or tiling, a tile off the slide
     */
    @Override
    public Optional<SlideBag> precomputed(Path slide, String slideSha256) throws IOException {
        Path file = folder.resolve(TileFeaturesH5.slideName(slide) + ".h5");
        if (!Files.isRegularFile(file)) {
            throw new UnusableInputException(slide + ": no tile features for it in " + folder + " (expected " + file.getFileName()
                    + "): extract them with the encoder that made the others (" + encoderName + ")");
        }
        TileFeaturesH5 f = TileFeaturesH5.read(file);
        if (f.size() > 0 && f.dimension() != dimension) {
            throw new UnusableInputException(file + ": " + f.dimension() + " features per tile; the folder's encoder (" + id() + ") gives " + dimension);
        }
        if (!tiling(f).equals(tiling)) {
            throw new UnusableInputException(file + ": tiles read at " + describe(tiling(f)) + "; the folder's others at " + describe(tiling));
        }
        try (WholeSlide s = Slides.open(slide)) {
            Level level0 = s.levels().get(0);
            long side = sideLevel0(f, s.levels());
            List<SlideBag.TileRef> tiles = new ArrayList<>(f.size());
            for (int i = 0; i < f.size(); i++) {
                long x = f.coords()[i][0];
                long y = f.coords()[i][1];
                if (x >= level0.width() || y >= level0.height()) {
                    throw new UnusableInputException(file + ": tile " + i + " at (" + x + ", " + y + ") lies outside " + slide.getFileName() + " ("
                            + level0.width() + " x " + level0.height() + " px at level 0): the features of another slide?");
                }
                tiles.add(new SlideBag.TileRef(x, y, side));
            }
            return Optional.of(new SlideBag(slideSha256, id(), List.copyOf(tiles), f.features()));
        }
    }

    private static String describe(String tiling) { return tiling.isEmpty() ? "an unstated magnification and side" : tiling; }

    /**
     * A tile's side in level-0 pixels: as TRIDENT states it ({@code patch_size_level0}); else {@code patch_size} at
     * {@code patch_level} (CLAM's and Fishing-Rod's patch files, with their {@code custom_downsample}); else the grid's step
     * (CLAM's feature files state nothing, and CLAM lays its tiles side by side).
     */
    static long sideLevel0(TileFeaturesH5 f, List<Level> levels) throws UnusableInputException {
        OptionalLong stated = f.longAttribute("patch_size_level0");
        if (stated.isPresent() && stated.getAsLong() > 0) return stated.getAsLong();
        OptionalLong size = f.longAttribute("patch_size");
        OptionalLong level = f.longAttribute("patch_level");
        if (size.isPresent() && level.isPresent()) {
            if (level.getAsLong() < 0 || level.getAsLong() >= levels.size()) {
                throw new UnusableInputException(f.file() + ": coords' patch_level " + level.getAsLong() + ", and the slide has " + levels.size() + " levels");
            }
            long custom = f.longAttribute("custom_downsample").orElse(1);
            return Math.round(size.getAsLong() * levels.get((int) level.getAsLong()).downsample() * custom);
        }
        long step = gridStep(f.coords());
        if (step <= 0) {
            throw new UnusableInputException(f.file() + ": coords state no tile size (patch_size_level0, or patch_size with patch_level) and "
                    + "the tiles lie on no grid to measure it from");
        }
        return step;
    }

    /** The smallest distance between neighbouring tiles in a row or a column; 0 when no two tiles share one. */
    static long gridStep(long[][] coords) {
        long step = Long.MAX_VALUE;
        for (int axis = 0; axis < 2; axis++) {
            java.util.Map<Long, TreeSet<Long>> lines = new java.util.HashMap<>();
            for (long[] c : coords) lines.computeIfAbsent(c[1 - axis], k -> new TreeSet<>()).add(c[axis]);
            for (TreeSet<Long> line : lines.values()) {
                Long previous = null;
                for (long v : line) {
                    if (previous != null) step = Math.min(step, v - previous);
                    previous = v;
                }
            }
        }
        return step == Long.MAX_VALUE ? 0 : step;
    }
}
