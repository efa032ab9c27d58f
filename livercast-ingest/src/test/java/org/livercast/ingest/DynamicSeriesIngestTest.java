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
import org.livercast.imaging.write.MrSeriesWriter;
import org.livercast.imaging.write.SeriesMetadata;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.store.ContentStore;
import org.livercast.study.db.Database;

/**
 * A centre whose scanner writes the pre-contrast and dynamic phases as one series — one Enhanced MR file (Philips) or
 * one classic series told apart by Temporal Position Identifier (GE): ingest stores each phase's files de-identified
 * with that phase, identified by its timing, with the voxels a series a phase of the same exam gives.
 */
class DynamicSeriesIngestTest {
    static final List<String> DYNAMIC = List.of("non_contrast", "arterial", "portal_venous", "delayed");
    static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    /** Philips: the four phases as temporal positions of one Enhanced MR file. */
    @Test
    void aDynamicSeriesInOneFileIsStoredAsOneFileAPhase(@TempDir Path tmp) throws Exception {
        Dynamic d = Dynamic.of(Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export"))));
        EnhancedMrWriter.writeDynamic(d.volumes(), d.times(), d.meta().build(), d.exam().resolve("dynamic").resolve("IM0001"));
        Ingested in = Ingested.of(d, tmp);
        assertThat(in.report().deidActions()).containsEntry("DICOM multi-frame file split into its 4 volumes", 1);
        for (String phase : DYNAMIC) {
            List<DicomFile> stored = in.stored(phase);
            assertThat(stored).as(phase).hasSize(1);
            assertThat(stored.get(0).string(Tag.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.4.1");
            assertThat(stored.get(0).dataSet().intValue(Tag.NumberOfFrames, 0)).isEqualTo(d.classic().get(phase).volume().nz());
            assertThat(SeriesAssembler.assembleAll(stored).get(0).volume().voxels()).as(phase).isEqualTo(d.classic().get(phase).volume().voxels());
        }
    }

    /** GE: the four phases as one classic series, every position once a phase, Temporal Position Identifier saying which. */
    @Test
    void aMultiPhaseSeriesIsStoredWithEachFilesPhase(@TempDir Path tmp) throws Exception {
        Dynamic d = Dynamic.of(Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export"))));
        for (int t = 0; t < d.volumes().size(); t++) {
            MrSeriesWriter.write(d.volumes().get(t), d.meta().acquisitionTime(d.times().get(t)).temporalPosition(t + 1, d.volumes().size()).build(),
                    d.exam().resolve("dynamic"));
        }
        Ingested in = Ingested.of(d, tmp);
        for (String phase : DYNAMIC) {
            List<DicomFile> stored = in.stored(phase);
            assertThat(stored).as(phase).hasSize(d.classic().get(phase).volume().nz());
            assertThat(SeriesAssembler.assembleAll(stored).get(0).volume().voxels()).as(phase).isEqualTo(d.classic().get(phase).volume().voxels());
        }
    }

    /** An exam of the cohort's first centre with its four dynamic phases taken out, to be written back as a vendor would. */
    private record Dynamic(Path export, Path exam, Map<String, DicomSeries> classic, List<ImageVolume> volumes, List<LocalTime> times,
                           SeriesMetadata.Builder meta) {
        static Dynamic of(Path export) throws Exception {
            Path exam;
            try (Stream<Path> s = Files.list(export.resolve("imaging"))) {
                exam = s.filter(Files::isDirectory).sorted().findFirst().orElseThrow();
            }
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
            SeriesMetadata.Builder m = SeriesMetadata.builder()
                    .patient(arterial.attribute(Tag.PatientName), arterial.attribute(Tag.PatientID), birth == null ? null : LocalDate.parse(birth, DA),
                            arterial.attribute(Tag.PatientSex))
                    .study(arterial.studyInstanceUid(), LocalDate.parse(arterial.attribute(Tag.StudyDate), DA), time(arterial.attribute(Tag.StudyTime)), "MR LIVER")
                    .frameOfReference(arterial.frameOfReferenceUid()).series(null, 1, "DYN T1")
                    .contrast(arterial.attribute(Tag.ContrastBolusAgent), time(arterial.attribute(Tag.ContrastBolusStartTime)))
                    .acquisitionTime(times.get(0)).uidSeed("dynamic");
            return new Dynamic(export, exam, classic, volumes, times, m);
        }
    }

    /** The export ingested: the patient accepted with the four phases, and what the store holds for each. */
    private record Ingested(IngestReport report, Database db, ContentStore store, String pseudonym) {
        static Ingested of(Dynamic d, Path tmp) throws Exception {
            Database db = Fixtures.freshSchema();
            Path home = tmp.resolve("home");
            IngestReport report = Fixtures.ingest(db, d.export(), home);
            assertThat(report.patientsRejected()).as(report.patients().toString()).isZero();
            org.livercast.ingest.report.PatientOutcome patient = report.patients().stream()
                    .filter(p -> p.hospitalNumber().equals(d.exam().getFileName().toString())).findFirst().orElseThrow();
            assertThat(patient.summary().phasesFound()).containsAll(DYNAMIC);
            return new Ingested(report, db, new ContentStore(home.resolve("store")), patient.pseudonym());
        }

        /** The stored DICOM files of one phase, de-identified (the pseudonym in place of the patient). */
        List<DicomFile> stored(String phase) throws Exception {
            List<String> shas = db.jdbi().withHandle(h -> h.createQuery("select f.sha256 from stored_file f join patient p on p.pk = f.patient_pk"
                    + " where p.patient_id = :p and f.kind = 'dicom' and f.phase = :phase").bind("p", pseudonym).bind("phase", phase).mapTo(String.class).list());
            List<DicomFile> out = new ArrayList<>();
            for (String sha : shas) {
                DicomFile f = DicomReader.read(store.pathOf(sha));
                assertThat(f.string(Tag.PatientID)).isEqualTo(pseudonym);
                out.add(f);
            }
            return out;
        }
    }

    private static LocalTime time(String tm) {
        return LocalTime.parse(tm.length() > 6 ? tm : tm + ".000", DateTimeFormatter.ofPattern("HHmmss[.SSS]"));
    }
}
