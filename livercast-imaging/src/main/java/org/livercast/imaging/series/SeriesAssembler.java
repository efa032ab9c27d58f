package org.livercast.imaging.series;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.livercast.imaging.codec.PixelDecoder;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.write.Uids;

/**
 * Builds volumes from image files: groups them by Series Instance UID, sorts each series along the slice normal (row ×
 * column direction cosines) by Image Position (Patient), derives the slice spacing from the positions, applies Rescale
 * Slope/Intercept, and refuses series with mixed orientations, mixed sizes, duplicate positions, missing slices or uneven
 * spacing — naming the files. A series is either single-frame files, a slice each, or one multi-frame file (Enhanced or
 * Legacy Converted Enhanced MR/CT) whose frames say the same in their functional groups ({@link FunctionalGroups}).
 */
public final class SeriesAssembler {
    /** Relative spacing deviation tolerated before a series is called uneven (scanner rounding stays well below). */
    static final double SPACING_TOLERANCE = 0.01;

    private SeriesAssembler() {}

    /** A distance as a message gives it: to the micrometre, without binary fractions' tails (9.600000000000001). */
    private static String mm(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** Every DICOM image file under {@code dir} (found by content, not extension), grouped into series. */
    public static List<DicomSeries> readDirectory(Path dir) throws IOException {
        return assembleAll(images(dir));
    }

    /** The image files under {@code dir}: DICOM files with pixel data, RT structure sets and whole-slide images aside. */
    static List<DicomFile> images(Path dir) throws IOException {
        Scan scan = scan(dir);
        if (!scan.unreadable().isEmpty()) throw scan.unreadable().get(0);
        return scan.images();
    }

    /**
     * What a folder holds: its image files, read; its whole-slide images' headers (never their frames); and the files that
     * begin as DICOM but cannot be read (cut short in transfer, a damaged element), each with why.
     */
    record Scan(List<DicomFile> images, List<DicomFile> wholeSlides, List<DicomFileException> unreadable) {}

    static Scan scan(Path dir) throws IOException {
        List<DicomFile> images = new ArrayList<>();
        List<DicomFile> wholeSlides = new ArrayList<>();
        List<DicomFileException> unreadable = new ArrayList<>();
        for (Path f : dicomFiles(dir)) {
            try {
                // A whole-slide level can be gigabytes: the meta information says what it is before anything else is read,
                // and then only its header is.
                DicomObject meta = DicomReader.meta(f);
                if (meta != null && Uids.VL_WHOLE_SLIDE_MICROSCOPY.equals(meta.string(Tag.MediaStorageSOPClassUID))) {
                    wholeSlides.add(org.livercast.imaging.dicom.DicomHeader.read(f).file());
                    continue;
                }
                DicomFile d = DicomReader.read(f);
                if (d.dataSet().contains(Tag.PixelData) && !"RTSTRUCT".equals(d.string(Tag.Modality))) images.add(d);
            } catch (DicomFileException e) {
                unreadable.add(e);
            }
        }
        return new Scan(images, wholeSlides, List.copyOf(unreadable));
    }



    public static List<Path> dicomFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                byte[] head = new byte[132];
                try (var in = Files.newInputStream(p)) {
                    if (in.readNBytes(head, 0, 132) == 132 && DicomReader.isDicom(head)) out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * The files' series: grouped by Series Instance UID, each assembled; a dynamic acquisition in one series is one
     * series a phase — a multi-frame file holding several volumes is first split into one file a volume
     * ({@link VolumeSplit}), a classic series whose positions repeat by temporal position ({@link TemporalParts}).
     */
    public static List<DicomSeries> assembleAll(List<DicomFile> files) {
        Map<String, List<DicomFile>> bySeries = new LinkedHashMap<>();
        for (DicomFile f : files.stream().flatMap(f -> VolumeSplit.split(f).stream().map(VolumeSplit.Part::file)).toList()) {
            String uid = f.string(Tag.SeriesInstanceUID);
            if (uid == null) throw new SeriesException(f.path() + ": no Series Instance UID");
            bySeries.computeIfAbsent(uid, k -> new ArrayList<>()).add(f);
        }
        List<DicomSeries> out = new ArrayList<>();
        for (var e : bySeries.entrySet()) out.addAll(assembleParts(e.getKey(), e.getValue()));
        return out;
    }

    /** One series' files as volumes: one, or one a temporal position when the series holds a dynamic acquisition. */
    static List<DicomSeries> assembleParts(String uid, List<DicomFile> files) {
        List<DicomSeries> out = new ArrayList<>();
        for (TemporalParts.Part p : TemporalParts.of(files)) out.add(TemporalParts.named(assemble(uid, p.files()), p.label()));
        return out;
    }

    public static DicomSeries assemble(String uid, List<DicomFile> files) {
        boolean multiFrame = files.stream().anyMatch(f -> FunctionalGroups.describe(f.dataSet()));
        if (!multiFrame) return assembleSlices(uid, files);
        if (files.size() > 1) {
            throw new SeriesException("series " + uid + ": " + files.size() + " files, " + files.stream().filter(f -> FunctionalGroups.describe(f.dataSet())).count()
                    + " of them multi-frame (" + files.get(0).path() + ", …): LiverCast reads a series as single-frame slices or as one multi-frame file");
        }
        return assembleFrames(uid, files.get(0));
    }

    /** A classic series: one file a slice, each with its own geometry attributes. */
    private static DicomSeries assembleSlices(String uid, List<DicomFile> files) {
        DicomObject first = files.get(0).dataSet();
        double[] iop = first.doubles(Tag.ImageOrientationPatient);
        if (iop.length != 6) throw new SeriesException("series " + uid + ": " + files.get(0).path() + " has no Image Orientation (Patient)");
        int rows = first.intValue(Tag.Rows, -1);
        int cols = first.intValue(Tag.Columns, -1);
        double[] ps = first.doubles(Tag.PixelSpacing);
        if (ps.length != 2) throw new SeriesException("series " + uid + ": " + files.get(0).path() + " has no Pixel Spacing");
        double[] normal = ImageVolume.cross(new double[] {iop[0], iop[1], iop[2]}, new double[] {iop[3], iop[4], iop[5]});
        List<Slice> slices = new ArrayList<>();
        for (DicomFile f : files) {
            DicomObject d = f.dataSet();
            double[] o = d.doubles(Tag.ImageOrientationPatient);
            if (o.length != 6 || !close(o, iop, 1e-4)) {
                throw new SeriesException("series " + uid + ": mixed orientations: " + f.path() + " is " + java.util.Arrays.toString(o)
                        + " but " + files.get(0).path() + " is " + java.util.Arrays.toString(iop));
            }
            if (d.intValue(Tag.Rows, -1) != rows || d.intValue(Tag.Columns, -1) != cols) {
                throw new SeriesException("series " + uid + ": mixed sizes: " + f.path() + " is " + d.intValue(Tag.Rows, -1) + "x"
                        + d.intValue(Tag.Columns, -1) + " but " + files.get(0).path() + " is " + rows + "x" + cols);
            }
            double[] pos = d.doubles(Tag.ImagePositionPatient);
            if (pos.length != 3) throw new SeriesException("series " + uid + ": " + f.path() + " has no Image Position (Patient)");
            slices.add(new Slice(f.path().toString(), pos, ImageVolume.dot(pos, normal)));
        }
        List<Integer> order = sortedOrder(slices);
        List<Slice> sorted = order.stream().map(slices::get).toList();
        double spacing = checkSpacing(uid, sorted);
        float[] voxels = new float[rows * cols * sorted.size()];
        for (int k = 0; k < order.size(); k++) {
            DicomFile f = files.get(order.get(k));
            PixelDecoder.Layout layout = PixelDecoder.layout(f);
            if (layout.samples() != 1 || layout.frames() != 1) throw new SeriesException(f.path() + ": a volume needs single-frame greyscale slices");
            double slope = f.dataSet().doubleValue(Tag.RescaleSlope, 1);
            double intercept = f.dataSet().doubleValue(Tag.RescaleIntercept, 0);
            PixelDecoder.decodeRescaled(f, slope, intercept, voxels, k * rows * cols);
        }
        List<DicomFile> inOrder = order.stream().map(files::get).toList();
        return series(uid, inOrder, inOrder.get(0).dataSet(), first.doubleValue(Tag.SliceThickness, Double.NaN), ps, iop, sorted, spacing, cols, rows, voxels);
    }

    /**
     * A multi-frame file (Enhanced or Legacy Converted Enhanced MR/CT): the frames' geometry and rescale from the functional
     * groups; one volume a file — a file whose frames form several stacks or temporal positions (a dynamic series in one
     * object) is refused, naming them, since each phase is identified and stored as a series of its own.
     */
    private static DicomSeries assembleFrames(String uid, DicomFile f) {
        PixelDecoder.Layout layout = PixelDecoder.layout(f);
        if (layout.samples() != 1) throw new SeriesException(f.path() + ": a volume needs greyscale frames, this file has " + layout.samples() + " samples a pixel");
        List<FunctionalGroups.Frame> frames = FunctionalGroups.frames(f);
        List<String> volumes = FunctionalGroups.volumes(frames).stream().distinct().toList();
        if (volumes.size() > 1) {
            throw new SeriesException("series " + uid + ": " + f.path() + " holds " + volumes.size() + " volumes in one file (" + String.join("; ", volumes)
                    + "): LiverCast reads one volume a series — export each phase or stack as a series of its own");
        }
        FunctionalGroups.Frame first = frames.get(0);
        double[] iop = first.orientation();
        double[] normal = ImageVolume.cross(new double[] {iop[0], iop[1], iop[2]}, new double[] {iop[3], iop[4], iop[5]});
        List<Slice> slices = new ArrayList<>();
        for (FunctionalGroups.Frame fr : frames) {
            String name = f.path() + " frame " + (fr.index() + 1);
            if (!close(fr.orientation(), iop, 1e-4)) {
                throw new SeriesException("series " + uid + ": mixed orientations: " + name + " is " + java.util.Arrays.toString(fr.orientation())
                        + " but frame 1 is " + java.util.Arrays.toString(iop));
            }
            if (!close(fr.pixelSpacing(), first.pixelSpacing(), 1e-6)) {
                throw new SeriesException("series " + uid + ": mixed pixel spacing: " + name + " is " + java.util.Arrays.toString(fr.pixelSpacing())
                        + " but frame 1 is " + java.util.Arrays.toString(first.pixelSpacing()));
            }
            slices.add(new Slice(name, fr.position(), ImageVolume.dot(fr.position(), normal)));
        }
        List<Integer> order = sortedOrder(slices);
        List<Slice> sorted = order.stream().map(slices::get).toList();
        double spacing = checkSpacing(uid, sorted);
        int[] frameOrder = new int[order.size()];
        double[] slopes = new double[order.size()];
        double[] intercepts = new double[order.size()];
        for (int k = 0; k < order.size(); k++) {
            FunctionalGroups.Frame fr = frames.get(order.get(k));
            frameOrder[k] = fr.index();
            slopes[k] = fr.slope();
            intercepts[k] = fr.intercept();
        }
        float[] voxels = new float[layout.rows() * layout.columns() * frames.size()];
        PixelDecoder.decodeRescaledFrames(f, frameOrder, slopes, intercepts, voxels, 0);
        return series(uid, List.of(f), FunctionalGroups.flattened(f.dataSet()), first.sliceThickness(), first.pixelSpacing(), iop, sorted, spacing,
                layout.columns(), layout.rows(), voxels);
    }

    /** Indices of the slices sorted along the slice normal. */
    private static List<Integer> sortedOrder(List<Slice> slices) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble(i -> slices.get(i).distance()));
        return order;
    }

    private static DicomSeries series(String uid, List<DicomFile> files, DicomObject attributes, double thickness, double[] ps, double[] iop,
                                      List<Slice> sorted, double spacing, int cols, int rows, float[] voxels) {
        List<String> warnings = new ArrayList<>();
        if (!Double.isNaN(thickness) && sorted.size() > 1 && Math.abs(thickness - spacing) > 0.01 * spacing) {
            warnings.add("slice thickness " + thickness + " mm differs from the spacing " + spacing + " mm (gaps or overlap)");
        }
        double zSpacing = sorted.size() > 1 ? spacing : (Double.isNaN(thickness) ? 1 : thickness);
        double[] row = {iop[0], iop[1], iop[2]};
        double[] col = {iop[3], iop[4], iop[5]};
        ImageVolume volume = new ImageVolume(cols, rows, sorted.size(), new double[] {ps[1], ps[0], zSpacing},
                sorted.get(0).position().clone(), row, col, ImageVolume.cross(row, col), voxels);
        return new DicomSeries(uid, files, attributes, volume, zSpacing, List.copyOf(warnings));
    }

    /** Spacing from positions: (last − first)/(n − 1), after checking for duplicates, gaps and unevenness. */
    private static double checkSpacing(String uid, List<Slice> s) {
        int n = s.size();
        if (n < 2) return Double.NaN;
        double mean = (s.get(n - 1).distance() - s.get(0).distance()) / (n - 1);
        double[] gaps = new double[n - 1];
        for (int k = 1; k < n; k++) gaps[k - 1] = s.get(k).distance() - s.get(k - 1).distance();
        double[] sorted = gaps.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        for (int k = 0; k < gaps.length; k++) {
            if (gaps[k] < 1e-3 * Math.max(median, 1e-6)) {
                throw new SeriesException("series " + uid + ": duplicate slice position " + mm(s.get(k).distance()) + " mm in "
                        + s.get(k).name() + " and " + s.get(k + 1).name());
            }
            if (gaps[k] > 1.5 * median) {
                int missing = (int) Math.round(gaps[k] / median) - 1;
                throw new SeriesException("series " + uid + ": about " + missing + " missing slice(s) between " + s.get(k).name()
                        + " and " + s.get(k + 1).name() + " (gap " + mm(gaps[k]) + " mm, spacing " + mm(median) + " mm)");
            }
            if (Math.abs(gaps[k] - median) > SPACING_TOLERANCE * median) {
                throw new SeriesException("series " + uid + ": inconsistent slice spacing: " + mm(gaps[k]) + " mm between "
                        + s.get(k).name() + " and " + s.get(k + 1).name() + " where the series has " + mm(median) + " mm");
            }
        }
        return mean;
    }

    private static boolean close(double[] a, double[] b, double tol) {
        for (int i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > tol) return false;
        return true;
    }

    /** A slice (a file, or a frame of one) by its name in messages, its position and its distance along the normal. */
    private record Slice(String name, double[] position, double distance) {}
}
