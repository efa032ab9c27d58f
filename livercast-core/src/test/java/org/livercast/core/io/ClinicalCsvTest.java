package org.livercast.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.livercast.core.examples.ExamplePatients;
import org.livercast.core.model.Analyte;

class ClinicalCsvTest {
    static final String HEADER = "patient_id,centre_id,sex,age_years,albumin,albumin_unit,nodule_sizes_mm,nodule_segments,surgery_date\n";

    static ClinicalData read(String patients, String events) throws Exception {
        return ClinicalCsv.read("patients.csv", new ByteArrayInputStream(patients.getBytes(StandardCharsets.UTF_8)),
                "events.csv", events == null ? null : new ByteArrayInputStream(events.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bundledExamplesParseCompletely() {
        var all = ExamplePatients.all();
        assertThat(all).hasSize(16);
        var ex04 = ExamplePatients.get("EX04");
        assertThat(ex04.patient().labs().canonical(Analyte.ALBUMIN).getAsDouble()).isEqualTo(30.0); // 3.0 g/dL
        assertThat(ExamplePatients.get("EX03").patient().preoperativeBurden().count()).isEqualTo(4);
        assertThat(ExamplePatients.get("EX02").firstRecurrence()).isPresent();
    }

    @Test
    void everyBadRowIsListedWithFileLineFieldAndReason() throws Exception {
        String csv = HEADER
                + "A1,ZS,male,60,40,g/L,30,7,2024-01-01\n"
                + "A2,ZS,male,sixty,40,g/L,-30,7,2024-01-01\n"
                + "A3,ZS,robot,60,40,mmol/L,30,7,2024-13-01\n"
                + "A1,ZS,male,60,40,g/L,30,7,2024-01-01\n";
        ClinicalData data = read(csv, null);
        assertThat(data.valid()).isFalse();
        assertThat(data.errors()).extracting(RowError::toString).anySatisfy(s -> assertThat(s).contains("patients.csv:3").contains("age_years").contains("sixty"))
                .anySatisfy(s -> assertThat(s).contains("patients.csv:3").contains("nodules[1].sizeMm"))
                .anySatisfy(s -> assertThat(s).contains("patients.csv:4").contains("sex").contains("robot"))
                .anySatisfy(s -> assertThat(s).contains("patients.csv:4").contains("labs.albumin.unit"))
                .anySatisfy(s -> assertThat(s).contains("patients.csv:4").contains("surgery_date").contains("YYYY-MM-DD"))
                .anySatisfy(s -> assertThat(s).contains("patients.csv:5").contains("appears twice"));
    }

    @Test
    void eventErrorsIncludeUnknownPatientsDuplicatesAndDatesOutOfOrder() throws Exception {
        String patients = HEADER + "A1,ZS,male,60,40,g/L,30,7,2024-01-01\n";
        String events = "patient_id,event_date,event_type,recurrence_nodule_sizes_mm\n"
                + "A1,2023-12-01,recurrence,20\n"
                + "B9,2024-05-01,imaging,\n"
                + "A1,2024-06-01,relapse,\n"
                + "A1,2024-04-01,imaging,\n"
                + "A1,2024-04-01,imaging,\n";
        ClinicalData data = read(patients, events);
        assertThat(data.errors()).extracting(RowError::toString)
                .anySatisfy(s -> assertThat(s).contains("recurrence.date").contains("surgery_date"))
                .anySatisfy(s -> assertThat(s).contains("events.csv:3").contains("no such patient"))
                .anySatisfy(s -> assertThat(s).contains("events.csv:4").contains("relapse"))
                .anySatisfy(s -> assertThat(s).contains("events.csv:6").contains("duplicates line 5"));
    }

    @Test
    void unknownColumnsAreRejectedSoTyposDoNotSilentlyDropData() throws Exception {
        ClinicalData data = read("patient_id,centre_id,albumen\nA1,ZS,40\n", null);
        assertThat(data.errors()).extracting(RowError::field).contains("albumen");
    }

    @Test
    void emptyCellsStayUnknown() throws Exception {
        ClinicalData data = read(HEADER + "A1,ZS,,,,,,,\n", null);
        assertThat(data.valid()).isTrue();
        var p = data.records().get(0).patient();
        assertThat(p.sex()).isNull();
        assertThat(p.ageYears()).isNull();
        assertThat(p.preoperativeBurden()).isNull();
    }

    @Test
    void aRowOfMoreOrFewerFieldsThanTheHeaderIsRefusedNotReadAsBlanks() throws Exception {
        // A1 is whole; A2 lost its last two fields (a cut line): read as blanks they would clear its stored surgery date
        // and segments; A3 has a stray comma, which would shift every value after it by one column.
        String csv = HEADER
                + "A1,ZS,male,60,40,g/L,30,7,2024-01-01\n"
                + "A2,ZS,male,60,40,g/L,30\n"
                + "A3,ZS,male,60,4,0,g/L,30,7,2024-01-01\n";
        ClinicalData data = read(csv, "patient_id,event_date,event_type\nA1,2024-05-01\n");
        assertThat(data.valid()).isFalse();
        assertThat(data.errors()).extracting(RowError::toString)
                .anySatisfy(s -> assertThat(s).startsWith("patients.csv:3 [A2] (row): has 7 fields where the header has 9"))
                .anySatisfy(s -> assertThat(s).startsWith("patients.csv:4 [A3] (row): has 10 fields where the header has 9"))
                .anySatisfy(s -> assertThat(s).startsWith("events.csv:2 [A1] (row): has 2 fields where the header has 3"));
        // Neither is half-read into a record beside its error.
        assertThat(data.records()).extracting(r -> r.id()).containsExactly("A1");
    }

    @Test
    void aTableSavedInGb18030ReadsAsTheSameTableAndOneThatIsNotTextIsNamed() throws Exception {
        // Excel on a Chinese Windows saves CSV in GB18030: read as UTF-8 it was replacement characters, or an error.
        String csv = "# 中心一 导出\n" + HEADER + "A1,ZS,male,60,40,g/L,30,7,2024-01-01\n";
        ClinicalData gb = ClinicalCsv.read("patients.csv", new ByteArrayInputStream(csv.getBytes(java.nio.charset.Charset.forName("GB18030"))), null, null);
        assertThat(gb.errors()).isEmpty();
        assertThat(gb.records()).extracting(r -> r.id()).containsExactly("A1");
        ClinicalData binary = ClinicalCsv.read("patients.csv", new ByteArrayInputStream(new byte[] {'p', 0, (byte) 0xFF, 3}), null, null);
        assertThat(binary.errors()).extracting(RowError::toString)
                .containsExactly("patients.csv:1 (file): not text in UTF-8, UTF-16 (with its byte-order mark), GB18030 (GBK) or Big5; save it as UTF-8 CSV");
    }

    @Test
    void semicolonAndTabSeparatedTablesReadAsTheCommaSeparatedOne() throws Exception {
        String rows = "A1,ZS,male,60,40.5,g/L,30;12,7;2,2024-01-01\nA2,ZS,female,71,38,g/L,,,2024-02-03\n";
        ClinicalData comma = read(HEADER + rows, null);
        // Excel where the decimal mark is a comma writes semicolons between cells, the decimal comma inside them, and quotes
        // a cell holding a semicolon (the template's list separator).
        String semicolonRows = "A1;ZS;male;60;40,5;g/L;\"30;12\";\"7;2\";2024-01-01\nA2;ZS;female;71;38;g/L;;;2024-02-03\n";
        ClinicalData semicolon = read(HEADER.replace(',', ';') + semicolonRows, null);
        ClinicalData tab = read((HEADER + rows).replace(',', '\t'), null);
        assertThat(comma.errors()).isEmpty();
        assertThat(semicolon.errors()).isEmpty();
        assertThat(tab.errors()).isEmpty();
        assertThat(semicolon.records()).hasSize(2).isEqualTo(comma.records());
        assertThat(tab.records()).isEqualTo(comma.records());
        assertThat(comma.records().get(0).patient().preoperativeBurden().count()).isEqualTo(2);
        assertThat(ClinicalCsv.delimiterOf("# a, comment; with\tall three\npatient_id;centre_id;sex\n")).isEqualTo(';');
    }

    @Test
    void yesNoAndSexAsChineseSystemsWriteThemReadAsTheTemplatesWords() throws Exception {
        String header = "patient_id,centre_id,sex,hbsag_positive,cirrhosis,satellite_nodules\n";
        ClinicalData template = read(header + "A1,ZS,male,yes,no,yes\nA2,ZS,female,no,yes,no\n", null);
        ClinicalData chinese = read(header + "A1,ZS,男,阳性,否,有\nA2,ZS,女,阴性,是,无\n", null);
        ClinicalData letters = read(header + "A1,ZS,M,Positive,N,present\nA2,ZS,f,NEG,Y,absent\n", null);
        assertThat(template.errors()).isEmpty();
        assertThat(chinese.errors()).isEmpty();
        assertThat(letters.errors()).isEmpty();
        assertThat(chinese.records()).isEqualTo(template.records());
        assertThat(letters.records()).isEqualTo(template.records());
        // A dash is as often "not done" as "negative": refused, saying what is read.
        ClinicalData dash = read(header + "A1,ZS,male,-,no,yes\n", null);
        assertThat(dash.errors()).extracting(RowError::toString)
                .containsExactly("patients.csv:2 [A1] hbsag_positive = '-': is not yes/no (是/否, 有/无, 阳性/阴性, positive/negative are read too)");
    }

    @Test
    void aLaboratoryResultBeyondTheAssaysRangeIsTakenAtItsLimitNotRefused() throws Exception {
        String header = "patient_id,centre_id,afp,afp_unit,total_bilirubin,total_bilirubin_unit\n";
        ClinicalData beyond = read(header + "A1,ZS,>1210,ng/mL,<3.4,umol/L\nA2,ZS,＞20000,ng/mL,≤ 2,umol/L\n", null);
        ClinicalData plain = read(header + "A1,ZS,1210,ng/mL,3.4,umol/L\nA2,ZS,20000,ng/mL,2,umol/L\n", null);
        assertThat(beyond.errors()).isEmpty();
        assertThat(beyond.records()).isEqualTo(plain.records());
        assertThat(beyond.records().get(0).patient().labs().canonical(Analyte.AFP).getAsDouble()).isEqualTo(1210.0);
        // Anything else around the number is still refused.
        assertThat(read(header + "A1,ZS,1210+,ng/mL,,\n", null).errors()).extracting(RowError::field).containsExactly("afp");
    }

    @Test
    void aCentresOwnColumnNamesAreReadThroughItsMappingAndAMappingThatCouldMixDataIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String rows = "A1,ZS,male,60,40,g/L,30,7,2024-01-01\n";
        // As the hospital's system names them: the patient by its hospital number, the rest in Chinese.
        String hospital = "住院号,centre_id,性别,年龄,白蛋白,albumin_unit,肿瘤大小(mm),nodule_segments,手术日期\n";
        java.nio.file.Files.writeString(dir.resolve("columns.json"), """
                {"columns": {"住院号": "patient_id", "性别": "sex", "年龄": "age_years", "白蛋白": "albumin",
                             "肿瘤大小(mm)": "nodule_sizes_mm", "手术日期": "surgery_date"}}""");
        java.nio.file.Path table = java.nio.file.Files.writeString(dir.resolve("patients.csv"), hospital + rows);
        ClinicalData mapped = ClinicalCsv.read(table, null);
        assertThat(mapped.errors()).isEmpty();
        assertThat(mapped.records()).isEqualTo(read(HEADER + rows, null).records());
        // Without the mapping, each of the centre's names is an unknown column, and the error says how to map it.
        ClinicalData unmapped = ClinicalCsv.read(table, null, ColumnMapping.none());
        assertThat(unmapped.errors()).extracting(RowError::field).contains("住院号", "性别", "patient_id");
        assertThat(unmapped.errors().get(0).reason()).contains("columns.json");
        // The centre's words for the template's values too (a Chinese system's enumerations).
        String ascites = "住院号,centre_id,腹水,临床诊断\nA1,ZS,轻度,肝细胞癌\nA2,ZS,无,良性\n";
        java.nio.file.Files.writeString(dir.resolve("columns.json"), """
                {"columns": {"住院号": "patient_id", "腹水": "ascites", "临床诊断": "clinical_diagnosis"},
                 "values": {"ascites": {"无": "none", "轻度": "mild", "中重度": "moderate_severe"},
                            "clinical_diagnosis": {"肝细胞癌": "hcc", "良性": "benign"}}}""");
        ClinicalData words = ClinicalCsv.read(java.nio.file.Files.writeString(dir.resolve("patients.csv"), ascites), null);
        assertThat(words.errors()).isEmpty();
        assertThat(words.records()).isEqualTo(read("patient_id,centre_id,ascites,clinical_diagnosis\nA1,ZS,mild,hcc\nA2,ZS,none,benign\n", null).records());
        // A mapping to a word the template does not have is named with the centre's own cell.
        java.nio.file.Files.writeString(dir.resolve("columns.json"), """
                {"columns": {"住院号": "patient_id", "腹水": "ascites", "临床诊断": "clinical_diagnosis"},
                 "values": {"ascites": {"无": "none", "轻度": "mild_"}, "clinical_diagnosis": {"肝细胞癌": "hcc", "良性": "benign"}}}""");
        ClinicalData wrongWord = ClinicalCsv.read(java.nio.file.Files.writeString(dir.resolve("patients.csv"), ascites), null);
        assertThat(wrongWord.errors()).hasSize(1);
        assertThat(wrongWord.errors().get(0).value()).isEqualTo("轻度");
        assertThat(wrongWord.errors().get(0).reason()).startsWith("read as 'mild_' by columns.json, which is not one of [none, mild, moderate_severe]");
        // A mapping naming a column the template does not have, or two columns for one, is refused naming the entry.
        java.nio.file.Path badValues = java.nio.file.Files.writeString(dir.resolve("values.json"), "{\"columns\": {}, \"values\": {\"腹水\": {\"无\": \"none\"}}}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ColumnMapping.read(badValues))
                .hasMessage(badValues + ": values['腹水'] is not a template column (see docs/clinical-csv.md)");
        java.nio.file.Path typo = java.nio.file.Files.writeString(dir.resolve("typo.json"), "{\"columns\": {\"性别\": \"gender\"}}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ColumnMapping.read(typo))
                .hasMessage(typo + ": columns['性别'] = 'gender' is not a template column (see docs/clinical-csv.md)");
        java.nio.file.Path twice = java.nio.file.Files.writeString(dir.resolve("twice.json"), "{\"columns\": {\"住院号\": \"patient_id\", \"病案号\": \"patient_id\"}}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ColumnMapping.read(twice)).hasMessageEndingWith("'住院号' and '病案号' both map to patient_id");
        java.nio.file.Path other = java.nio.file.Files.writeString(dir.resolve("other.json"), "{\"colums\": {}}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ColumnMapping.read(other))
                .hasMessage(other + ": unknown entry 'colums' (only \"columns\", \"values\" and \"dates\")");
    }

    @Test
    void aCentreThatWritesDayFirstDatesDeclaresItAndItsTableReadsAsTheIsoOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String header = "patient_id,centre_id,birth_date,surgery_date\n";
        ClinicalData iso = read(header + "A1,EU,1961-04-03,2024-01-12\nA2,EU,1950-12-25,2024-02-01\n", null);
        java.nio.file.Path table = java.nio.file.Files.writeString(dir.resolve("patients.csv"), header
                + "A1,EU,03/04/1961,12/01/2024 08:30\nA2,EU,25.12.1950,01-FEB-2024\n");
        // Undeclared, 03/04/1961 could be either: refused saying how to declare it (12-JAN-2024 forms are read in any order).
        ClinicalData undeclared = ClinicalCsv.read(table, null);
        assertThat(undeclared.errors()).extracting(RowError::field).containsExactly("birth_date", "surgery_date", "birth_date");
        assertThat(undeclared.errors().get(0).reason()).contains("{\"dates\": \"day-first\"}");
        java.nio.file.Files.writeString(dir.resolve("columns.json"), "{\"dates\": \"day-first\"}");
        ClinicalData dayFirst = ClinicalCsv.read(table, null);
        assertThat(dayFirst.errors()).isEmpty();
        assertThat(dayFirst.records()).isEqualTo(iso.records());
        // The same cells month-first are other days (25.12 is no month), and two-digit years are refused in every order.
        java.nio.file.Files.writeString(dir.resolve("columns.json"), "{\"dates\": \"month-first\"}");
        assertThat(ClinicalCsv.read(table, null).errors()).extracting(RowError::value).containsExactly("25.12.1950");
        java.nio.file.Files.writeString(table, header + "A1,EU,03/04/61,2024-01-12\n");
        assertThat(ClinicalCsv.read(table, null).errors().get(0).reason()).contains("two-digit year");
        java.nio.file.Files.writeString(dir.resolve("columns.json"), "{\"dates\": \"dd/mm/yyyy\"}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClinicalCsv.read(table, null))
                .hasMessageEndingWith("columns.json: dates: 'dd/mm/yyyy' is not a date order (year-first, day-first or month-first)");
    }
}
