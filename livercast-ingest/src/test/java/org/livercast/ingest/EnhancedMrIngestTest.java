package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.series.DicomSeries;
import org.livercast.imaging.series.ImageVolume;
import org.livercast.imaging.series.SeriesAssembler;
import org.livercast.imaging.write.EnhancedMrWriter;
import org.livercast.imaging.write.SeriesMetadata;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.store.ContentStore;
import org.livercast.study.db.Database;

/**
 * A centre whose scanner exports the pre-contrast and dynamic phases as one Enhanced MR file (as Philips scanners do):
 * ingest stores one de-identified file a phase, each identified by its timing, with the voxels the centre's
 * file-a-slice series of the same exam give.
 */
class EnhancedMrIngestTest {
    static final List<String> DYNAMIC = List.of("non_contrast", "arterial", "portal_venous", "delayed");
    static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    @Test
    void aDynamicSeriesInOneFileIsStoredAsOneFileAPhase(@TempDir Path tmp) throws Exception {
        Path export = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export")));
        Path exam;
        try (Stream<Path> s = Files.list(export.resolve("imaging"))) {
            exam = s.filter(Files::isDirectory).sorted().findFirst().orElseThrow();
        }
        // The exam's four dynamic phases, as the classic series give them, rewritten as one dynamic Enhanced MR file.
        Map<String, DicomSeries> classic = new LinkedHashMap<>();
        for (String phase : DYNAMIC) {
            Path dir;
            try (Stream<Path> s = Files.list(exam)) {
                dir = s.filter(p -> p.getFileName().toString().endsWith("_" + phase)).findFirst().orElseThrow();
            }
            classic.put(phase, SeriesAssembler.readDirectory(dir).get(0));
            org.livercast.core.io.Folders.deleteTreeQuietly(dir);
        }
        DicomSeries arterial = classic.get("arterial");
        List<ImageVolume> volumes = new ArrayList<>();
        List<LocalTime> times = new ArrayList<>();
        for (DicomSeries s : classic.values()) {
            volumes.add(s.volume());
            times.add(time(s.attribute(Tag.AcquisitionTime)));
        }
        String birth = arterial.attribute(Tag.PatientBirthDate);
        SeriesMetadata m = SeriesMetadata.builder()
                .patient(arterial.attribute(Tag.PatientName), arterial.attribute(Tag.PatientID), birth == null ? null : LocalDate.parse(birth, DA),
                        arterial.attribute(Tag.PatientSex))
                .study(arterial.studyInstanceUid(), LocalDate.parse(arterial.attribute(Tag.StudyDate), DA), time(arterial.attribute(Tag.StudyTime)), "MR LIVER")
                .frameOfReference(arterial.frameOfReferenceUid()).series(null, 1, "DYN eTHRIVE")
                .contrast(arterial.attribute(Tag.ContrastBolusAgent), time(arterial.attribute(Tag.ContrastBolusStartTime)))
                .acquisitionTime(times.get(0)).uidSeed("dynamic").build();
        EnhancedMrWriter.writeDynamic(volumes, times, m, exam.resolve("dynamic").resolve("IM0001"));

        Database db = Fixtures.freshSchema();
        Path home = tmp.resolve("home");
        IngestReport report = Fixtures.ingest(db, export, home);
        assertThat(report.patientsRejected()).as(report.patients().toString()).isZero();
        assertThat(report.deidActions()).containsEntry("DICOM multi-frame file split into its 4 volumes", 1);
        org.livercast.ingest.report.PatientOutcome patient = report.patients().stream().filter(p -> p.hospitalNumber().equals(exam.getFileName().toString()))
                .findFirst().orElseThrow();
        assertThat(patient.summary().phasesFound()).containsAll(DYNAMIC);

        // One stored file a phase, each a single-volume Enhanced MR object with that phase's voxels.
        List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery("select f.sha256, f.phase from stored_file f join patient p on p.pk = f.patient_pk"
                + " where p.patient_id = :p and f.kind = 'dicom' and f.phase in (<phases>)").bind("p", patient.pseudonym()).bindList("phases", DYNAMIC)
                .mapToMap().list());
        assertThat(rows).hasSize(4);
        ContentStore store = new ContentStore(home.resolve("store"));
        for (Map<String, Object> row : rows) {
            String phase = (String) row.get("phase");
            DicomFile stored = DicomReader.read(store.pathOf((String) row.get("sha256")));
            assertThat(stored.string(Tag.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.4.1");
            assertThat(stored.dataSet().intValue(Tag.NumberOfFrames, 0)).isEqualTo(classic.get(phase).volume().nz());
            assertThat(stored.string(Tag.PatientID)).isEqualTo(patient.pseudonym());
            assertThat(SeriesAssembler.assembleAll(List.of(stored)).get(0).volume().voxels()).as(phase)
                    .isEqualTo(classic.get(phase).volume().voxels());
        }
    }

    private static LocalTime time(String tm) {
        return LocalTime.parse(tm.length() > 6 ? tm : tm + ".000", DateTimeFormatter.ofPattern("HHmmss[.SSS]"));
    }
}
