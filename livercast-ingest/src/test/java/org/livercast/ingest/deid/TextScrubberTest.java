package org.livercast.ingest.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.livercast.core.io.ClinicalDates;

/** Report headers in Chinese and English lose names, numbers, phones and birth dates; the medicine stays. */
class TextScrubberTest {
    final Identifiers ids = new Identifiers("C0101283148");
    final TextScrubber scrubber = new TextScrubber(ids, "C01-ABCDEFGHJK", new DateShift(LocalDate.of(2022, 2, 19)));

    @Test
    void chineseHeaderIsScrubbedAndDatesMoveWithSurgery() {
        String report = "Centre 1 Hospital 病理诊断报告\n姓名：张静华  住院号：C0101283148  电话：13541355407  报告日期：2022-02-24\n"
                + "病理诊断：肝内胆管细胞癌，肿瘤大小 3.0 cm。患者张静华术后恢复良好。\n";
        scrubber.learnFrom(report);
        String clean = scrubber.apply(report);
        assertThat(clean).doesNotContain("张静华", "C0101283148", "13541355407", "2022-02-24")
                .contains("姓名：[NAME]", "住院号：C01-ABCDEFGHJK", "电话：[PHONE]", "报告日期：2000-01-06")
                .contains("肝内胆管细胞癌，肿瘤大小 3.0 cm", "患者[NAME]术后");
        assertThat(scrubber.leftovers(clean)).isEmpty();
        assertThat(scrubber.leftovers(report)).contains("name", "hospital number", "phone");
    }

    @Test
    void englishHeaderIsScrubbedWithItsBirthDateAndTheNameWhereverItRecurs() {
        ids.birthDate(LocalDate.of(1954, 9, 1));
        String report = "Centre 2 Hospital - SURGICAL PATHOLOGY REPORT\nPatient: WANG FANGWEI   MRN: C0101283148   Tel: 13905994569   "
                + "DOB: 1954-09-01   Date: 2022/02/24\nDIAGNOSIS: Hepatocellular carcinoma, timing of resection adequate. Mr Wang Fangwei "
                + "consented. Edmondson-Steiner grade III. Born 19540901.\n";
        scrubber.learnFrom(report);
        String clean = scrubber.apply(report);
        assertThat(clean).doesNotContainIgnoringCase("wang").doesNotContain("C0101283148", "13905994569", "1954-09-01", "19540901", "2022/02/24")
                .contains("Patient: [NAME]", "MRN: C01-ABCDEFGHJK", "DOB: [DOB]", "Date: 2000-01-06", "Mr [NAME] consented")
                .contains("timing of resection adequate", "Edmondson-Steiner grade III");
        assertThat(scrubber.counts()).containsKeys("name", "phone", "birth date", "record number", "date shifted");
    }

    @Test
    void aEuropeanReportsDatesAreShiftedWhereTheirDayIsCertainAndRemovedWhereNot() {
        ids.birthDate(LocalDate.of(1961, 4, 3));
        String report = "Patient: Jan de Vries  DOB: 03/04/1961  Date: 24/02/2022\nSeen 5.5.2022 and on 12-FEB-2022, again March 3rd, 2022;"
                + " CT of 12/01/2022 and 01/02/22 reviewed. Born 3 April 1961.\n";
        scrubber.learnFrom(report);
        String clean = scrubber.apply(report);
        // 24/02/2022 can only be day-first; 5.5.2022 is the same day either way; 12/01/2022 could be either; 22 a century.
        assertThat(clean).contains("DOB: [DOB]", "Date: 2000-01-06", "Seen 2000-03-16", "on 1999-12-25", "again 2000-01-13",
                "CT of [DATE] and [DATE] reviewed", "Born [DOB].");
        assertThat(clean).doesNotContain("1961", "2022", "03/04");
        assertThat(scrubber.leftovers(clean)).isEmpty();
        assertThat(scrubber.leftovers("born 4/3/1961")).containsExactly("birth date");
        assertThat(scrubber.counts()).containsEntry("date removed", 2).containsEntry("birth date", 2);
    }

    @Test
    void aCentresDeclaredOrderSettlesItsNumericDates() {
        String text = "Date: 12/01/2022; CT 01/12/2021";
        assertThat(new TextScrubber(ids, "P", new DateShift(LocalDate.of(2022, 2, 19)), ClinicalDates.Order.DAY_FIRST).apply(text))
                .isEqualTo("Date: 1999-11-24; CT 1999-10-13");
        assertThat(new TextScrubber(ids, "P", new DateShift(LocalDate.of(2022, 2, 19)), ClinicalDates.Order.MONTH_FIRST).apply(text))
                .isEqualTo("Date: 2000-10-12; CT 1998-11-24");
    }

    @Test
    void otherTextIsLeftAlone() {
        String text = "AX T1 VIBE ART 30s; LI-RADS LR-5, 4.2 cm in segment 7; AFP 1200 ng/mL; UID 1.2.840.10008.5.1; 45/13/2022; 3/4/5; v12.2024";
        assertThat(scrubber.apply(text)).isEqualTo(text);
    }

    @Test
    void inTextReadByOcrAnIdentifierOneCharacterOffIsCaughtAndTheMedicineIsNot() {
        ids.name("张静华");
        ids.name("WANG FANGWEI");
        // The engine misread a character of the name in the body, one of the record number, one of the English name.
        String ocr = "姓名：张静华  住院号：C0101283148\n病理诊断：肝细胞癌。患者张静萃术后，复查号C0101288148。WANG FANGWEl consented.\n"
                + "Edmondson-Steiner分级：II级。微血管侵犯（MVI）：M1级。肝细胞癌 3.0 cm";
        String exactOnly = new TextScrubber(ids, "C01-ABCDEFGHJK", new DateShift(LocalDate.of(2022, 2, 19))).apply(ocr);
        assertThat(exactOnly).as("an exact match lets them through").contains("张静萃", "C0101288148", "FANGWEl");
        String clean = scrubber.applyToTranscript(ocr);
        assertThat(clean).doesNotContain("张静萃", "C0101288148", "FANGWEl")
                .contains("患者[NAME]术后", "复查号C01-ABCDEFGHJK", "[NAME] consented", "Edmondson-Steiner分级：II级。微血管侵犯（MVI）：M1级。肝细胞癌 3.0 cm");
        assertThat(scrubber.counts()).containsKeys("name (OCR, one character off)", "record number (OCR, one character off)");
        // A two-character name is matched exactly only: one character off, it would match ordinary words.
        Identifiers shortName = new Identifiers("C0199999999");
        shortName.name("肝癌");
        assertThat(new TextScrubber(shortName, "P", new DateShift(LocalDate.of(2022, 2, 19))).applyToTranscript("肝细胞癌，肝脏"))
                .isEqualTo("肝细胞癌，肝脏");
    }
}
