package org.livercast.pathology.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.livercast.pathology.mirax.MiraxIndex;
import org.livercast.pathology.mirax.MiraxSlide;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Writes a slide as a 3DHISTECH MIRAX scanner stores it: {@code NAME.mrxs} and the folder {@code NAME/} with
 * Slidedat.ini, Index.dat and data files. The camera's photos (divisions × divisions images of {@code imagePixels}) overlap
 * their neighbours by about {@code overlapPixels} and stand where the recorded camera positions say (jittered, as a stage
 * stands); photos of bare glass are not taken. Each higher zoom level concatenates 2 × 2 images of the level below and
 * halves them, image by image, until one image holds the slide — the scanner's pyramid, whose images mix photos that are
 * not edge to edge in the slide (what a reader must place part by part).
 *
 * <p>The macro, label and preview become the Scan data layer's records; the label's barcode value and the slide's name
 * go into Slidedat.ini, as the scanner writes them.
 */
public final class MiraxWriter {
    private static final int WHITE = 0xFFFFFF;

    /** How the camera positions are recorded. */
    public enum Positions {
        /** StitchingIntensityLayer: deflated (newer scanners). */
        DEFLATED,
        /** VIMSLIDE_POSITION_BUFFER: plain. */
        PLAIN,
        /** None: photos stand on the nominal grid (no jitter), as older slides without a position layer. */
        NOMINAL
    }

    /** How the images are coded (IMAGE_FORMAT). */
    public enum ImageFormat { JPEG, PNG, BMP24 }

    /**
     * @param imagePixels     side of a stored image (DIGITIZER_WIDTH/HEIGHT)
     * @param divisions       images a side per photo (CameraImageDivisionsPerSide)
     * @param overlapPixels   nominal overlap of neighbouring photos (level 0's OVERLAP_X/Y)
     * @param jitterPixels    each photo's position off the nominal grid by up to this, either way (seeded; at most half
     *                        the overlap, so that neighbours still overlap; none with {@link Positions#NOMINAL})
     * @param aligned         positions, overlap and jitter multiples of the top level's concatenation, so every level's
     *                        parts lie on whole pixels (a test's way to compare pixel for pixel with OpenSlide, which
     *                        resamples fractional positions)
     * @param positions       how the camera positions are recorded
     * @param format          how the images are coded
     * @param skipGlass       photos whose pixels are all glass (every channel ≥ 230) are not taken
     * @param slideName       SLIDE_NAME (what the operator typed), or null
     * @param barcode         the label's BARCODE_VALUE, or null
     * @param imagesPerDataFile images a data file holds before the next is begun
     */
    public record Options(int imagePixels, int divisions, int overlapPixels, int jitterPixels, boolean aligned, Positions positions,
                          ImageFormat format, boolean skipGlass, float quality, String slideName, String barcode, int imagesPerDataFile, long seed) {
        public static Options defaults() { return new Options(256, 2, 32, 4, false, Positions.DEFLATED, ImageFormat.JPEG, true, 0.85f, null, null, 4096, 1); }

        public Options withImages(int px, int div, int overlap, int jitter) {
            return new Options(px, div, overlap, jitter, aligned, positions, format, skipGlass, quality, slideName, barcode, imagesPerDataFile, seed);
        }

        public Options alignedPositions() {
            return new Options(imagePixels, divisions, overlapPixels, jitterPixels, true, positions, format, skipGlass, quality, slideName, barcode, imagesPerDataFile, seed);
        }

        public Options withPositions(Positions p) {
            return new Options(imagePixels, divisions, overlapPixels, jitterPixels, aligned, p, format, skipGlass, quality, slideName, barcode, imagesPerDataFile, seed);
        }

        public Options withFormat(ImageFormat f) {
            return new Options(imagePixels, divisions, overlapPixels, jitterPixels, aligned, positions, f, skipGlass, quality, slideName, barcode, imagesPerDataFile, seed);
        }

        public Options withQuality(float q) {
            return new Options(imagePixels, divisions, overlapPixels, jitterPixels, aligned, positions, format, skipGlass, q, slideName, barcode, imagesPerDataFile, seed);
        }

        public Options withIdentifiers(String name, String code) {
            return new Options(imagePixels, divisions, overlapPixels, jitterPixels, aligned, positions, format, skipGlass, quality, name, code, imagesPerDataFile, seed);
        }

        public Options withImagesPerDataFile(int n) {
            return new Options(imagePixels, divisions, overlapPixels, jitterPixels, aligned, positions, format, skipGlass, quality, slideName, barcode, n, seed);
        }
    }

    /** What was written: the level-0 image grid, photos taken of those on the grid, zoom levels, data files. */
    public record Result(int imagesAcross, int imagesDown, int photosTaken, int photos, int zoomLevels, int dataFiles) {}

    private MiraxWriter() {}

    public static Result write(WholeSlide slide, Path mrxs, Options o) throws IOException {
        if (!mrxs.getFileName().toString().endsWith(MiraxSlide.EXTENSION)) throw new IllegalArgumentException(mrxs + ": a MIRAX slide's name ends in .mrxs");
        Level l0 = slide.levels().get(0);
        int photoPx = o.imagePixels() * o.divisions();
        // Zoom levels until one image holds the slide.
        int photosAcrossGuess = photos(l0.width(), photoPx, o.overlapPixels());
        int photosDownGuess = photos(l0.height(), photoPx, o.overlapPixels());
        int maxImages = Math.max(photosAcrossGuess, photosDownGuess) * o.divisions();
        int zoomLevels = 1;
        while ((1 << (zoomLevels - 1)) < maxImages) zoomLevels++;
        int unit = o.aligned() ? 1 << (zoomLevels - 1) : 1;
        int stride = (photoPx - o.overlapPixels()) / unit * unit;
        int overlap = photoPx - stride;
        // Up to half the overlap either way: neighbours still overlap, as a scanner's do (a gap would be unscanned glass).
        int jitterUnits = o.positions() == Positions.NOMINAL ? 0 : Math.min(o.jitterPixels(), overlap / 2) / unit;
        int photosAcross = photos(l0.width(), photoPx, overlap);
        int photosDown = photos(l0.height(), photoPx, overlap);
        int imagesAcross = photosAcross * o.divisions();
        int imagesDown = photosDown * o.divisions();

        SplittableRandom random = new SplittableRandom(o.seed());
        int[] positions = new int[2 * photosAcross * photosDown];
        boolean[] taken = new boolean[photosAcross * photosDown];
        int photosTaken = 0;
        for (int j = 0; j < photosDown; j++) {
            for (int i = 0; i < photosAcross; i++) {
                int p = j * photosAcross + i;
                int x = i * stride + (i == 0 ? 0 : unit * (random.nextInt(2 * jitterUnits + 1) - jitterUnits));
                int y = j * stride + (j == 0 ? 0 : unit * (random.nextInt(2 * jitterUnits + 1) - jitterUnits));
                taken[p] = !o.skipGlass() || !glass(slide, l0, x, y, photoPx) || (i == 0 && j == 0);
                // A photo never taken stands at (0, 0), as the scanner records it (without a position layer, on its grid).
                boolean recorded = o.positions() != Positions.NOMINAL;
                positions[2 * p] = taken[p] || !recorded ? x : 0;
                positions[2 * p + 1] = taken[p] || !recorded ? y : 0;
                if (taken[p]) photosTaken++;
            }
        }

        Path folder = MiraxSlide.folder(mrxs);
        Files.createDirectories(folder);
        DataFiles data = new DataFiles(folder, o.imagesPerDataFile());
        String slideId = HexFormat.of().withUpperCase().formatHex(longBytes(random.nextLong(), random.nextLong()));

        // Non-hierarchical records first, in Data0000.dat: the camera positions, then the scan data layer's images.
        List<MiraxIndex.DataRecord> nonhier = new ArrayList<>();
        List<String[]> scanData = new ArrayList<>();
        for (String[] a : new String[][] {{"macro", "ScanDataLayer_SlideThumbnail", "THUMBNAIL_IMAGE_TYPE"},
                {"label", "ScanDataLayer_SlideBarcode", "BARCODE_IMAGE_TYPE"}, {"thumbnail", "ScanDataLayer_SlidePreview", "PREVIEW_IMAGE_TYPE"}}) {
            if (!slide.associatedImages().contains(a[0])) continue;
            RgbImage img = slide.associatedImage(a[0]);
            nonhier.add(data.append(jpeg(img.pixels(), img.width(), img.height(), 0.9f), false));
            scanData.add(a);
        }
        if (o.positions() != Positions.NOMINAL) {
            byte[] positionBytes = positionBuffer(positions);
            nonhier.add(data.append(o.positions() == Positions.DEFLATED ? deflate(positionBytes) : positionBytes, false));
        }

        // The pyramid: each top-level image's quadtree, children before parents, so a level-k image is made from the
        // four level-(k−1) images just made (at most 4 × zoom levels images held).
        List<List<MiraxIndex.ImageRecord>> levels = new ArrayList<>();
        for (int k = 0; k < zoomLevels; k++) levels.add(new ArrayList<>());
        Pyramid pyramid = new Pyramid(slide, l0, o, positions, taken, photosAcross, imagesAcross, imagesDown, data, levels);
        int top = 1 << (zoomLevels - 1);
        for (int y = 0; y < imagesDown; y += top) {
            for (int x = 0; x < imagesAcross; x += top) pyramid.image(zoomLevels - 1, x, y);
        }
        data.close();
        for (List<MiraxIndex.ImageRecord> level : levels) level.sort((a, b) -> Integer.compare(a.imageIndex(), b.imageIndex()));

        Files.write(folder.resolve("Index.dat"), index(slideId, levels, nonhier));
        Files.writeString(folder.resolve("Slidedat.ini"), slidedat(slide, o, slideId, imagesAcross, imagesDown, zoomLevels, overlap, scanData, data.count()),
                StandardCharsets.UTF_8);
        // The .mrxs itself holds nothing a reader needs; it names the slide.
        Files.write(mrxs, new byte[0]);
        return new Result(imagesAcross, imagesDown, photosTaken, photosAcross * photosDown, zoomLevels, data.count());
    }

    /** Photos along an axis so that they cover {@code extent} pixels {@code photoPx} wide, overlapping by {@code overlap}. */
    private static int photos(long extent, int photoPx, int overlap) {
        if (extent <= photoPx) return 1;
        return (int) ((extent - photoPx + (photoPx - overlap) - 1) / (photoPx - overlap)) + 1;
    }

    private static boolean glass(WholeSlide slide, Level l0, int x, int y, int px) throws IOException {
        for (int v : ScannerPixels.levelPixels(slide, l0, x, y, px, px)) {
            if ((v >> 16 & 0xFF) < 230 || (v >> 8 & 0xFF) < 230 || (v & 0xFF) < 230) return false;
        }
        return true;
    }

    /** The scanner's pyramid, image by image. */
    private record Pyramid(WholeSlide slide, Level l0, Options o, int[] positions, boolean[] taken, int photosAcross, int imagesAcross,
                           int imagesDown, DataFiles data, List<List<MiraxIndex.ImageRecord>> levels) {
        /** Level {@code k}'s image at level-0 image (x, y), written; null when no photo it holds was taken. */
        int[] image(int k, int x, int y) throws IOException {
            int px = o.imagePixels();
            int[] pixels;
            if (k == 0) {
                if (x >= imagesAcross || y >= imagesDown) return null;
                int photo = (y / o.divisions()) * photosAcross + x / o.divisions();
                if (!taken[photo]) return null;
                long x0 = positions[2 * photo] + (long) px * (x % o.divisions());
                long y0 = positions[2 * photo + 1] + (long) px * (y % o.divisions());
                pixels = ScannerPixels.levelPixels(slide, l0, x0, y0, px, px);
            } else {
                int half = 1 << (k - 1);
                int[][] children = {image(k - 1, x, y), image(k - 1, x + half, y), image(k - 1, x, y + half), image(k - 1, x + half, y + half)};
                if (Arrays.stream(children).allMatch(c -> c == null)) return null;
                pixels = ScannerPixels.halve(children, px);
            }
            MiraxIndex.DataRecord r = data.append(code(pixels, px, o), true);
            levels.get(k).add(new MiraxIndex.ImageRecord(y * imagesAcross + x, r.offset(), r.length(), r.fileNumber()));
            return pixels;
        }
    }

    static byte[] jpeg(int[] rgb, int w, int h, float quality) throws IOException { return JpegTiles.whole(rgb, w, h, quality); }

    /** An image as the slide's IMAGE_FORMAT codes it: JPEG at the quality asked, PNG or 24-bit BMP (lossless). */
    private static byte[] code(int[] rgb, int px, Options o) throws IOException {
        if (o.format() == ImageFormat.JPEG) return jpeg(rgb, px, px, o.quality());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (!javax.imageio.ImageIO.write(JpegTiles.bgrImage(rgb, px, px), o.format() == ImageFormat.PNG ? "png" : "bmp", out)) {
            throw new IOException("no " + o.format() + " writer in this JDK");
        }
        return out.toByteArray();
    }

    /** 9 bytes a photo: flag 1 if taken, x, y (little-endian). */
    private static byte[] positionBuffer(int[] positions) {
        int photos = positions.length / 2;
        ByteBuffer b = ByteBuffer.allocate(9 * photos).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < photos; i++) {
            b.put((byte) (positions[2 * i] != 0 || positions[2 * i + 1] != 0 || i == 0 ? 1 : 0));
            b.putInt(positions[2 * i]).putInt(positions[2 * i + 1]);
        }
        return b.array();
    }

    private static byte[] deflate(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
            d.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] longBytes(long a, long b) { return ByteBuffer.allocate(16).putLong(a).putLong(b).array(); }

    /** Images per index page: real indexes chain pages; readers must follow the chain. */
    static final int PAGE_ENTRIES = 256;

    private static byte[] index(String slideId, List<List<MiraxIndex.ImageRecord>> levels, List<MiraxIndex.DataRecord> nonhier) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = (MiraxIndex.VERSION + slideId).getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(head);
        int hierTable = head.length + 8;
        int nonhierTable = hierTable + 4 * levels.size();
        int at = nonhierTable + 4 * nonhier.size();
        // Layout: the two roots, the two tables, then each record's list head and pages.
        ByteBuffer tables = ByteBuffer.allocate(8 + 4 * (levels.size() + nonhier.size())).order(ByteOrder.LITTLE_ENDIAN);
        tables.putInt(hierTable).putInt(nonhierTable);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (List<MiraxIndex.ImageRecord> level : levels) {
            int listHead = at + body.size();
            tables.putInt(listHead);
            int pages = Math.max(1, (level.size() + PAGE_ENTRIES - 1) / PAGE_ENTRIES);
            ByteBuffer list = le(8);
            list.putInt(0).putInt(listHead + 8);
            body.writeBytes(list.array());
            for (int p = 0; p < pages; p++) {
                List<MiraxIndex.ImageRecord> entries = level.subList(p * PAGE_ENTRIES, Math.min(level.size(), (p + 1) * PAGE_ENTRIES));
                int pageAt = at + body.size();
                int next = p == pages - 1 ? 0 : pageAt + 8 + 16 * entries.size();
                ByteBuffer page = le(8 + 16 * entries.size());
                page.putInt(entries.size()).putInt(next);
                for (MiraxIndex.ImageRecord r : entries) page.putInt(r.imageIndex()).putInt((int) r.offset()).putInt(r.length()).putInt(r.fileNumber());
                body.writeBytes(page.array());
            }
        }
        for (MiraxIndex.DataRecord r : nonhier) {
            int listHead = at + body.size();
            tables.putInt(listHead);
            ByteBuffer rec = le(8 + 28);
            rec.putInt(0).putInt(listHead + 8);
            rec.putInt(1).putInt(0).putInt(0).putInt(0).putInt((int) r.offset()).putInt(r.length()).putInt(r.fileNumber());
            body.writeBytes(rec.array());
        }
        out.writeBytes(tables.array());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }

    private static String slidedat(WholeSlide slide, Options o, String slideId, int imagesAcross, int imagesDown, int zoomLevels, int overlap,
                                   List<String[]> scanData, int dataFiles) {
        double mpp = slide.micronsPerPixel();
        if (Double.isNaN(mpp)) throw new IllegalArgumentException("the slide has no MPP; a MIRAX slide records its scale");
        String power = slide.properties().getOrDefault("openslide.objective-power", "20");
        Map<String, Map<String, String>> g = new LinkedHashMap<>();
        Map<String, String> general = group(g, "GENERAL");
        general.put("SLIDE_VERSION", "01.03");
        general.put("SLIDE_ID", slideId);
        if (o.slideName() != null) general.put("SLIDE_NAME", o.slideName());
        general.put("SLIDE_TYPE", "Brightfield");
        general.put("IMAGENUMBER_X", Integer.toString(imagesAcross));
        general.put("IMAGENUMBER_Y", Integer.toString(imagesDown));
        general.put("OBJECTIVE_MAGNIFICATION", Integer.toString((int) Math.round(Double.parseDouble(power))));
        general.put("CameraImageDivisionsPerSide", Integer.toString(o.divisions()));
        general.put("SLIDE_CREATIONDATETIME", "LiverCast MiraxWriter");
        Map<String, String> hier = group(g, "HIERARCHICAL");
        hier.put("HIER_COUNT", "1");
        hier.put("HIER_0_NAME", "Slide zoom level");
        hier.put("HIER_0_COUNT", Integer.toString(zoomLevels));
        for (int k = 0; k < zoomLevels; k++) {
            hier.put("HIER_0_VAL_" + k, "ZoomLevel_" + k);
            hier.put("HIER_0_VAL_" + k + "_SECTION", "LAYER_0_LEVEL_" + k + "_SECTION");
        }
        hier.put("INDEXFILE", "Index.dat");
        boolean recorded = o.positions() != Positions.NOMINAL;
        int names = (scanData.isEmpty() ? 0 : 1) + (recorded ? 1 : 0);
        hier.put("NONHIER_COUNT", Integer.toString(names));
        int n = 0;
        if (!scanData.isEmpty()) {
            hier.put("NONHIER_0_NAME", "Scan data layer");
            hier.put("NONHIER_0_COUNT", Integer.toString(scanData.size()));
            for (int j = 0; j < scanData.size(); j++) {
                hier.put("NONHIER_0_VAL_" + j, scanData.get(j)[1]);
                hier.put("NONHIER_0_VAL_" + j + "_SECTION", "NONHIERLAYER_0_LEVEL_" + j + "_SECTION");
            }
            n = 1;
        }
        if (recorded) {
            hier.put("NONHIER_" + n + "_NAME", o.positions() == Positions.DEFLATED ? "StitchingIntensityLayer" : "VIMSLIDE_POSITION_BUFFER");
            hier.put("NONHIER_" + n + "_COUNT", "1");
            hier.put("NONHIER_" + n + "_VAL_0", "default");
            hier.put("NONHIER_" + n + "_VAL_0_SECTION", "NONHIERLAYER_" + n + "_LEVEL_0_SECTION");
        }
        Map<String, String> files = group(g, "DATAFILE");
        files.put("FILE_COUNT", Integer.toString(dataFiles));
        for (int i = 0; i < dataFiles; i++) files.put("FILE_" + i, DataFiles.name(i));
        for (int k = 0; k < zoomLevels; k++) {
            Map<String, String> s = group(g, "LAYER_0_LEVEL_" + k + "_SECTION");
            double concat = 1 << k;
            s.put("OVERLAP_X", num(overlap / concat));
            s.put("OVERLAP_Y", num(overlap / concat));
            s.put("MICROMETER_PER_PIXEL_X", num(mpp * concat));
            s.put("MICROMETER_PER_PIXEL_Y", num(mpp * concat));
            s.put("IMAGE_FORMAT", o.format().name());
            if (o.format() == ImageFormat.JPEG) s.put("IMAGE_QUALITY", Integer.toString(Math.round(o.quality() * 100)));
            s.put("IMAGE_CONCAT_FACTOR", k == 0 ? "0" : "1");
            s.put("IMAGE_FILL_COLOR_BGR", Integer.toString(WHITE));
            s.put("DIGITIZER_WIDTH", Integer.toString(o.imagePixels()));
            s.put("DIGITIZER_HEIGHT", Integer.toString(o.imagePixels()));
        }
        for (int j = 0; j < scanData.size(); j++) {
            Map<String, String> s = group(g, "NONHIERLAYER_0_LEVEL_" + j + "_SECTION");
            s.put(scanData.get(j)[2], "JPEG");
            if ("label".equals(scanData.get(j)[0]) && o.barcode() != null) s.put("BARCODE_VALUE", o.barcode());
        }
        if (recorded) group(g, "NONHIERLAYER_" + n + "_LEVEL_0_SECTION").put("VIMSLIDE_POSITION_DATA_FORMAT_VERSION", "257");
        StringBuilder out = new StringBuilder("\uFEFF");
        g.forEach((name, keys) -> {
            out.append('[').append(name).append("]\r\n");
            keys.forEach((k, v) -> out.append(k).append(" = ").append(v).append("\r\n"));
        });
        return out.toString();
    }

    private static Map<String, String> group(Map<String, Map<String, String>> g, String name) { return g.computeIfAbsent(name, k -> new LinkedHashMap<>()); }

    private static String num(double v) { return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v); }

    /** Data0000.dat, Data0001.dat, …: the non-hierarchical records and images, a new file every {@code perFile} images. */
    private static final class DataFiles implements AutoCloseable {
        private final Path folder;
        private final int perFile;
        private OutputStream out;
        private int number = -1;
        private long size;
        private int images;

        DataFiles(Path folder, int perFile) throws IOException {
            this.folder = folder;
            this.perFile = perFile;
            next();
        }

        static String name(int i) { return String.format(Locale.ROOT, "Data%04d.dat", i); }

        private void next() throws IOException {
            if (out != null) out.close();
            number++;
            out = new java.io.BufferedOutputStream(Files.newOutputStream(folder.resolve(name(number))), 1 << 16);
            size = 0;
            images = 0;
        }

        MiraxIndex.DataRecord append(byte[] bytes, boolean image) throws IOException {
            if (image && (images >= perFile || number == 0)) next();
            if (size + bytes.length > Integer.MAX_VALUE) next();
            MiraxIndex.DataRecord r = new MiraxIndex.DataRecord(size, bytes.length, number);
            out.write(bytes);
            size += bytes.length;
            if (image) images++;
            return r;
        }

        int count() { return number + 1; }

        @Override
        public void close() throws IOException { out.close(); }
    }
}
