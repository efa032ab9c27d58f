package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.deid.PseudonymKey;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.store.IngestStore;
import org.livercast.ingest.store.ContentStore;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.study.db.Database;

/** A raw export full of identifiers goes in; nothing that identifies a patient comes out, in any stored byte. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeidentifiedStoreTest {
    Path home;
    Database db;
    IngestReport first;

    @BeforeAll
    void ingestOnce() throws IOException {
        home = org.livercast.core.io.Folders.deleteTreeOnExit(Files.createTempDirectory("ingest-home"));
        db = Fixtures.freshSchema();
        first = Fixtures.ingest(db, Fixtures.cohort().resolve("centre-01"), home);
    }

    @Test
    void everyPatientIsAcceptedWithItsFilesAndQc() {
        assertThat(first.patientsRejected()).as(first.patients().toString()).isZero();
        assertThat(first.patientsAdded()).isEqualTo(Fixtures.PATIENTS);
        first.patients().forEach(p -> {
            assertThat(p.summary().phasesFound()).contains("non_contrast", "arterial", "portal_venous", "delayed");
            assertThat(p.summary().slides()).hasSize(1);
            assertThat(p.summary().reports()).isEqualTo(2);
        });
        Map<String, Integer> kinds = db.jdbi().withHandle(h -> h.createQuery("select kind, count(*) from stored_file group by kind")
                .reduceRows(new LinkedHashMap<>(), (m, r) -> { m.put(r.getColumn("kind", String.class), r.getColumn("count", Integer.class)); return m; }));
        assertThat(kinds).containsEntry("slide", Fixtures.PATIENTS).containsEntry("pathology_report", Fixtures.PATIENTS)
                .containsEntry("radiology_report", Fixtures.PATIENTS).containsEntry("patients_table", Fixtures.PATIENTS)
                .containsEntry("mask", Fixtures.PATIENTS);
        assertThat(kinds.get("dicom")).isGreaterThanOrEqualTo(Fixtures.PATIENTS * 5 * 10);
        assertThat(first.deidActions()).containsKeys("DICOM UID remapped", "DICOM date shifted", "DICOM replaced by pseudonym",
                "slide associated image removed", "text name", "text phone", "text record number", "text date shifted");
    }

    @Test
    void noStoredByteCarriesAnIdentifier() throws IOException {
        List<String> needles = new ArrayList<>();
        List<String> inRaw = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.cohort().resolve("truth/identifiers.csv")).subList(1, Files.readAllLines(
                Fixtures.cohort().resolve("truth/identifiers.csv")).size())) {
            String[] f = line.split(",", 3);
            if (!f[0].startsWith("C01")) continue;
            needles.add(f[2]);
            if (!f[1].equals("name_pinyin_spaced")) inRaw.add(f[2]);     // the spaced name is only painted on the label
            if (f[1].equals("birth_date")) needles.add(f[2].replace("-", ""));
        }
        assertThat(needles).hasSizeGreaterThanOrEqualTo(Fixtures.PATIENTS * 6);
        List<byte[]> patterns = needles.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toList();
        // The raw export does carry them (else this scan would prove nothing).
        List<byte[]> raw = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Fixtures.cohort().resolve("centre-01"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) raw.add(Files.readAllBytes(p));
        }
        for (String needle : inRaw) {
            byte[] n = needle.getBytes(StandardCharsets.UTF_8);
            assertThat(raw.stream().anyMatch(b -> indexOf(b, n) >= 0)).as("raw export carries " + needle).isTrue();
        }
        int scanned = 0;
        try (Stream<Path> s = Files.walk(home.resolve("store"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(p);
                for (int i = 0; i < patterns.size(); i++) assertThat(indexOf(b, patterns.get(i))).as(needles.get(i) + " in " + p).isEqualTo(-1);
                scanned++;
            }
        }
        assertThat(scanned).isGreaterThan(Fixtures.PATIENTS * 50);
        String dump = String.join("\n", Fixtures.snapshot(db).values());
        for (String n : needles) assertThat(dump).as("database").doesNotContainIgnoringCase(n);
        // The original surgery and screening dates are gone too: every surgery now falls on the anchor day.
        List<String> surgery = db.jdbi().withHandle(h -> h.createQuery("select surgery_date::text from treatment").mapTo(String.class).list());
        assertThat(surgery).hasSize(Fixtures.PATIENTS).containsOnly("2000-01-01");
    }

    @Test
    void storedSlidesHaveNoLabelOrMacroAndStillOpen() throws Exception {
        List<String> slides = db.jdbi().withHandle(h -> h.createQuery("select sha256 from stored_file where kind = 'slide'").mapTo(String.class).list());
        ContentStore store = new ContentStore(home.resolve("store"));
        for (String sha : slides) {
            try (TiffSlide s = TiffSlide.open(store.verify(sha))) {
                assertThat(s.associatedImages()).doesNotContain("label", "macro");
                assertThat(s.properties().get("openslide.mpp-x")).isEqualTo("0.5");
                assertThat(s.readTile(0, 5, 5).width()).isEqualTo(256);
            }
        }
        assumeTrue(new File("/usr/bin/python3").canExecute());
        String script = "import sys\ntry:\n import openslide\nexcept ImportError:\n print('SKIP'); sys.exit(0)\n"
                + "for f in sys.argv[1:]:\n o = openslide.OpenSlide(f)\n print(sorted(o.associated_images.keys()), o.properties.get('openslide.vendor'))\n";
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        for (String sha : slides) cmd.add(store.pathOf(sha).toString());
        String out = run(cmd);
        assumeTrue(!out.startsWith("SKIP"), "python3-openslide not installed");
        assertThat(out.lines()).hasSize(slides.size()).allSatisfy(l -> assertThat(l).isEqualTo("['thumbnail'] aperio"));
    }

    @Test
    void storedDicomReadsCleanlyInPydicom() throws Exception {
        assumeTrue(new File("/usr/bin/python3").canExecute());
        List<String> files = db.jdbi().withHandle(h -> h.createQuery("select sha256 from stored_file where kind = 'dicom' order by sha256 limit 20")
                .mapTo(String.class).list());
        ContentStore store = new ContentStore(home.resolve("store"));
        String script = "import sys, warnings\ntry:\n import pydicom\nexcept ImportError:\n print('SKIP'); sys.exit(0)\n"
                + "warnings.simplefilter('error')\n"
                + "for f in sys.argv[1:]:\n d = pydicom.dcmread(f)\n _ = d.pixel_array\n"
                + " print(d.PatientIdentityRemoved, d.PatientID, d.StudyDate, len(d.DeidentificationMethodCodeSequence), 'PatientBirthDate' in d and d.PatientBirthDate == '')\n";
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        for (String sha : files) cmd.add(store.pathOf(sha).toString());
        String out = run(cmd);
        assumeTrue(!out.startsWith("SKIP"), "python3-pydicom not installed");
        assertThat(out.lines()).hasSize(files.size()).allSatisfy(l -> assertThat(l).matches("YES C01-[A-Z0-9]{10} 19\\d{6} 4 True"));
    }

    @Test
    void reingestingTheSameExportChangesNothing() throws IOException {
        Map<String, String> before = Fixtures.snapshot(db);
        List<String> filesBefore = Fixtures.storedFiles(home);
        IngestReport again = Fixtures.ingest(db, Fixtures.cohort().resolve("centre-01"), home);
        assertThat(again.patientsUnchanged()).isEqualTo(Fixtures.PATIENTS);
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
        assertThat(Fixtures.storedFiles(home)).isEqualTo(filesBefore);
    }

    @Test
    void theCentreCanReidentifyItsPatientsAndNoOtherKeyIsAccepted(@TempDir Path other) throws IOException {
        PseudonymKey key = PseudonymKey.load(home.resolve("keys/C01.key"));
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery("select patient_id from patient order by 1").mapTo(String.class).list());
        List<String> recomputed = first.patients().stream().map(p -> key.patientPseudonym("C01", p.hospitalNumber())).sorted().toList();
        assertThat(stored).isEqualTo(recomputed);
        PseudonymKey stranger = PseudonymKey.loadOrCreate(other.resolve("k"));
        assertThat(first.patients()).noneMatch(p -> stored.contains(stranger.patientPseudonym("C01", p.hospitalNumber())));
        assertThatThrownBy(() -> new IngestStore(db.jdbi(), new ContentStore(other)).checkKey("C01", stranger.fingerprint()))
                .hasMessageContaining("another pseudonym key");
        assertThat(Files.readString(home.resolve("keys/C01.key"))).doesNotContain(stored.get(0));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
