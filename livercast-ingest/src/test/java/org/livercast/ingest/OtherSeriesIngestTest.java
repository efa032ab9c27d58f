package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.series.DicomSeries;
import org.livercast.imaging.series.ImageVolume;
import org.livercast.imaging.series.SeriesAssembler;
import org.livercast.imaging.write.DataSetWriter;
import org.livercast.imaging.write.MrSeriesWriter;
import org.livercast.imaging.write.Part10Writer;
import org.livercast.imaging.write.SeriesMetadata;
import org.livercast.imaging.write.Uids;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.study.db.Database;

/**
 * An exam as a scanner exports it, with more than the phases — a three-plane localizer and a key object selection
 * without pixels: the patient is accepted with the phases, each other series named in a warning with why, every file
 * stored de-identified (nothing the centre sent is lost).
 */
class OtherSeriesIngestTest {
    @Test
    void aLocalizerAndAKeyObjectAreNamedNotFatal(@TempDir Path tmp) throws Exception {
        Path export = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export")));
        Path exam;
        try (Stream<Path> s = Files.list(export.resolve("imaging"))) {
            exam = s.filter(Files::isDirectory).sorted().findFirst().orElseThrow();
        }
        DicomSeries arterial = SeriesAssembler.readDirectory(phaseDir(exam, "arterial")).get(0);
        SeriesMetadata.Builder same = SeriesMetadata.builder()
                .patient(arterial.attribute(Tag.PatientName), arterial.attribute(Tag.PatientID), null, arterial.attribute(Tag.PatientSex))
                .study(arterial.studyInstanceUid(), java.time.LocalDate.parse(arterial.attribute(Tag.StudyDate), java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
                        java.time.LocalTime.of(9, 0), "MR LIVER")
                .frameOfReference(arterial.frameOfReferenceUid());
        String localizer = Uids.fromName(exam + "/localizer");
        double[][][] planes = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, {{1, 0, 0}, {0, 0, -1}, {0, 1, 0}}, {{0, 1, 0}, {0, 0, -1}, {1, 0, 0}}};
        for (int p = 0; p < 3; p++) {
            ImageVolume slice = new ImageVolume(16, 16, 1, new double[] {10, 10, 8}, new double[] {-80, -80, 0}, planes[p][0], planes[p][1], planes[p][2],
                    new float[16 * 16]);
            MrSeriesWriter.write(slice, same.series(localizer, 99, "3-plane loc").uidSeed("loc" + p).build(), exam.resolve("00_localizer_" + p));
        }
        String ko = Uids.fromName(exam + "/ko");
        Files.write(exam.resolve("key_object.dcm"), Part10Writer.wrap("1.2.840.10008.5.1.4.1.1.88.59", ko, new DataSetWriter()
                .text(Tag.SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.88.59").text(Tag.SOPInstanceUID, "UI", ko)
                .text(Tag.PatientName, "PN", arterial.attribute(Tag.PatientName)).text(Tag.PatientID, "LO", arterial.attribute(Tag.PatientID))
                .text(Tag.StudyInstanceUID, "UI", arterial.studyInstanceUid()).text(Tag.SeriesInstanceUID, "UI", Uids.fromName(ko + "/series"))
                .text(Tag.Modality, "CS", "KO").text(Tag.SeriesDescription, "LO", "Key images").toBytes()));

        Database db = Fixtures.freshSchema();
        IngestReport report = Fixtures.ingest(db, export, tmp.resolve("home"));
        assertThat(report.patientsRejected()).as(report.patients().toString()).isZero();
        PatientOutcome patient = report.patients().stream().filter(p -> p.hospitalNumber().equals(exam.getFileName().toString())).findFirst().orElseThrow();
        assertThat(patient.summary().phasesFound()).contains("non_contrast", "arterial", "portal_venous", "delayed");
        List<String> warnings = patient.warnings().stream().map(Object::toString).toList();
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("00_localizer_").contains("series '3-plane loc' (3 files) is not a volume")
                .contains("mixed orientations"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("key_object.dcm").contains("series 'Key images' (1 file) is not a volume")
                .contains("no pixel data (Modality KO"));
        int stored = db.jdbi().withHandle(h -> h.createQuery("select count(*) from stored_file f join patient p on p.pk = f.patient_pk"
                + " where p.patient_id = :p and f.kind = 'dicom' and f.phase is null").bind("p", patient.pseudonym()).mapTo(Integer.class).one());
        assertThat(stored).as("the localizer's three files and the key object, stored de-identified").isEqualTo(4);
    }

    private static Path phaseDir(Path exam, String phase) throws Exception {
        try (Stream<Path> s = Files.list(exam)) {
            return s.filter(p -> p.getFileName().toString().endsWith("_" + phase)).findFirst().orElseThrow();
        }
    }
}
