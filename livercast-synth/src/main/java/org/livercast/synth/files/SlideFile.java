package org.livercast.synth.files;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.livercast.pathology.dicom.DicomSlideWriter;
import org.livercast.pathology.dicom.WsiMetadata;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.write.MiraxWriter;
import org.livercast.pathology.write.VentanaBifWriter;
import org.livercast.pathology.write.VmsWriter;
import org.livercast.pathology.write.NdpiWriter;
import org.livercast.pathology.write.PhilipsTiffWriter;
import org.livercast.pathology.write.PyramidWriter;
import org.livercast.pathology.write.SlideWriteOptions;
import org.livercast.pathology.write.TileSource;
import org.livercast.synth.SyntheticPatient;

/**
 * Paints an H&amp;E slide of the resected tumour and writes it as an Aperio-style SVS with a label carrying the patient's
 * name and hospital number (for de-identification tests) and a macro image. Tissue: tumour on the left with
 * trabeculae (thick when macrotrabecular), nuclei whose density and size rise with the Edmondson grade (pleomorphic at
 * grade IV); non-tumour liver on the right (fibrous septa when cirrhotic). The local findings — lymphoid aggregates by
 * immune infiltration, vessels with tumour emboli by MVI grade in the peritumoral band, uninvolved vessels, necrosis —
 * are placed by {@link SlideRegion}, which the truth folder records. The centre's stain shifts the palette; some slides
 * get an artefact (blur, fold, pen, fading) for QC.
 */
public final class SlideFile {
    public static final long WIDTH = 6144;
    public static final long HEIGHT = 4096;
    public static final double MPP = 0.5;

    private SlideFile() {}

    /** @return the artefact painted ("none", "blur", "fold", "pen", "faded") */
    public static String write(SyntheticPatient p, Path out, long seed) throws IOException {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 7 + p.truth().patientId().hashCode());
        String artefact = r.nextDouble() < p.centre().artefactRate() ? new String[] {"blur", "fold", "pen", "faded"}[r.nextInt(4)] : "none";
        write(p, out, seed, artefact);
        return artefact;
    }

    /**
     * The patient's slide as a DICOM whole-slide image series in {@code folder}, as a digital-pathology PACS exports
     * it: the SVS's levels (its JPEG tiles as frames), label and macro as LABEL and OVERVIEW, the patient's name,
     * hospital number and birth date in the header, the pathology number as the slide's container identifier.
     *
     * @return the artefact painted
     */
    public static String writeDicom(SyntheticPatient p, Path folder, long seed) throws IOException {
        return viaSvs(p, seed, svs -> {
            java.time.LocalDate surgery = p.record().surgeryDate().orElseThrow();
            String pathologyNumber = pathologyNumber(p, seed);
            WsiMetadata m = new WsiMetadata(p.identity().namePinyin(), p.identity().hospitalNumber(), p.identity().birthDate(),
                    p.record().patient().sex() == org.livercast.core.model.Sex.MALE ? "M" : "F", "", surgery.plusDays(2).atTime(10, 0),
                    pathologyNumber + " A1", pathologyNumber + "-A", "LiverCast", "LiverCast synthetic scanner", "H&E resection", "synth/" + seed + "/"
                    + p.truth().patientId());
            DicomSlideWriter.write(svs, m, folder);
        });
    }

    /**
     * The patient's slide as a Hamamatsu NanoZoomer writes it (NDPI): the SVS's levels, each one JPEG in restart
     * intervals, and its macro; the reference typed at the scanner is the pathology number and the patient's surname,
     * as operators type them — what ingest must not store.
     *
     * @return the artefact painted
     */
    public static String writeNdpi(SyntheticPatient p, Path out, long seed) throws IOException {
        String reference = pathologyNumber(p, seed) + " A1 " + p.identity().namePinyin().split("\\^")[0];
        return viaSvs(p, seed, svs -> NdpiWriter.write(svs, out, NdpiWriter.Options.defaults().withReference(reference)));
    }

    /**
     * The patient's slide as a Philips IntelliSite scanner exports it to TIFF: the SVS's levels and JPEG tiles, padded
     * directories, the scale in the XML, the label (name and hospital number) as a base64 JPEG inside it and the pathology
     * number as its base64 barcode — what ingest must not store.
     *
     * @return the artefact painted
     */
    public static String writePhilips(SyntheticPatient p, Path out, long seed) throws IOException {
        return viaSvs(p, seed, svs -> PhilipsTiffWriter.write(svs, out, pathologyNumber(p, seed) + " A1", 0.9f));
    }

    /**
     * The patient's slide as a 3DHISTECH MIRAX scanner stores it: {@code <MRN>-HE1.mrxs} and its folder, overlapping
     * photos at jittered camera positions (glass not photographed), the scanner's pyramid, the label and macro; the slide
     * name typed at the scanner is the pathology number and the patient's surname, and the barcode value the pathology
     * number — what ingest must not store.
     *
     * @return the artefact painted
     */
    public static String writeMirax(SyntheticPatient p, Path out, long seed) throws IOException {
        String number = pathologyNumber(p, seed) + " A1";
        MiraxWriter.Options o = MiraxWriter.Options.defaults().withIdentifiers(number + " " + p.identity().namePinyin().split("\\^")[0], number);
        return viaSvs(p, seed, svs -> MiraxWriter.write(svs, out, o));
    }

    /**
     * The patient's slide as a Roche Ventana scanner writes it (BIF): the tissue scanned as one area of overlapping tiles
     * of 1,024 pixels, the stitcher's joints recorded, the scanner's pyramid, the glass's photograph (with the label) as
     * the "Label Image" — what ingest must not store.
     *
     * @return the artefact painted
     */
    public static String writeVentana(SyntheticPatient p, Path out, long seed) throws IOException {
        return viaSvs(p, seed, svs -> VentanaBifWriter.write(svs, out, VentanaBifWriter.Options.defaults()));
    }

    /**
     * The patient's slide as a NanoZoomer of the VMS era stored it: {@code <MRN>-HE1.vms} naming a grid of JPEG files
     * of up to 2,048 pixels in restart intervals, the map, the macro (the glass's photograph, label included) and the
     * optimisation file, beside it — what ingest must take as one slide and whose macro it must not store.
     *
     * @return the artefact painted
     */
    public static String writeVms(SyntheticPatient p, Path out, long seed) throws IOException {
        return viaSvs(p, seed, svs -> VmsWriter.write(svs, out, VmsWriter.Options.defaults().withImagePixels(2048)));
    }

    private interface FromSvs {
        void write(TiffSlide svs) throws IOException;
    }

    /** The patient's slide painted as an SVS in a temporary file and handed to {@code writer}; returns the artefact painted. */
    private static String viaSvs(SyntheticPatient p, long seed, FromSvs writer) throws IOException {
        Path svs = Files.createTempFile("livercast-slide-", ".svs");
        try {
            String artefact = write(p, svs, seed);
            try (TiffSlide t = TiffSlide.open(svs)) {
                writer.write(t);
            }
            return artefact;
        } finally {
            Files.deleteIfExists(svs);
        }
    }

    /** The pathology department's number for the specimen: year of surgery and a number the seed fixes. */
    private static String pathologyNumber(SyntheticPatient p, long seed) {
        java.time.LocalDate surgery = p.record().surgeryDate().orElseThrow();
        return String.format("P%d-%05d", surgery.getYear(), Math.floorMod((p.truth().patientId() + seed).hashCode(), 100_000));
    }

    /** The patient's slide with the given artefact ("none", "blur", "fold", "pen", "faded"). */
    static void write(SyntheticPatient p, Path out, long seed, String artefact) throws IOException {
        Painter painter = new Painter(p, artefact, SlideRegion.of(p, seed));
        TileSource source = new TileSource() {
            public long width() { return WIDTH; }

            public long height() { return HEIGHT; }

            public int[] read(long x, long y, int w, int h) { return painter.paint(x, y, w, h); }
        };
        PyramidWriter.write(source, out, SlideWriteOptions.aperio(MPP, 20, label(p), macro(p)));
    }

    static RgbImage label(SyntheticPatient p) {
        BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 300);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 30));
        g.drawString(p.identity().namePinyin().replace('^', ' '), 20, 80);
        g.drawString(p.identity().hospitalNumber(), 20, 140);
        g.drawString(p.record().surgeryDate().orElseThrow().toString(), 20, 200);
        g.dispose();
        return RgbImage.of(img);
    }

    static RgbImage macro(SyntheticPatient p) {
        BufferedImage img = new BufferedImage(600, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(235, 235, 235));
        g.fillRect(0, 0, 600, 200);
        g.setColor(new Color(220, 140, 180));
        g.fillOval(220, 40, 300, 120);
        g.drawImage(label(p).toBufferedImage(), 0, 0, 180, 135, null);
        g.dispose();
        return RgbImage.of(img);
    }

    /**
     * Colour of each level-0 pixel: deterministic, so tiles can be painted in any order. A tile is painted at once
     * ({@link #paint}) so that what depends on one row or column only (the septa's and trabeculae's waves) and which
     * regions can touch the tile are worked out once per tile, not per pixel: twice as fast, with the same colours (the
     * trabeculae's sine by the angle-sum identity may differ from the direct one in its last bit; on the 12 slides
     * measured every byte was the same, BENCHMARKS "Synthetic cohort generation speed").
     */
    static final class Painter {
        /** Out of focus: each pixel the mean of a 17 × 17 box (8.5 µm, a hepatocyte): no nuclear edge is left for QC's Laplacian. */
        static final int BLUR_RADIUS_PX = 8;

        final boolean pen;
        final boolean fold;
        final boolean blur;
        final boolean faded;
        final int grade;
        final int[] shift;
        final List<SlideRegion> regions;
        final boolean cirrhosis;
        final double trabecula;
        final long nucleusSpacing;
        final double nucleusRadius2;

        Painter(SyntheticPatient p, String artefact, List<SlideRegion> regions) {
            this.pen = artefact.equals("pen");
            this.fold = artefact.equals("fold");
            this.blur = artefact.equals("blur");
            this.faded = artefact.equals("faded");
            this.regions = regions;
            this.grade = p.record().pathology().edmondsonGrade() == null ? 1 : p.record().pathology().edmondsonGrade();
            this.shift = p.centre().stainShift();
            this.cirrhosis = Boolean.TRUE.equals(p.record().patient().cirrhosis());
            this.trabecula = p.findings().macrotrabecular() ? 0.012 : 0.035;
            this.nucleusSpacing = (long) (22.0 - 3 * grade);                                             // denser nuclei with grade
            this.nucleusRadius2 = (2.5 + grade) * (2.5 + grade);                                          // grades I–III
        }

        /**
         * Packed RGB of the level-0 rectangle [x0, x0+w) × [y0, y0+h), row-major. Out of focus, the sharp picture of
         * the rectangle and a margin around it is averaged over {@link #BLUR_RADIUS_PX} (a box, so no seams between
         * tiles): dropping the grain alone left the nuclei's edges sharp, and QC passed the "blurred" slides.
         */
        int[] paint(long x0, long y0, int w, int h) {
            if (!blur) return paintSharp(x0, y0, w, h);
            int r = BLUR_RADIUS_PX;
            return boxBlur(paintSharp(x0 - r, y0 - r, w + 2 * r, h + 2 * r), w + 2 * r, h + 2 * r, r);
        }

        /** The inner (w − 2r) × (h − 2r) of a w × h picture, each pixel the mean of the (2r + 1)² around it. */
        static int[] boxBlur(int[] px, int w, int h, int r) {
            int ow = w - 2 * r;
            int oh = h - 2 * r;
            int n = (2 * r + 1) * (2 * r + 1);
            int[][] rows = new int[3][ow * h];                                                            // horizontal sums
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < ow; x++) {
                    int sr = 0, sg = 0, sb = 0;
                    for (int k = 0; k <= 2 * r; k++) {
                        int c = px[y * w + x + k];
                        sr += c >> 16 & 0xFF;
                        sg += c >> 8 & 0xFF;
                        sb += c & 0xFF;
                    }
                    rows[0][y * ow + x] = sr;
                    rows[1][y * ow + x] = sg;
                    rows[2][y * ow + x] = sb;
                }
            }
            int[] out = new int[ow * oh];
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int sr = 0, sg = 0, sb = 0;
                    for (int k = 0; k <= 2 * r; k++) {
                        int i = (y + k) * ow + x;
                        sr += rows[0][i];
                        sg += rows[1][i];
                        sb += rows[2][i];
                    }
                    out[y * ow + x] = (sr / n) << 16 | (sg / n) << 8 | sb / n;
                }
            }
            return out;
        }

        private int[] paintSharp(long x0, long y0, int w, int h) {
            SlideRegion[] near = regions.stream().filter(r -> r.touches(x0, y0, w, h)).toArray(SlideRegion[]::new);
            double[] septumX = new double[w];
            double[] trabeculaSinX = new double[w];
            double[] trabeculaCosX = new double[w];
            for (int i = 0; i < w; i++) {
                septumX[i] = Math.sin((x0 + i) * 0.004);
                trabeculaSinX[i] = Math.sin((x0 + i) * trabecula);
                trabeculaCosX[i] = Math.cos((x0 + i) * trabecula);
            }
            int[] out = new int[w * h];
            for (int j = 0; j < h; j++) {
                long y = y0 + j;
                double septumY = Math.cos(y * 0.004);
                double phase = Math.sin(y * 0.01) * 3;
                double sinPhase = Math.sin(phase);
                double cosPhase = Math.cos(phase);
                SlideRegion[] onRow = near.length == 0 ? near : Arrays.stream(near).filter(r -> r.touches(x0, y, w, 1)).toArray(SlideRegion[]::new);
                for (int i = 0; i < w; i++) {
                    // sin(x·trabecula + phase) by the angle-sum identity, from the column's and the row's sines and cosines
                    double trabeculaWave = trabeculaSinX[i] * cosPhase + trabeculaCosX[i] * sinPhase;
                    out[j * w + i] = pixel(x0 + i, y, onRow, septumX[i] * septumY, trabeculaWave);
                }
            }
            return out;
        }

        private int pixel(long x, long y, SlideRegion[] near, double septum, double trabeculaWave) {
            double dx = (x - WIDTH / 2.0) / (WIDTH * 0.42);
            double dy = (y - HEIGHT / 2.0) / (HEIGHT * 0.42);
            if (dx * dx + dy * dy > 1) return pen && Math.abs(y - 0.4 * x - 600) < 80 ? 0x2040C0 : 0xF3F3F1;
            SlideRegion region = near.length == 0 ? null : regionAt(near, x, y);
            int c = region != null ? regionPixel(region, x, y)
                    : x < WIDTH * SlideRegion.TUMOUR_BORDER_FRACTION ? tumourPixel(x, y, trabeculaWave) : liverPixel(x, y, septum);
            if (fold && Math.abs(x - WIDTH * 0.5) < WIDTH * 0.12) return 0x5A1E50;
            if (pen && Math.abs(y - 0.4 * x - 600) < 80) return 0x2040C0;
            int grain = blur ? 0 : (int) ((hash(x, y) & 31) - 16);
            int rr = (c >> 16 & 0xFF) + shift[0] + grain / 2;
            int gg = (c >> 8 & 0xFF) + shift[1] + grain;
            int bb = (c & 0xFF) + shift[2] + grain / 2;
            if (faded) {
                rr = rr * 3 / 10 + 178;
                gg = gg * 3 / 10 + 178;
                bb = bb * 3 / 10 + 178;
            }
            return clamp(rr) << 16 | clamp(gg) << 8 | clamp(bb);
        }

        private static SlideRegion regionAt(SlideRegion[] near, long x, long y) {
            for (SlideRegion r : near) if (r.contains(x, y)) return r;
            return null;
        }

        private int regionPixel(SlideRegion r, long x, long y) {
            switch (r.kind()) {
                case SlideRegion.NECROSIS:
                    return 0xEAC8D8;                                                                    // pale, anucleate
                case SlideRegion.LYMPHOID_AGGREGATE: {                                                  // packed small dark nuclei
                    double nx = (x % 7) - 3.5;
                    double ny = (y % 7) - 3.5;
                    return nx * nx + ny * ny < 9 ? 0x1C1050 : 0x3A2A78;            // darker and bluer than any tumour
                }
                case SlideRegion.INVADED_VESSEL: {
                    double d = r.relativeDistance(x, y);
                    if (d > 0.85) return 0xD9809F;                                                      // the vessel wall
                    if (d > 0.64) return 0xF0E8EE;                                                      // retraction around the embolus
                    double nx = (x % 12) - 6;                                                           // the embolus: crowded tumour cells
                    double ny = (y % 12) - 6;
                    return nx * nx + ny * ny < 16 ? 0x3A1F66 : 0x7A4A9E;
                }
                default:                                                                                // an uninvolved vessel: blood in the lumen
                    if (r.relativeDistance(x, y) > 0.85) return 0xD9809F;
                    return (hash(x / 7, y / 7) & 7) == 0 ? 0xD0485A : 0xF4E6EA;
            }
        }

        private int tumourPixel(long x, long y, double trabeculaWave) {
            boolean sinusoid = trabeculaWave > 0.85;
            if (sinusoid) return 0xF2DCE6;
            double nx = (x % nucleusSpacing) - nucleusSpacing / 2.0;
            double ny = (y % nucleusSpacing) - nucleusSpacing / 2.0;
            if (grade < 4) return nx * nx + ny * ny < nucleusRadius2 ? 0x4B2A7A : 0xE38FBF;
            return nx * nx + ny * ny < pleomorphicRadius2(x / nucleusSpacing, y / nucleusSpacing) ? 0x4B2A7A : 0xE38FBF;
        }

        /**
         * Grade IV: nuclei of varying size (pleomorphism; 3.8–4.9 px radius by cell, ~60% of the area), each with
         * cytoplasm around it. The grade's trend (radius 2.5 + grade on a 22 − 3·grade grid) would give 6.5 px on a 10 px
         * grid — one solid sheet of nuclei, which is not what a grade-IV HCC looks like and which QC read as a fold (4.4%
         * of a clean slide's tissue; 0.1% now).
         */
        static double pleomorphicRadius2(long cellX, long cellY) {
            double r = 3.8 + 1.1 * ((hash(cellX, cellY) >>> 11) & 0xFFFF) / 65536.0;
            return r * r;
        }

        private int liverPixel(long x, long y, double septum) {
            if (cirrhosis && Math.abs(septum) < 0.06) return 0xD97FA8;                                    // fibrous septa
            double nx = (x % 26) - 13;
            double ny = (y % 26) - 13;
            if (nx * nx + ny * ny < 12) return 0x5A3A88;
            return 0xEBA2C8;
        }

        static long hash(long x, long y) {
            long h = x * 0x9E3779B97F4A7C15L ^ y * 0xC2B2AE3D27D4EB4FL;
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
            return h ^ (h >>> 32);
        }

        static int clamp(int v) { return Math.max(0, Math.min(255, v)); }
    }
}
