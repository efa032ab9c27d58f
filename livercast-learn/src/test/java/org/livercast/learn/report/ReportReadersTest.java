package org.livercast.learn.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.livercast.core.model.Diagnosis;
import org.livercast.core.model.MviGrade;
import org.livercast.core.model.Pathology;
import org.livercast.core.model.ResectionMargin;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;

class ReportReadersTest {
    @Test
    void pathologyReportsInBothLanguagesGiveTheRecordedPathology() throws IOException {
        var cohort = CohortExport.read(SmallCohort.clinical(300, 3, 11), LocalDate.of(2026, 6, 30));
        int chinese = 0;
        for (PatientCase c : cohort.cases()) {
            String text = Files.readString(c.pathologyReport().orElseThrow(), StandardCharsets.UTF_8);
            if (text.contains("病理")) chinese++;
            PathologyFindings f = PathologyReportReader.read(text);
            Pathology truth = c.record().pathology();
            assertThat(f.diagnosis()).as(c.id()).isEqualTo(truth.diagnosis());
            assertThat(f.mvi()).as(c.id()).isEqualTo(truth.mvi());
            assertThat(f.edmondsonGrade()).as(c.id()).isEqualTo(truth.edmondsonGrade());
            assertThat(f.satelliteNodules()).as(c.id()).isEqualTo(truth.satelliteNodules());
            assertThat(f.capsuleComplete()).as(c.id()).isEqualTo(truth.capsuleComplete());
            assertThat(f.margin()).as(c.id()).isEqualTo(c.record().treatment().margin());
            assertThat(f.tumourSizesMm().get(0)).as(c.id()).isEqualTo(c.record().patient().preoperativeBurden().largestMm());
            assertThat(f.reportDate()).as(c.id()).isAfter(c.record().surgeryDate().orElseThrow());
        }
        assertThat(chinese).isBetween(50, 250);
    }

    @Test
    void radiologyReportsGiveSizeSegmentAndAConsistentLiradsCategory() throws IOException {
        var cohort = CohortExport.read(SmallCohort.clinical(300, 3, 11), LocalDate.of(2026, 6, 30));
        for (PatientCase c : cohort.cases()) {
            RadiologyFindings f = RadiologyReportReader.read(Files.readString(c.radiologyReport().orElseThrow(), StandardCharsets.UTF_8));
            var main = c.record().patient().preoperativeBurden().nodules().get(0);
            assertThat(f.largestSizeMm()).as(c.id()).isEqualTo(main.sizeMm());
            assertThat(f.segment()).as(c.id()).isEqualTo(main.couinaudSegment());
            assertThat(f.rimAphe()).as(c.id()).isNotNull().isNotEqualTo(f.nonRimAphe());
            assertThat(f.washout()).as(c.id()).isNotNull();
            assertThat(f.capsule()).as(c.id()).isNotNull();
            assertThat(f.nonSmoothMargin()).as(c.id()).isNotNull();
            String expected = f.rimAphe() ? "LR-M" : f.washout() && f.largestSizeMm() >= 20 ? "LR-5" : f.washout() ? "LR-4" : "LR-3";
            assertThat(f.liradsCategory()).as(c.id()).isEqualTo(expected);
            assertThat(f.examDate()).as(c.id()).isBefore(c.record().surgeryDate().orElseThrow());
            // ICC shows rim enhancement and no washout in every report the generator writes.
            if (c.record().pathology().diagnosis() == Diagnosis.ICC) assertThat(f.rimAphe()).isTrue();
        }
    }

    /**
     * Taiwan's and Hong Kong's reports: the same reports in traditional characters, sizes in 公分 (Taiwan's cm) — every
     * finding, date and the text the embedding reads are the simplified report's.
     */
    @Test
    void reportsInTraditionalCharactersGiveTheSimplifiedReportsFindings() throws IOException {
        var cohort = CohortExport.read(SmallCohort.clinical(300, 3, 11), LocalDate.of(2026, 6, 30));
        var toTraditional = com.ibm.icu.text.Transliterator.getInstance("Simplified-Traditional");
        int traditional = 0;
        for (PatientCase c : cohort.cases()) {
            String pathology = Files.readString(c.pathologyReport().orElseThrow(), StandardCharsets.UTF_8);
            String radiology = Files.readString(c.radiologyReport().orElseThrow(), StandardCharsets.UTF_8);
            String tPathology = toTraditional.transliterate(pathology).replace(" cm", " 公分");
            String tRadiology = toTraditional.transliterate(radiology).replace(" cm", " 公分");
            if (!toTraditional.transliterate(pathology).equals(pathology)) traditional++;
            assertThat(PathologyReportReader.read(tPathology)).as(c.id()).isEqualTo(PathologyReportReader.read(pathology));
            assertThat(RadiologyReportReader.read(tRadiology)).as(c.id()).isEqualTo(RadiologyReportReader.read(radiology));
        }
        assertThat(traditional).as("reports that differ in traditional characters").isBetween(50, 250);
        assertThat(ReportHeader.strip("病理診斷報告\n姓名：陳志明  住院號：T0155350991  電話：0912345678\n病理診斷：肝細胞癌。"))
                .isEqualTo("病理诊断：肝细胞癌。");
    }

    @Test
    void otherWordingsAndSilenceAreReadAsWrittenNotGuessed() {
        PathologyFindings en = PathologyReportReader.read("""
                FINAL DIAGNOSIS: moderately differentiated hepatocellular carcinoma, size 3.5 x 3.0 cm.
                Edmondson grade 2. Microvascular invasion: not identified.
                Margins free of tumour.""");
        assertThat(en.diagnosis()).isEqualTo(Diagnosis.HCC);
        assertThat(en.edmondsonGrade()).isEqualTo(2);
        assertThat(en.mvi()).isEqualTo(MviGrade.M0);
        assertThat(en.margin()).isEqualTo(ResectionMargin.R0);
        assertThat(en.satelliteNodules()).isNull();
        assertThat(en.capsuleComplete()).isNull();
        assertThat(en.tumourSizesMm()).containsExactly(35.0, 30.0);
        PathologyFindings zh = PathologyReportReader.read("病理诊断：肝细胞癌。微血管侵犯：可见。卫星结节：有。");
        assertThat(zh.mvi()).isEqualTo(MviGrade.M1);
        assertThat(zh.satelliteNodules()).isTrue();
        assertThat(zh.edmondsonGrade()).isNull();
        assertThat(PathologyReportReader.read("Specimen received in formalin.")).isEqualTo(PathologyFindings.none());
        RadiologyFindings r = RadiologyReportReader.read("FINDINGS: 25 mm observation in segment VII, no washout. IMPRESSION: LR-4.");
        assertThat(r.segment()).isEqualTo(7);
        assertThat(r.washout()).isFalse();
        assertThat(r.liradsCategory()).isEqualTo("LR-4");
        assertThat(r.rimAphe()).isNull();
    }

    @Test
    void headersWithIdentifiersNeverReachTheFindings() {
        String text = "Centre 2 Hospital - SURGICAL PATHOLOGY REPORT\nPatient: WANG Lei   MRN: C0212345678   Tel: 13800000000\nDIAGNOSIS: Hepatocellular carcinoma.";
        assertThat(ReportHeader.strip(text)).isEqualTo("DIAGNOSIS: Hepatocellular carcinoma.");
    }
}
