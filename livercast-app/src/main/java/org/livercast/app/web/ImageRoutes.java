package org.livercast.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.imaging.nifti.NiftiImage;
import org.livercast.imaging.nifti.NiftiReader;
import org.livercast.imaging.series.ImageVolume;
import org.livercast.imaging.series.SeriesAssembler;
import org.livercast.pathology.dzi.DeepZoom;
import org.livercast.pathology.slide.TiffSlide;

/**
 * Pixels for the patient page, each request checked against the patient's centre: Deep Zoom descriptor and tiles of
 * a stored slide (one reader and tile cache per slide, a bounded number open), the attention heat map of the latest
 * POST prediction as a translucent PNG over the whole slide, and MRI slices per phase with the tumour outlined.
 */
final class ImageRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OPEN_SLIDES = 8;
    private static final int OPEN_SERIES = 16;
    private final PatientData data;
    /**
     * Open slides with their Deep Zoom tile caches; the least recently used is evicted when a ninth is opened, and
     * closed once no request is still reading it (each request holds a {@link Lease}).
     */
    private final Map<String, OpenSlide> zooms = new LinkedHashMap<>(OPEN_SLIDES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OpenSlide> e) {
            if (size() <= OPEN_SLIDES) return false;
            e.getValue().evicted = true;
            if (e.getValue().users == 0) e.getValue().close();
            return true;
        }
    };

    /** An open slide; {@code users} and {@code evicted} are guarded by {@code zooms}. */
    private static final class OpenSlide {
        final TiffSlide slide;
        final DeepZoom zoom;
        int users;
        boolean evicted;

        OpenSlide(TiffSlide slide, DeepZoom zoom) {
            this.slide = slide;
            this.zoom = zoom;
        }

        void close() {
            try {
                slide.close();
            } catch (IOException ignored) {
                // closing a read-only file: nothing to lose
            }
        }
    }

    /** A slide held open for the length of one request. */
    private final class Lease implements AutoCloseable {
        private final OpenSlide open;

        Lease(OpenSlide open) { this.open = open; }

        DeepZoom zoom() { return open.zoom; }

        @Override
        public void close() {
            synchronized (zooms) {
                open.users--;
                if (open.evicted && open.users == 0) open.close();
            }
        }
    }

    private final Map<String, Windowed> volumes = lru(OPEN_SERIES);
    private final Map<String, Mask> masks = lru(OPEN_SERIES);

    /** A tumour mask with the mean index of its voxels, read once: every slice request of the slider needs both. */
    private record Mask(NiftiImage image, double[] centroidIndex) {
        static Mask of(NiftiImage m) {
            double si = 0, sj = 0, sk = 0;
            long n = 0;
            for (int k = 0; k < m.nz(); k++) {
                for (int j = 0; j < m.ny(); j++) {
                    for (int i = 0; i < m.nx(); i++) {
                        if (m.value(i, j, k) <= 0.5f) continue;
                        si += i;
                        sj += j;
                        sk += k;
                        n++;
                    }
                }
            }
            return new Mask(m, n == 0 ? null : new double[] {si / n, sj / n, sk / n});
        }
    }

    private Mask mask(String sha) throws IOException {
        Mask m;
        synchronized (masks) {
            m = masks.get(sha);
        }
        if (m == null) {
            m = Mask.of(NiftiReader.read(data.file(sha)));
            synchronized (masks) {
                masks.put(sha, m);
            }
        }
        return m;
    }

    /** A phase's volume with its display window (1st–99th percentile), computed once when the series is loaded. */
    private record Windowed(ImageVolume volume, double lo, double hi) {
        static Windowed of(ImageVolume v) {
            float[] sorted = v.voxels().clone();
            Arrays.sort(sorted);
            return new Windowed(v, sorted[(int) (0.01 * (sorted.length - 1))], sorted[(int) (0.99 * (sorted.length - 1))]);
        }
    }

    /** A Deep Zoom tile's file name: column_row.jpeg (or .jpg). */
    private static final Pattern TILE_NAME = Pattern.compile("(\\d{1,9})_(\\d{1,9})\\.(?:jpeg|jpg)");

    ImageRoutes(PatientData data) { this.data = data; }

    void register(Javalin app) {
        app.get("/api/slides/{sha}/slide.dzi", ctx -> {
            try (Lease l = lease(ctx)) {
                ctx.contentType("application/xml").result(l.zoom().descriptor());
            }
        });
        app.get("/api/slides/{sha}/slide_files/{level}/{tile}", ctx -> {
            // The descriptor says Format="jpeg" (as OpenSlide's DeepZoomGenerator does), so OpenSeadragon asks for
            // "{column}_{row}.jpeg"; ".jpg" is taken too. Until 2026-12-03 only ".jpg" was, and the viewer stayed dark.
            Matcher tile = TILE_NAME.matcher(ctx.pathParam("tile"));
            if (!tile.matches() || !ctx.pathParam("level").matches("\\d{1,2}")) {
                throw HttpError.notFound("Deep Zoom tile " + ctx.pathParam("level") + "/" + ctx.pathParam("tile")
                        + " (tiles are named LEVEL/COLUMN_ROW.jpeg)");
            }
            byte[] jpeg;
            try (Lease l = lease(ctx)) {
                jpeg = l.zoom().tile(Integer.parseInt(ctx.pathParam("level")), Integer.parseInt(tile.group(1)), Integer.parseInt(tile.group(2)));
            }
            ctx.header("Cache-Control", "private, max-age=3600").contentType("image/jpeg").result(jpeg);
        });
        app.get("/api/slides/{sha}/attention.png", this::attention);
        app.get("/api/mri/{centre}/{id}/{phase}/{slice}", this::mriSlice);
    }

    private Lease lease(Context ctx) throws IOException {
        String sha = ctx.pathParam("sha");
        checkOwner(ctx, sha);
        synchronized (zooms) {
            OpenSlide open = zooms.get(sha);
            if (open == null) {
                TiffSlide slide = TiffSlide.open(data.file(sha));
                open = new OpenSlide(slide, new DeepZoom(slide, 254, 1, 512));
                zooms.put(sha, open);
            }
            open.users++;
            return new Lease(open);
        }
    }

    private String[] checkOwner(Context ctx, String sha) {
        WebUser u = WebServer.user(ctx);
        String[] owner = data.ownerOf(sha).orElseThrow(() -> HttpError.notFound("file " + sha));
        if (!u.user().canSeePatientsOf(owner[0])) throw HttpError.forbidden(u.user().username() + " may not see patients of centre " + owner[0]);
        return owner;
    }

    /** The latest POST prediction's attention over this slide, against an even share ({@link AttentionOverlay}). */
    private void attention(Context ctx) throws IOException {
        String[] owner = checkOwner(ctx, ctx.pathParam("sha"));
        long[] full;
        try (Lease l = lease(ctx)) {
            full = l.zoom().levelSize(l.zoom().maxLevel());
        }
        png(ctx, AttentionOverlay.draw(full[0], full[1], data.latestSlideAttention(data.predictions(owner[0], owner[1])).map(PatientData.SlideAttention::tiles).orElse(List.of())));
    }

    /** One slice of a phase, {slice} in percent of the series' depth, windowed on the volume's 1st–99th percentile. */
    private void mriSlice(Context ctx) throws IOException {
        WebUser u = WebServer.user(ctx);
        String centre = ctx.pathParam("centre");
        String id = ctx.pathParam("id");
        if (!u.user().canSeePatientsOf(centre)) throw HttpError.forbidden(u.user().username() + " may not see patients of centre " + centre);
        String phase = ctx.pathParam("phase");
        int pct = Integer.parseInt(ctx.pathParam("slice").replace(".png", ""));
        var files = data.files(centre, id);
        List<String> shas = phaseFiles(files, phase);
        if (shas.isEmpty()) throw HttpError.notFound("phase " + phase + " of " + centre + "/" + id);
        Windowed w = windowed(centre, id, phase, shas);
        ImageVolume v = w.volume();
        double lo = w.lo(), hi = w.hi();
        int k = (int) Math.round(Math.max(0, Math.min(100, pct)) / 100.0 * (v.nz() - 1));
        BufferedImage img = new BufferedImage(v.nx(), v.ny(), BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < v.ny(); j++) {
            for (int i = 0; i < v.nx(); i++) {
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, (v.value(i, j, k) - lo) / Math.max(1e-6, hi - lo))));
                img.setRGB(i, j, g << 16 | g << 8 | g);
            }
        }
        if (ctx.queryParam("saliency") != null) saliency(img, v, k, centre, id, files);
        if (ctx.queryParam("roi") != null) outline(img, v, k, files);
        png(ctx, img);
    }

    /**
     * Where the slice slider starts: the tumour mask's centroid as a percentage of the depth of the series the mask lies
     * on (the arterial phase, else the first stored), in {@link #mriSlice}'s percent. Empty without a mask or a series.
     * Why: a 2 cm tumour spans three of twenty 8 mm slices, so the middle slice, where the slider used to start, often
     * showed liver without the tumour and an outline with nothing to outline.
     */
    OptionalInt tumourSlicePercent(String centre, String id) throws IOException {
        var files = data.files(centre, id);
        var maskFile = files.stream().filter(f -> f.kind().equals("mask")).findFirst();
        if (maskFile.isEmpty()) return OptionalInt.empty();
        String phase = phaseFiles(files, "arterial").isEmpty()
                ? files.stream().filter(f -> f.kind().equals("dicom") && f.phase() != null).map(PatientData.StoredFile::phase).findFirst().orElse(null)
                : "arterial";
        if (phase == null) return OptionalInt.empty();
        Mask mask = mask(maskFile.get().sha256());
        if (mask.centroidIndex() == null) return OptionalInt.empty();
        ImageVolume v = windowed(centre, id, phase, phaseFiles(files, phase)).volume();
        double[] c = mask.centroidIndex();
        double[] ras = mask.image().toRas(c[0], c[1], c[2]);
        double k = v.toIndex(new double[] {-ras[0], -ras[1], ras[2]})[2];  // RAS to DICOM's LPS, then the series' slice index
        if (!(k >= -0.5 && k <= v.nz() - 0.5)) return OptionalInt.empty();  // the mask is not on this series
        return OptionalInt.of(v.nz() < 2 ? 50 : (int) Math.round(100.0 * Math.round(k) / (v.nz() - 1)));
    }

    private static List<String> phaseFiles(List<PatientData.StoredFile> files, String phase) {
        return files.stream().filter(f -> f.kind().equals("dicom") && phase.equals(f.phase())).map(PatientData.StoredFile::sha256).toList();
    }

    /** A phase's volume and display window, read once and kept (a bounded number of series). */
    private Windowed windowed(String centre, String id, String phase, List<String> shas) throws IOException {
        String key = centre + "/" + id + "/" + phase;
        Windowed w;
        synchronized (volumes) {
            w = volumes.get(key);
        }
        if (w == null) {
            List<DicomFile> dicoms = new ArrayList<>();
            for (String sha : shas) dicoms.add(DicomReader.read(data.file(sha)));
            w = Windowed.of(SeriesAssembler.assembleAll(dicoms).get(0).volume());
            synchronized (volumes) {
                volumes.put(key, w);
            }
        }
        return w;
    }

    /**
     * The occlusion map of the latest prediction that read the MRI, over the slice: each block of the tumour-centred
     * cube tinted red where the block raised the predicted risk (hiding it lowered the log-odds) and blue where it
     * lowered it, more opaque for larger effects. The cube is laid out as the models built it (MriRoi): on the arterial
     * series' axes, centred on the tumour mask's centroid (the mask lies on the arterial grid), so any phase's pixel
     * finds its block through its position in the patient.
     */
    private void saliency(BufferedImage img, ImageVolume v, int k, String centre, String id, List<PatientData.StoredFile> files) throws IOException {
        var occlusion = data.mriOcclusion(data.predictions(centre, id));
        var mask = files.stream().filter(f -> f.kind().equals("mask")).findFirst();
        List<String> arterialFiles = phaseFiles(files, "arterial");
        if (occlusion.isEmpty() || mask.isEmpty() || arterialFiles.isEmpty()) return;
        ImageVolume arterial = windowed(centre, id, "arterial", arterialFiles).volume();
        double[] centroid = mask(mask.get().sha256()).centroidIndex();
        if (centroid == null) return;
        double[] c = arterial.toPatient(centroid[0], centroid[1], centroid[2]);
        OcclusionGrid grid = OcclusionGrid.of(occlusion.get());
        for (int j = 0; j < v.ny(); j++) {
            for (int i = 0; i < v.nx(); i++) {
                double[] p = v.toPatient(i, j, k);
                double[] d = {p[0] - c[0], p[1] - c[1], p[2] - c[2]};
                double effect = grid.effectAt(dot(d, arterial.rowDir()), dot(d, arterial.colDir()), dot(d, arterial.sliceDir()));
                if (Double.isNaN(effect) || grid.maxAbs() == 0) continue;
                // A faint tint shows the whole analysed cube; the strength of the effect adds to it.
                double alpha = 0.12 + 0.5 * Math.abs(effect) / grid.maxAbs();
                int tint = effect > 0 ? 0xFF2020 : 0x2060FF;
                int g = img.getRGB(i, j) & 0xFF;
                int r = (int) Math.round((1 - alpha) * g + alpha * (tint >> 16 & 0xFF));
                int gg = (int) Math.round((1 - alpha) * g + alpha * (tint >> 8 & 0xFF));
                int b = (int) Math.round((1 - alpha) * g + alpha * (tint & 0xFF));
                img.setRGB(i, j, r << 16 | gg << 8 | b);
            }
        }
    }

    private static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

    /** The tumour mask (NIfTI, RAS) sampled at each pixel's position in the patient (DICOM LPS): its edge drawn in yellow. */
    private void outline(BufferedImage img, ImageVolume v, int k, List<PatientData.StoredFile> files) throws IOException {
        var mask = files.stream().filter(f -> f.kind().equals("mask")).findFirst();
        if (mask.isEmpty()) return;
        NiftiImage m = mask(mask.get().sha256()).image();
        double[][] inv = invert(m.affineRas());
        boolean[][] in = new boolean[v.nx()][v.ny()];
        for (int j = 0; j < v.ny(); j++) {
            for (int i = 0; i < v.nx(); i++) {
                double[] lps = v.toPatient(i, j, k);
                double[] ras = {-lps[0], -lps[1], lps[2]};
                int mi = (int) Math.round(inv[0][0] * ras[0] + inv[0][1] * ras[1] + inv[0][2] * ras[2] + inv[0][3]);
                int mj = (int) Math.round(inv[1][0] * ras[0] + inv[1][1] * ras[1] + inv[1][2] * ras[2] + inv[1][3]);
                int mk = (int) Math.round(inv[2][0] * ras[0] + inv[2][1] * ras[1] + inv[2][2] * ras[2] + inv[2][3]);
                in[i][j] = mi >= 0 && mj >= 0 && mk >= 0 && mi < m.nx() && mj < m.ny() && mk < m.nz() && m.value(mi, mj, mk) > 0.5f;
            }
        }
        for (int j = 0; j < v.ny(); j++) {
            for (int i = 0; i < v.nx(); i++) {
                if (!in[i][j]) continue;
                boolean edge = i == 0 || j == 0 || i == v.nx() - 1 || j == v.ny() - 1 || !in[i - 1][j] || !in[i + 1][j] || !in[i][j - 1] || !in[i][j + 1];
                if (edge) img.setRGB(i, j, 0xFFD400);
            }
        }
    }

    /** Inverse of a 4×4 affine whose last row is 0 0 0 1. */
    static double[][] invert(double[][] a) {
        double[][] m = {{a[0][0], a[0][1], a[0][2]}, {a[1][0], a[1][1], a[1][2]}, {a[2][0], a[2][1], a[2][2]}};
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] r = new double[3][4];
        r[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
        r[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
        r[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
        r[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
        r[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
        r[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
        r[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
        r[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
        r[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
        for (int i = 0; i < 3; i++) r[i][3] = -(r[i][0] * a[0][3] + r[i][1] * a[1][3] + r[i][2] * a[2][3]);
        return r;
    }

    private static void png(Context ctx, BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        ctx.header("Cache-Control", "private, max-age=600").contentType("image/png").result(out.toByteArray());
    }

    private static <V> Map<String, V> lru(int n) {
        return new LinkedHashMap<>(n, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> e) { return size() > n; }
        };
    }
}
