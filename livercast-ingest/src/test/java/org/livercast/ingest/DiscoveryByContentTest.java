package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.study.db.Database;

/** Files are recognised by what they contain: renamed DICOM, slides and reports are ingested all the same. */
class DiscoveryByContentTest {
    @Test
    void renamedFilesAreFoundByTheirContent(@TempDir Path tmp) throws IOException {
        Path export = Fixtures.copyOfExport(tmp.resolve("export"));
        Path patients = export.resolve("imaging");
        String hn;
        try (Stream<Path> s = Files.list(patients)) {
            hn = s.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
        int renamed = 0;
        try (Stream<Path> s = Files.walk(patients.resolve(hn))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".dcm")).toList()) {
                Files.move(f, f.resolveSibling("IMG" + renamed++));                     // no extension, as many PACS exports
            }
        }
        Files.move(export.resolve("slides").resolve(hn + "-HE1.svs"), export.resolve("slides").resolve(hn + "-HE1.bin"));
        Files.move(export.resolve("reports").resolve(hn + "_pathology.txt"), export.resolve("reports").resolve("scan-0001.dat"));
        Database db = Fixtures.freshSchema();
        IngestReport r = Fixtures.ingest(db, export, tmp.resolve("home"));
        PatientOutcome p = r.patients().stream().filter(x -> x.hospitalNumber().equals(hn)).findFirst().orElseThrow();
        assertThat(p.status()).as(p.reasons().toString()).isEqualTo(PatientOutcome.Status.ADDED);
        assertThat(p.summary().dicomFiles()).isEqualTo(renamed);
        assertThat(p.summary().slides()).hasSize(1);
        assertThat(p.summary().reports()).isEqualTo(2);
        List<String> kinds = db.jdbi().withHandle(h -> h.createQuery("select f.kind from stored_file f join patient pa on pa.pk = f.patient_pk"
                + " where pa.patient_id = :p").bind("p", p.pseudonym()).mapTo(String.class).list());
        assertThat(kinds).contains("slide", "pathology_report", "radiology_report", "dicom");
    }

    /**
     * A slide in a format that is not read (a KFB) is reported by name and vendor, with what to send instead; a MIRAX
     * slide's .mrxs without the folder holding its images, and a folder without its .mrxs, are named as such.
     */
    @Test
    void slidesInFormatsNotReadAreNamedWithTheirVendor(@TempDir Path tmp) throws IOException {
        Path export = Fixtures.copyOfExport(tmp.resolve("export"));
        Files.write(export.resolve("slides").resolve("C0000000001-HE2.mrxs"), new byte[] {0, 1, 2, 3});
        Files.write(export.resolve("slides").resolve("C0000000001-HE3.kfb"), new byte[] {'K', 'F', 'B', 0});
        // A MIRAX slide's folder without its .mrxs: its files are named as such (the data file is not read whole).
        Path orphan = Files.createDirectories(export.resolve("slides").resolve("C0000000001-HE4"));
        Files.writeString(orphan.resolve("Slidedat.ini"), "[GENERAL]\r\nSLIDE_ID = 0\r\n");
        Files.write(orphan.resolve("Data0000.dat"), new byte[1 << 20]);
        IngestReport r = Fixtures.ingest(Fixtures.freshSchema(), export, tmp.resolve("home"));
        assertThat(r.unlinkedFiles()).anySatisfy(f -> assertThat(f.file() + " " + f.reason()).contains("C0000000001-HE2.mrxs")
                .contains("a 3DHISTECH MIRAX slide without its folder C0000000001-HE2/").contains("send the .mrxs file with the folder"));
        assertThat(r.unlinkedFiles()).anySatisfy(f -> assertThat(f.file() + " " + f.reason()).contains("C0000000001-HE4/Data0000.dat")
                .contains("part of a 3DHISTECH MIRAX slide whose C0000000001-HE4.mrxs is missing"));
        assertThat(r.unlinkedFiles()).anySatisfy(f -> assertThat(f.file() + " " + f.reason()).contains("KFBio KFB").contains("Trestle and DICOM whole-slide images"));
    }
}
