package org.livercast.pathology.vms;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.pathology.slide.GlibNumbers;
import org.livercast.pathology.slide.JpegImages;
import org.livercast.pathology.slide.KeyFile;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.tiff.TiffException;

/**
 * A Hamamatsu .vms or .vmu file: the key file that names a slide's other files, read as OpenSlide reads it. A .vms
 * ({@code [Virtual Microscope Specimen]}) names a grid of NoJpegColumns × NoJpegRows JPEG images — {@code ImageFile}
 * is (0, 0), {@code ImageFile(x,y)} the others, {@code ImageFile(z,x,y)} other focal planes, which are not read —, a
 * smaller JPEG of the whole slide ({@code MapFile}), the glass's photograph ({@code MacroImage}) and, optionally, an
 * {@code OptimisationFile}. A .vmu ({@code [Uncompressed Virtual Microscope Specimen]}) names one uncompressed image
 * and its map. Every key is a property {@code hamamatsu.KEY}, its value raw.
 *
 * @param file        the .vms or .vmu file
 * @param compressed  a .vms (JPEG) rather than a .vmu (uncompressed NGR)
 * @param columns     images across (1 for a .vmu)
 * @param rows        images down
 * @param images      layer 0's images, row by row ({@code rows × columns})
 * @param map         the map image
 * @param macro       the macro image, or null
 * @param optimisation the optimisation file, or null
 * @param values      the group's keys and raw values, in the file's order
 */
public record VmsIndexFile(Path file, boolean compressed, int columns, int rows, List<Path> images, Path map, Path macro, Path optimisation,
                           Map<String, String> values) {
    static final String VMS_GROUP = "Virtual Microscope Specimen";
    static final String VMU_GROUP = "Uncompressed Virtual Microscope Specimen";
    private static final String IMAGE_FILE = "ImageFile";

    public static VmsIndexFile read(Path file) throws IOException {
        KeyFile ini = KeyFile.read(file, "a Hamamatsu VMS or VMU slide's index file");
        boolean vms = ini.has(VMS_GROUP);
        if (!vms && !ini.has(VMU_GROUP)) {
            throw new TiffException(file + ": neither a [" + VMS_GROUP + "] nor an [" + VMU_GROUP + "] group; not a Hamamatsu VMS or VMU file");
        }
        String group = vms ? VMS_GROUP : VMU_GROUP;
        int columns = vms ? ini.integer(group, "NoJpegColumns") : 1;
        int rows = vms ? ini.integer(group, "NoJpegRows") : 1;
        if (columns < 1 || rows < 1) throw new TiffException(file + ": [" + group + "] has " + columns + " columns and " + rows + " rows of images");
        if ((long) columns * rows > 1 << 20) throw new TiffException(file + ": [" + group + "] " + columns + " x " + rows + " images is more than a slide holds");
        int layers = ini.integer(group, "NoLayers");
        if (layers < 1) throw new TiffException(file + ": [" + group + "] NoLayers = " + layers + "; a slide has at least one layer");
        Path dir = file.toAbsolutePath().getParent();
        Path[] grid = new Path[columns * rows];
        for (Map.Entry<String, String> e : ini.groups().get(group).entrySet()) {
            if (!e.getKey().startsWith(IMAGE_FILE)) continue;
            int[] zxy = position(file, group, e.getKey());
            if (zxy[0] != 0) continue; // another focal plane
            if (zxy[1] >= columns || zxy[2] >= rows) {
                throw new TiffException(file + ": [" + group + "] " + e.getKey() + " lies outside the " + columns + " x " + rows + " grid of images");
            }
            int i = zxy[2] * columns + zxy[1];
            if (grid[i] != null) throw new TiffException(file + ": [" + group + "] " + e.getKey() + ": a second image for (" + zxy[1] + "," + zxy[2] + ")");
            grid[i] = dir.resolve(e.getValue());
        }
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < grid.length; i++) {
            if (grid[i] == null) {
                throw new TiffException(file + ": [" + group + "] names no image for column " + i % columns + ", row " + i / columns
                        + " (" + IMAGE_FILE + (i == 0 ? "" : "(" + i % columns + "," + i / columns + ")") + ")");
            }
            images.add(grid[i]);
        }
        Path map = dir.resolve(ini.required(group, "MapFile"));
        String macro = ini.value(group, "MacroImage");
        String optimisation = vms ? ini.value(group, "OptimisationFile") : null;
        return new VmsIndexFile(file, vms, columns, rows, List.copyOf(images), map, macro == null ? null : dir.resolve(macro),
                optimisation == null ? null : dir.resolve(optimisation), new LinkedHashMap<>(ini.groups().get(group)));
    }

    /** (layer, column, row) of an ImageFile key: "ImageFile" is (0,0,0), "(z)", "(x,y)" or "(z,x,y)". */
    private static int[] position(Path file, String group, String key) {
        String suffix = key.substring(IMAGE_FILE.length()).strip();
        if (suffix.isEmpty()) return new int[] {0, 0, 0};
        if (!suffix.startsWith("(") || !suffix.endsWith(")")) throw new TiffException(file + ": [" + group + "] " + key + ": not ImageFile(x,y)");
        String[] parts = suffix.substring(1, suffix.length() - 1).split(",");
        int[] n = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                n[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new TiffException(file + ": [" + group + "] " + key + ": '" + parts[i].strip() + "' is not a number");
            }
            if (n[i] < 0) throw new TiffException(file + ": [" + group + "] " + key + ": a negative position");
        }
        return switch (parts.length) {
            case 1 -> new int[] {n[0], 0, 0};
            case 2 -> new int[] {0, n[0], n[1]};
            case 3 -> n;
            default -> throw new TiffException(file + ": [" + group + "] " + key + ": " + parts.length + " numbers where (x,y) or (z,x,y) are");
        };
    }

    /** OpenSlide's properties from the index: the vendor and each key as hamamatsu.KEY. */
    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("openslide.vendor", "hamamatsu");
        values.forEach((k, v) -> p.put("hamamatsu." + k, v));
        // As OpenSlide: the objective power when the source lens is a whole number.
        String lens = values.get("SourceLens");
        if (lens != null && lens.strip().matches("-?\\d+")) p.put("openslide.objective-power", Long.toString(Long.parseLong(lens.strip())));
        return p;
    }

    /** Microns per pixel from the physical size in nanometres over {@code pixels}, printed as OpenSlide prints it ("%.17g"), or null. */
    String micronsPerPixel(String physicalKey, long pixels) {
        String v = values.get(physicalKey);
        if (v == null || pixels <= 0) return null;
        try {
            double nm = Double.parseDouble(v.strip());
            return nm > 0 ? GlibNumbers.dtostr(nm / pixels / 1000) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The slide's associated images: "macro" when the index names a MacroImage. */
    List<String> associatedImages() { return macro == null ? List.of() : List.of("macro"); }

    /** An associated image (the macro photograph, a JPEG), named when it is missing or unreadable. */
    RgbImage associatedImage(String name) throws IOException {
        if (!"macro".equals(name) || macro == null) throw new IllegalArgumentException("no associated image '" + name + "'; this slide has " + associatedImages());
        return JpegImages.read(macro, "MacroImage of " + file);
    }

    /** Every file of the slide: this index, the images, map, macro and optimisation file (for ingest and hashing). */
    public List<Path> files() {
        List<Path> all = new ArrayList<>();
        all.add(file);
        all.addAll(images);
        all.add(map);
        if (macro != null) all.add(macro);
        if (optimisation != null) all.add(optimisation);
        return all;
    }

    /** Whether {@code path} is named as a .vms or .vmu (the extension; the content decides the rest). */
    public static boolean named(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".vms") || n.endsWith(".vmu");
    }
}
