package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.imaging.dicom.DicomElement;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.write.Part10Writer;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.study.db.Database;

/**
 * A broken export — truncated DICOM, a corrupt slide, a malformed CSV row, an events row for a patient the patients
 * table lacks, an image with burned-in annotation — rejects exactly those patients, with the file and reason, and
 * leaves every other patient (and everything already stored) as it was.
 */
class BrokenExportTest {
    @Test
    void brokenPatientsAreRejectedWithReasonsAndNothingElseIsAffected(@TempDir Path tmp) throws IOException {
        Path export = Fixtures.copyOfExport(tmp.resolve("export"));
        Path home = tmp.resolve("home");
        Database db = Fixtures.freshSchema();
        IngestReport clean = Fixtures.ingest(db, export, home);
        assertThat(clean.patientsAdded()).isEqualTo(Fixtures.PATIENTS);
        Map<String, String> before = Fixtures.snapshot(db);

        List<String> ids = clean.patients().stream().map(PatientOutcome::hospitalNumber).toList();
        String truncated = ids.get(0);
        String corruptSlide = ids.get(1);
        String badRow = ids.get(2);
        String burnedIn = ids.get(3);
        Path dicom = firstDicom(export.resolve("imaging").resolve(truncated));
        byte[] b = Files.readAllBytes(dicom);
        Files.write(dicom, java.util.Arrays.copyOf(b, b.length * 6 / 10));
        Path slide = export.resolve("slides").resolve(corruptSlide + "-HE1.svs");
        byte[] s = Files.readAllBytes(slide);
        Files.write(slide, java.util.Arrays.copyOf(s, s.length / 3));
        Path patients = export.resolve("clinical/patients.csv");
        String csv = Files.readString(patients);
        String row = csv.lines().filter(l -> l.startsWith(badRow + ",")).findFirst().orElseThrow();
        Files.writeString(patients, csv.replace(row, row.replaceFirst(",(male|female),", ",maybe,")));
        Files.writeString(export.resolve("clinical/events.csv"), "C0999999999,2024-01-01,imaging,,,,,,,,no evidence of disease\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        markBurnedIn(firstDicom(export.resolve("imaging").resolve(burnedIn)));

        IngestReport broken = Fixtures.ingest(db, export, home);
        assertThat(reasons(broken, truncated)).anyMatch(r -> r.contains("truncated DICOM") && r.contains("imaging/" + truncated));
        assertThat(reasons(broken, corruptSlide)).anyMatch(r -> r.contains("slides/" + corruptSlide + "-HE1.svs") && r.contains("unreadable slide"));
        assertThat(reasons(broken, badRow)).anyMatch(r -> r.contains("patients.csv") && r.contains("sex") && r.contains("maybe"));
        assertThat(reasons(broken, burnedIn)).anyMatch(r -> r.contains("burned-in annotation") && r.contains("(0028,0301)"));
        assertThat(reasons(broken, "C0999999999")).anyMatch(r -> r.contains("events.csv") && r.contains("no such patient"));
        assertThat(broken.patientsRejected()).isEqualTo(5);
        assertThat(broken.patientsUnchanged()).isEqualTo(Fixtures.PATIENTS - 4);
        // Everything stored before is exactly as it was: the rejected patients keep their earlier, good data.
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);

        // Into an empty store the same export stores exactly the intact patients.
        Database empty = Fixtures.freshSchema();
        IngestReport fresh = Fixtures.ingest(empty, export, tmp.resolve("home2"));
        assertThat(fresh.patientsAdded()).isEqualTo(Fixtures.PATIENTS - 4);
        assertThat(fresh.patientsRejected()).isEqualTo(5);
        int stored = empty.jdbi().withHandle(h -> h.createQuery("select count(*) from patient").mapTo(Integer.class).one());
        assertThat(stored).isEqualTo(Fixtures.PATIENTS - 4);
        assertThat(Files.readString(tmp.resolve("home2").resolve("reports").toFile().listFiles()[0].toPath().resolve("ingest-report.html")))
                .contains("truncated DICOM").contains("unreadable slide").contains("maybe");
    }

    @Test
    void anUnreadableTableStoresNobody(@TempDir Path tmp) throws IOException {
        Path export = Fixtures.copyOfExport(tmp.resolve("export"));
        Files.writeString(export.resolve("clinical/patients.csv"), Files.readString(export.resolve("clinical/patients.csv"))
                .replaceFirst("\n", "\n\"unterminated,\n"));
        Database db = Fixtures.freshSchema();
        IngestReport r = Fixtures.ingest(db, export, tmp.resolve("home"));
        assertThat(r.patientsAdded()).isZero();
        assertThat(r.exportProblems()).isNotEmpty().allSatisfy(p -> assertThat(p).contains("patients.csv"));
        int stored = db.jdbi().withHandle(h -> h.createQuery("select count(*) from patient").mapTo(Integer.class).one());
        assertThat(stored).isZero();
    }

    private static List<String> reasons(IngestReport r, String hospitalNumber) {
        PatientOutcome p = r.patients().stream().filter(x -> x.hospitalNumber().equals(hospitalNumber)).findFirst().orElseThrow(
                () -> new AssertionError(hospitalNumber + " not in the report"));
        assertThat(p.status()).as(hospitalNumber).isEqualTo(PatientOutcome.Status.REJECTED);
        return p.reasons().stream().map(Object::toString).toList();
    }

    private static Path firstDicom(Path patientDir) throws IOException {
        try (Stream<Path> s = Files.walk(patientDir)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().findFirst().orElseThrow();
        }
    }

    /** Rewrites a file with Burned In Annotation = YES, as a scanner that prints text into the pixels would. */
    private static void markBurnedIn(Path file) throws IOException {
        DicomFile d = DicomReader.read(file);
        List<DicomElement> elements = new ArrayList<>(d.dataSet().elements());
        elements.add(new DicomElement(0x00280301, "CS", "YES ".getBytes(StandardCharsets.US_ASCII), false, null, null));
        Files.write(file, Part10Writer.write(DicomObject.of(elements), d.string(Tag.SOPClassUID), d.string(Tag.SOPInstanceUID), d.transferSyntaxUid()));
    }
}
