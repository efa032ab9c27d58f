package org.livercast.pathology.mirax;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.livercast.pathology.slide.Mosaic;
import org.livercast.pathology.tiff.TiffException;

/**
 * Where a MIRAX slide's stored images go in each level, as OpenSlide places them.
 *
 * <p>The camera takes overlapping photos; each photo is cut into divisions × divisions level-0 images laid edge to edge
 * from the photo's position. A higher zoom level concatenates 2 × 2 images of the level below (image by image, not photo
 * by photo) and halves them, so once an image spans several photos its parts are not edge to edge in the slide: such an
 * image is cut into one part per photo, each placed at its photo's position over the level's concatenation. Parts of
 * photos the scanner did not take (no level-0 image, position (0, 0)) are left out at every level.
 *
 * <p>Parts are painted in the order of their grid (row, then column), later over earlier where photos overlap —
 * OpenSlide's order. A position that is not a whole number of a level's pixels is kept as it is: the part is resampled
 * there, as OpenSlide paints it ({@link org.livercast.pathology.slide.Mosaic}).
 */
final class MiraxLayout {
    enum ImageFormat { JPEG, PNG, BMP24 }

    /** One zoom level's section of Slidedat.ini. */
    record Section(String name, int concatExponent, double overlapX, double overlapY, double mppX, double mppY, int fillRgb,
                   ImageFormat format, int imageWidth, int imageHeight) {}

    /**
     * A level's size and parts: each a part of a stored image (named by its place in the level's list of images, as the
     * index gives them), where it is painted, in painting order.
     */
    record LevelLayout(int index, long width, long height, double downsample, Section section, List<Mosaic.Part> parts) {}

    private MiraxLayout() {}

    /**
     * @param images    each zoom level's stored images, as the index lists them
     * @param positions the photos' level-0 positions, (x, y) pairs
     */
    static List<LevelLayout> of(int imagesAcross, int imagesDown, int divisions, List<Section> sections, List<List<MiraxIndex.ImageRecord>> images,
                                int[] positions, boolean subdivide, String where) {
        Section s0 = sections.get(0);
        long baseW = extent(imagesAcross, divisions, s0.imageWidth(), s0.overlapX());
        long baseH = extent(imagesDown, divisions, s0.imageHeight(), s0.overlapY());
        int photosAcross = imagesAcross / divisions;
        Set<Integer> active = new HashSet<>();
        List<LevelLayout> levels = new ArrayList<>();
        int exponent = 0;
        int concat0 = 1 << s0.concatExponent();
        for (int k = 0; k < sections.size(); k++) {
            Section s = sections.get(k);
            exponent += s.concatExponent();
            if (exponent > 30) throw new TiffException(where + ": [" + s.name() + "] concatenates 2^" + exponent + " images a side, beyond any slide");
            int concat = 1 << exponent;
            int positionsPerImage = Math.max(1, concat / divisions);
            // Without positions or overlaps an image is edge to edge with its neighbours at every level: no parts needed.
            int tileDivisor = subdivide ? Math.min(concat, divisions) : concat;
            int partsPerImage = subdivide ? positionsPerImage : 1;
            int positionsPerPart = subdivide ? 1 : positionsPerImage;
            double partW = (double) s.imageWidth() / partsPerImage;
            double partH = (double) s.imageHeight() / partsPerImage;
            // Grid (row, column) → part: a later image at the same grid place replaces the earlier, as OpenSlide's map does.
            Map<Long, Mosaic.Part> grid = new LinkedHashMap<>();
            int number = 0;
            for (MiraxIndex.ImageRecord r : images.get(k)) {
                int x = r.imageIndex() % imagesAcross;
                int y = r.imageIndex() / imagesAcross;
                if (y >= imagesDown) throw new TiffException(where + ": zoom level " + k + " image " + r.imageIndex() + " lies below the " + imagesDown + " image rows");
                if (x % concat != 0 || y % concat != 0) {
                    throw new TiffException(where + ": zoom level " + k + " image " + r.imageIndex() + " at (" + x + ", " + y + ") is not on the level's grid of " + concat);
                }
                int imageNumber = number++;
                for (int yi = 0; yi < partsPerImage && y + yi * divisions < imagesDown; yi++) {
                    for (int xi = 0; xi < partsPerImage && x + xi * divisions < imagesAcross; xi++) {
                        int xx = x + xi * divisions;
                        int yy = y + yi * divisions;
                        int xp = xx / divisions;
                        int yp = yy / divisions;
                        int photo = yp * photosAcross + xp;
                        if (2 * photo + 1 >= positions.length) continue;
                        if (k == 0) {
                            // A photo never taken has no level-0 image and position (0, 0); only the first photo may stand there.
                            if (positions[2 * photo] == 0 && positions[2 * photo + 1] == 0 && (xp != 0 || yp != 0)) continue;
                            active.add(photo);
                        } else if (!anyActive(active, xp, yp, positionsPerPart, photosAcross)) {
                            continue;
                        }
                        long x0 = positions[2 * photo] + (long) s0.imageWidth() * (xx - xp * divisions);
                        long y0 = positions[2 * photo + 1] + (long) s0.imageHeight() * (yy - yp * divisions);
                        double px = (double) x0 / concat;
                        double py = (double) y0 / concat;
                        long column = x / tileDivisor + xi;
                        long row = y / tileDivisor + yi;
                        Mosaic.Part part = new Mosaic.Part(imageNumber, (int) Math.round(partW * xi), (int) Math.round(partH * yi), px, py,
                                (int) Math.ceil(partW), (int) Math.ceil(partH));
                        grid.remove(row << 32 | column);
                        grid.put(row << 32 | column, part);
                    }
                }
            }
            List<Map.Entry<Long, Mosaic.Part>> ordered = new ArrayList<>(grid.entrySet());
            ordered.sort(Map.Entry.comparingByKey());
            levels.add(new LevelLayout(k, baseW / concat, baseH / concat, (double) concat / concat0, s,
                    ordered.stream().map(Map.Entry::getValue).toList()));
        }
        return List.copyOf(levels);
    }

    /** Level 0's extent along one axis: every image, less the overlap where one photo ends and the next begins. */
    private static long extent(int images, int divisions, int imageSize, double overlap) {
        long total = 0;
        for (int i = 0; i < images; i++) {
            // Whole pixels after each step, as OpenSlide adds a fractional overlap to an integer sum.
            total = (long) (total + ((i % divisions != divisions - 1 || i == images - 1) ? imageSize : imageSize - overlap));
        }
        return total;
    }

    private static boolean anyActive(Set<Integer> active, int xp, int yp, int span, int photosAcross) {
        for (int y = yp; y < yp + span; y++) {
            for (int x = xp; x < xp + span; x++) {
                if (active.contains(y * photosAcross + x)) return true;
            }
        }
        return false;
    }
}
