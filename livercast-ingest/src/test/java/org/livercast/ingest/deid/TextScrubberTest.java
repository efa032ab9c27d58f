package org.livercast.ingest.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

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
    void otherTextIsLeftAlone() {
        String text = "AX T1 VIBE ART 30s; LI-RADS LR-5, 4.2 cm in segment 7; AFP 1200 ng/mL";
        assertThat(scrubber.apply(text)).isEqualTo(text);
    }
}
