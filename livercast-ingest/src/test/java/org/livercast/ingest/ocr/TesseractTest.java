package org.livercast.ingest.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.synth.files.ScannedReport;

/**
 * The engine on printed report lines, rendered as a scanner at 300 dpi gives them: Chinese with Latin mixed in as
 * its system writes it (full-width punctuation back), Roman grades counted from their strokes where the Chinese model
 * reads II as 1 or 吊 and III as 山, an English report by the English model.
 */
class TesseractTest {
    @Test
    void printedChineseLinesReadAsWrittenWithTheirRomanGrades() throws Exception {
        Tesseract t = engine();
        List<String> lines = List.of(
                "Edmondson-Steiner分级：I级。",
                "Edmondson-Steiner分级：II级。",
                "Edmondson-Steiner分级：III级。",
                "Edmondson-Steiner分级：IV级。",
                "微血管侵犯（MVI）：M2级。",
                "切缘：未见癌累及（R0）。",
                "报告日期：2019-06-14",
                "病理诊断：肝细胞癌，肿瘤大小 2.4 cm。");
        // Printed as a report system prints them, rendered as a scanner at 300 dpi sees them (no skew, no grain).
        PageText page = t.read(ScannedReport.rendered(String.join("\n", lines), 300), 300, "chi_sim");
        List<String> read = page.text().lines().toList();
        // The grades, every one of them, and the lines whose words the findings and the de-identification look for.
        assertThat(read).hasSize(lines.size());
        for (int i = 0; i < 4; i++) assertThat(read.get(i)).isEqualTo(lines.get(i));
        assertThat(read).contains("微血管侵犯（MVI）：M2级。", "报告日期：2019-06-14", "病理诊断：肝细胞癌，肿瘤大小 2.4 cm。");
        assertThat(read.get(5)).startsWith("切缘：未见").endsWith("（R0）。");
        assertThat(page.meanConfidence()).isBetween(70.0, 100.0);
        assertThat(page.words()).allSatisfy(w -> assertThat(w.width()).isPositive());
    }

    @Test
    void englishReportsAreReadByTheEnglishModelWhenTheChineseFindsNoChinese(@TempDir Path tmp) throws Exception {
        Tesseract t = engine();
        assumeTrue(t.has("eng"), "needs tesseract-ocr-eng");
        String report = "Centre 2 Hospital - SURGICAL PATHOLOGY REPORT\nEdmondson-Steiner grade III.\nMicrovascular invasion: M1 (present).\n"
                + "Resection margin: negative (R0).";
        Path pdf = tmp.resolve("report.pdf");
        ScannedReport.write(report, pdf, 7);
        Transcript tr = Ocr.with(t, 1).transcribe(pdf);
        assertThat(tr.language()).isEqualTo("eng");
        assertThat(tr.pages()).isEqualTo(1);
        assertThat(tr.legible()).isTrue();
        assertThat(tr.text().lines().toList()).containsExactly(report.split("\n"));
        assertThat(tr.readAs()).matches("by OCR \\(Tesseract [0-9.]+, eng; 1 page, mean confidence \\d+%\\)");
    }

    /**
     * A Taiwan hospital's report on paper, in traditional characters: the simplified model reads it as simplified text
     * (診斷 as 诊断) unsure of just those characters, so it is read again in traditional characters and kept as written
     * — grades counted from their strokes before 級 too. A simplified page is read once, in simplified characters.
     */
    @Test
    void traditionalCharactersAreReadAsWrittenAndSimplifiedOnesOnce(@TempDir Path tmp) throws Exception {
        Tesseract t = engine();
        assumeTrue(t.has("chi_tra"), "needs tesseract-ocr-chi-tra (which .ci/run installs)");
        String simplified = """
                Centre 3 Hospital 病理诊断报告
                住院号：C0318175381  报告日期：2022-07-17
                病理诊断：肝细胞癌，肿瘤大小 3.2 公分。
                Edmondson-Steiner分级：II级。
                微血管侵犯（MVI）：M1级。
                卫星结节：无。
                包膜：不完整。
                切缘：未见癌累及（R0）。""";
        String traditional = org.livercast.core.io.ChineseScript.traditional(simplified);
        assertThat(traditional).contains("病理診斷報告", "住院號", "分級：II級", "衛星結節：無");
        Ocr ocr = Ocr.with(t, 1);
        Path taiwan = tmp.resolve("taiwan.pdf");
        ScannedReport.write(traditional, taiwan, 3);
        Transcript tr = ocr.transcribe(taiwan);
        assertThat(tr.language()).isEqualTo("chi_tra");
        assertThat(tr.legible()).isTrue();
        assertThat(CharacterErrors.rate(traditional, tr.text())).as(tr.text()).isLessThan(0.03);
        assertThat(tr.text()).contains("分級：II級。", "住院號：C0318175381", "報告日期：2022-07-17");
        Path pdf = tmp.resolve("mainland.pdf");
        ScannedReport.write(simplified, pdf, 3);
        Transcript mainland = ocr.transcribe(pdf);
        assertThat(mainland.language()).isEqualTo("chi_sim");
        assertThat(CharacterErrors.rate(simplified, mainland.text())).as(mainland.text()).isLessThan(0.03);
    }

    @Test
    void aFileThatIsNoPictureOfAPageIsNamed(@TempDir Path tmp) throws Exception {
        Ocr ocr = Ocr.with(engine(), 1);
        Path broken = Files.write(tmp.resolve("scan.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2});
        assertThatThrownBy(() -> ocr.transcribe(broken)).hasMessageContaining("scan.jpg").hasMessageContaining("not a readable image");
        assertThatThrownBy(() -> Ocr.OFF.transcribe(broken)).isInstanceOf(IllegalStateException.class);
    }

    private static Tesseract engine() {
        Optional<Tesseract> t = Tesseract.find();
        assumeTrue(t.isPresent() && t.get().has("chi_sim"), "needs Tesseract with chi_sim (tesseract-ocr-chi-sim, which .ci/run installs)");
        assumeTrue(Files.isReadable(ScannedReport.CJK_FONT), "needs fonts-droid-fallback");
        return t.get();
    }
}
