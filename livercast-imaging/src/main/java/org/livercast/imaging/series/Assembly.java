package org.livercast.imaging.series;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.Tag;

/**
 * What a set of files gave, series by series: the volumes, and each series that is none, with why — a real export holds
 * more than the phases: a three-plane localizer (its slices in three orientations), a dose report or key object without
 * pixels, a series with a slice lost in transfer, a file cut short. Those are reported, the rest still used (where
 * {@link SeriesAssembler#assembleAll} stops at the first).
 */
public record Assembly(List<DicomSeries> series, List<Unusable> unusable) {
    /** A series that is not a volume: its UID, description, first file, how many files, and why. */
    public record Unusable(String seriesInstanceUid, String description, String firstFile, int files, String reason) {}

    /** Every DICOM image file under {@code dir} (found by content), series by series. */
    public static Assembly ofDirectory(Path dir) throws IOException {
        SeriesAssembler.Scan scan = SeriesAssembler.scan(dir);
        Assembly a = of(scan.images());
        if (scan.wholeSlides().isEmpty() && scan.unreadable().isEmpty()) return a;
        List<Unusable> unusable = new ArrayList<>(a.unusable());
        // A file that cannot be read is named with why; which series it belonged to its own header would have said, so that
        // series is assembled without it (and, missing a slice, named as no volume too).
        for (org.livercast.imaging.dicom.DicomFileException e : scan.unreadable()) {
            String why = e.getMessage().startsWith(e.file() + ": ") ? e.getMessage().substring(e.file().length() + 2) : e.getMessage();
            unusable.add(new Unusable(null, null, e.file(), 1, "not readable as DICOM: " + why));
        }
        // Whole-slide images are named, one line a slide series, with their frames left unread.
        Map<String, List<DicomFile>> bySeries = new LinkedHashMap<>();
        for (DicomFile f : scan.wholeSlides()) bySeries.computeIfAbsent(String.valueOf(f.string(Tag.SeriesInstanceUID)), k -> new ArrayList<>()).add(f);
        for (List<DicomFile> slide : bySeries.values()) {
            DicomFile first = slide.get(0);
            unusable.add(new Unusable(first.string(Tag.SeriesInstanceUID), first.string(Tag.SeriesDescription), first.path(), slide.size(),
                    "a whole-slide microscopy image (VL Whole Slide Microscopy, Modality " + first.string(Tag.Modality)
                            + "): a pathology slide, not a volume; read it with `livercast slide info`"));
        }
        return new Assembly(a.series(), List.copyOf(unusable));
    }

    /** Each series of the files on its own (as {@link SeriesAssembler#assembleAll}, but a series that fails is reported here). */
    public static Assembly of(List<DicomFile> files) {
        Map<String, List<DicomFile>> bySeries = new LinkedHashMap<>();
        List<DicomSeries> series = new ArrayList<>();
        List<Unusable> unusable = new ArrayList<>();
        for (DicomFile original : files) {
            List<DicomFile> parts;
            try {
                parts = VolumeSplit.split(original).stream().map(VolumeSplit.Part::file).toList();
            } catch (RuntimeException e) {
                unusable.add(new Unusable(original.string(Tag.SeriesInstanceUID), original.string(Tag.SeriesDescription), original.path(), 1,
                        e.getMessage()));
                continue;
            }
            for (DicomFile f : parts) bySeries.computeIfAbsent(String.valueOf(f.string(Tag.SeriesInstanceUID)), k -> new ArrayList<>()).add(f);
        }
        for (var e : bySeries.entrySet()) {
            DicomFile first = e.getValue().get(0);
            String reason = null;
            if (!first.dataSet().contains(Tag.PixelData)) {
                reason = "no pixel data (Modality " + first.string(Tag.Modality) + ": a report, presentation state or key object, not an image)";
            } else if (first.string(Tag.SeriesInstanceUID) == null) {
                reason = "no Series Instance UID";
            } else {
                try {
                    series.addAll(SeriesAssembler.assembleParts(e.getKey(), e.getValue()));
                } catch (RuntimeException ex) {                        // SeriesException, DicomFileException, a malformed number
                    reason = ex.getMessage();
                }
            }
            if (reason != null) {
                unusable.add(new Unusable(first.string(Tag.SeriesInstanceUID), first.string(Tag.SeriesDescription), first.path(),
                        e.getValue().size(), reason));
            }
        }
        return new Assembly(List.copyOf(series), List.copyOf(unusable));
    }
}
