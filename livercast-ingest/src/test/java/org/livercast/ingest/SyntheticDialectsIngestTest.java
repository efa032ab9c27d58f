package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.report.IngestReport;
import org.livercast.study.db.Database;
import org.livercast.synth.CohortGenerator;
import org.livercast.synth.ExportDialect;

/**
 * The synthetic cohort written by centre as hospitals' systems write it (what `livercast run` ingests): a Chinese system's
 * Excel 97-2003 workbook with its own column names and GB18030 reports, a European hospital's day-first semicolon
 * tables, a Taiwan hospital's Big5 reports in traditional characters, an EHR's FHIR Bulk Data export instead of the
 * tables — each centre's export is stored as the same
 * cohort written as the template is: the same patients, rows and files, the reports' text aside (Taiwan's is kept in
 * traditional characters, the same text once simplified).
 */
class SyntheticDialectsIngestTest {
    @Test
    void eachCentreWrittenAsItsHospitalWritesIsStoredAsTheTemplatesExport(@TempDir Path tmp) throws Exception {
        LocalDate cutoff = LocalDate.of(2026, 6, 30);
        Path template = tmp.resolve("template");
        Path hospitals = tmp.resolve("hospitals");
        CohortGenerator.generate(new CohortGenerator.Options(20, 5, 5, template, cutoff, false, false, 2), s -> { });
        CohortGenerator.generate(new CohortGenerator.Options(20, 5, 5, hospitals, cutoff, false, false, 2).withExportDialect(ExportDialect.BY_CENTRE), s -> { });
        assertThat(hospitals.resolve("centre-01/clinical/export.xls")).exists();
        assertThat(hospitals.resolve("centre-01/clinical/patients.csv")).doesNotExist();
        assertThat(Files.readString(hospitals.resolve("centre-02/clinical/patients.csv"))).contains(";").containsPattern("\\d{2}/\\d{2}/\\d{4}");
        assertThat(hospitals.resolve("centre-05/clinical/Patient.ndjson")).exists();
        assertThat(hospitals.resolve("centre-05/clinical/patients.csv")).doesNotExist();
        for (String centre : List.of("01", "02", "03", "04", "05")) {
            Path home = tmp.resolve("home-" + centre);
            Database a = Fixtures.freshSchema();
            Database b = Fixtures.freshSchema();
            IngestReport ra = ingest(a, "C" + centre, template.resolve("centre-" + centre), home);
            IngestReport rb = ingest(b, "C" + centre, hospitals.resolve("centre-" + centre), home);
            assertThat(rb.exportProblems()).as(centre).isEmpty();
            assertThat(rb.patientsAdded()).as(centre + ": " + rb.patients()).isEqualTo(ra.patientsAdded()).isPositive();
            assertThat(rb.patientsRejected()).as(centre).isEqualTo(ra.patientsRejected());
            Fixtures.assertSameStoreButReportText(new Fixtures.Twins(a, ra, b, rb));
            for (String kind : List.of("pathology", "radiology")) {
                Map<String, String> original = Fixtures.reportBodies(a, kind);
                Map<String, String> variant = Fixtures.reportBodies(b, kind);
                assertThat(variant.keySet()).as(centre + " " + kind).isEqualTo(original.keySet()).isNotEmpty();
                variant.forEach((id, body) -> assertThat(org.livercast.core.io.ChineseScript.simplified(body).replace(" 公分", " cm"))
                        .as(centre + " " + id).isEqualTo(original.get(id)));
            }
        }
    }

    private static IngestReport ingest(Database db, String centre, Path export, Path home) throws java.io.IOException {
        return Ingest.run(new Ingest.Options(centre, export, home.resolve("store"), home.resolve("keys/" + centre + ".key"),
                home.resolve("reports/" + System.nanoTime()), 2, false), db.jdbi(), s -> { });
    }
}
