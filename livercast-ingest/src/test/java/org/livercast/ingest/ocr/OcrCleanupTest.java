package org.livercast.ingest.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the engine wrote for real report lines (Tesseract 5.3 chi_sim on a printed page) cleaned up to the text the
 * report's system printed; its TSV read into words and confidences; Roman grades counted from drawn strokes. No engine
 * needed: these run everywhere.
 */
class OcrCleanupTest {
    @Test
    void chinesePunctuationComesBackFullWidthAndTheGapsTheEngineSawStay() {
        String engine = """
                Centre 1 Hospital 病理诊断报告

                姓名 : 刘芳敏 住院号 : C0114852244 电话 : 13098921702 报告日期 : 2019-O6-l4
                微血管侵犯 (MVI ) : M0级。
                微血管侵犯 (CMVI) : MO级。
                切缘 : 未见癌累及(RO ) 。
                切缘 : 未见癌票(CRO)。 CT (CT) : 阴性
                Edmondson-Steiner分级 : ll级
                Edmondson-Steiner分级 : II 级。
                °
                """;
        assertThat(OcrCleanup.clean(engine)).isEqualTo("""
                Centre 1 Hospital 病理诊断报告
                姓名：刘芳敏 住院号：C0114852244 电话：13098921702 报告日期：2019-06-14
                微血管侵犯（MVI）：M0级。
                微血管侵犯（MVI）：M0级。
                切缘：未见癌累及（R0）。
                切缘：未见癌票（R0）。CT (CT) : 阴性
                Edmondson-Steiner分级：II级
                Edmondson-Steiner分级：II级。""");
    }

    @Test
    void englishLinesKeepTheirPunctuationAndOnlyGradeAndNumberLookAlikesChange() {
        assertThat(OcrCleanup.clean("Patient: LIU MINGJIE MRN: C0202520684 Date: 25/1O/2020\nEdmondson-Steiner grade Ill.\n"
                + "Microvascular invasion: Ml (present). Resection margin: negative (RO).\nIMPRESSION: LR-5. Oil Il 10 cm"))
                .isEqualTo("Patient: LIU MINGJIE MRN: C0202520684 Date: 25/10/2020\nEdmondson-Steiner grade III.\n"
                        + "Microvascular invasion: M1 (present). Resection margin: negative (R0).\nIMPRESSION: LR-5. Oil Il 10 cm");
    }

    /** What the traditional-Chinese model makes of mainland-set type: the zero of a class read twice, a line's full stop as a comma or an o. */
    @Test
    void traditionalReadingsGetTheirClassesAndFullStopsBack() {
        assertThat(OcrCleanup.clean("微血管侵犯 (MVI ) : MO0級。\n切緣 : 未見癌累及 (RO0) 。")).isEqualTo("微血管侵犯（MVI）：M0級。\n切緣：未見癌累及（R0）。");
        assertThat(OcrCleanup.clean("Edmondson-Steiner分級 : ll級")).isEqualTo("Edmondson-Steiner分級：II級");
        assertThat(OcrCleanup.fullStopsAtLineEnds("腫瘤大小 2.1 公分,\n包膜：完整，\n印象：LR-5o\n動脈期明顯強化，門脈期廓清。"))
                .isEqualTo("腫瘤大小 2.1 公分。\n包膜：完整。\n印象：LR-5。\n動脈期明顯強化，門脈期廓清。");
        // Within a line a comma stays; an English line's end is not touched.
        assertThat(OcrCleanup.fullStopsAtLineEnds("Margin smooth, no\ncapsule.")).isEqualTo("Margin smooth, no\ncapsule.");
    }

    @Test
    void theTsvGivesEachWordItsConfidenceAndPlaceAndTheDoubtfulWordsAreNamed() {
        String tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
                + "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
                + "4\t1\t1\t1\t1\t0\t202\t209\t584\t39\t-1\t\n"
                + "5\t1\t1\t1\t1\t1\t202\t210\t123\t29\t91.5\tCentre\n"
                + "5\t1\t1\t1\t1\t2\t553\t210\t83\t38\t96.5\t病理\n"
                + "5\t1\t1\t1\t1\t3\t626\t287\t1\t24\t12.0\t:\n"
                + "5\t1\t1\t1\t2\t1\t768\t360\t17\t31\t0.0\t山\n";
        PageText page = PageText.of("Centre 病理 :\n山", tsv);
        assertThat(page.words()).extracting(PageText.Word::text).containsExactly("Centre", "病理", ":", "山");
        assertThat(page.words().get(0)).isEqualTo(new PageText.Word("Centre", 91.5, 202, 210, 123, 29, "1.1.1.1"));
        assertThat(page.words().get(0).sameLine(page.words().get(1))).isTrue();
        assertThat(page.words().get(0).sameLine(page.words().get(3))).isFalse();
        // Characters weigh: 6 × 91.5 + 2 × 96.5 + 12 + 0, over 10 (75.4).
        assertThat(page.meanConfidence()).isCloseTo((6 * 91.5 + 2 * 96.5 + 12) / 10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(page.doubtful()).extracting(PageText.Word::text).containsExactly("山");
        Transcript t = new Transcript(page.text(), 1, page.meanConfidence(), "chi_sim", "Tesseract 5.3.0", page.doubtful(), page.corrections());
        assertThat(t.readAs()).isEqualTo("by OCR (Tesseract 5.3.0, chi_sim; 1 page, mean confidence 75%)");
        assertThat(t.doubtfulWords()).isEqualTo("doubtful words: '山' (0%)");
        assertThat(t.legible()).as("75% is under the floor").isFalse();
        assertThat(new Transcript("x", 1, 80, "eng", "Tesseract 5.3.0", List.of(), List.of()).legible()).isTrue();
        assertThat(new Transcript(" ", 1, 95, "eng", "Tesseract 5.3.0", List.of(), List.of()).whyNotUsed()).contains("no text found");
        assertThat(new Transcript("x", 1, 79.4, "eng", "Tesseract 5.3.0", List.of(), List.of()).whyNotUsed()).contains("mean confidence 79%").contains("below the 80%");
    }

    @Test
    void aRomanGradeIsCountedFromItsStrokesAndAnythingElseIsLeftToTheEngine() {
        assertThat(RomanGrades.strokes(drawn("I"), 0, 0, 199, 79, 60)).contains("I");
        assertThat(RomanGrades.strokes(drawn("II"), 0, 0, 199, 79, 60)).contains("II");
        assertThat(RomanGrades.strokes(drawn("III"), 0, 0, 199, 79, 60)).contains("III");
        assertThat(RomanGrades.strokes(drawn("IV"), 0, 0, 199, 79, 60)).contains("IV");
        // The first strokes of the 级 after it, inside the engine's box: counting stops at them.
        assertThat(RomanGrades.strokes(drawn("II#"), 0, 0, 199, 79, 60)).contains("II");
        // A wide shape that is no V (an Arabic 2, a blot), a dot, an empty box: not a Roman grade.
        assertThat(RomanGrades.strokes(drawn("#"), 0, 0, 199, 79, 60)).isEmpty();
        assertThat(RomanGrades.strokes(drawn("."), 0, 0, 199, 79, 60)).isEmpty();
        assertThat(RomanGrades.strokes(drawn(""), 0, 0, 199, 79, 60)).isEmpty();
        assertThat(RomanGrades.strokes(drawn("IIII"), 0, 0, 199, 79, 60)).as("no Edmondson grade IIII").isEmpty();
    }

    @Test
    void aLookAlikeTheEngineWasUnsureOfIsPutBackToTheReportsPhraseButNeverToItsNegation() {
        java.util.function.IntPredicate unsure = c -> "廊瘤楷司偶腺".indexOf(c) >= 0;
        List<ReportLexicon.Correction> made = new java.util.ArrayList<>();
        String read = "门脉期及延迟期廊清，未见包膜。切缘：未见瘤累及（R0）。可见包膜强化。";
        assertThat(ReportLexicon.correct(read, unsure, made)).isEqualTo("门脉期及延迟期廓清，未见包膜。切缘：未见癌累及（R0）。可见包膜强化。");
        assertThat(made).extracting(Object::toString).containsExactly("门脉期及延迟期廊清→门脉期及延迟期廓清", "未见瘤累及→未见癌累及");
        made.clear();
        // 可见包膜 and 未见包膜 are both phrases: a look-alike between them (司见包膜) is left as read, and so is a
        // phrase that is itself one (可见 stays 可见).
        assertThat(ReportLexicon.correct("司见包膜。可见包膜。偶见包膜", unsure, made)).isEqualTo("司见包膜。可见包膜。偶见包膜");
        // A character read surely stays: 腺 here is sure, so the adenoma is no carcinoma.
        assertThat(ReportLexicon.correct("肝细胞腺瘤，肝细胞肝癌", c -> false, made)).isEqualTo("肝细胞腺瘤，肝细胞肝癌");
        assertThat(made).isEmpty();
        // Latin letters, digits and punctuation are never what is put back.
        assertThat(ReportLexicon.correct("微血管侵X（MVI）", c -> true, made)).isEqualTo("微血管侵X（MVI）");
        assertThat(ReportLexicon.phrases()).contains("未见廓清", "可见廓清", "未见癌累及", "可见癌累及", "未见包膜", "可见包膜")
                .allSatisfy(p -> assertThat(p.length()).isGreaterThanOrEqualTo(4));
    }

    @Test
    void theGradesSlotIsFoundHoweverTheEngineReadIt() {
        // II drawn at x 10–33 (two bars), the engine's words around it: the label, the colon left of the strokes, then
        // what it made of the slot.
        BufferedImage img = drawn("II");
        PageText.Word label = new PageText.Word("分级", 90, -60, 20, 50, 60, "1.1.1.1");
        PageText.Word colon = new PageText.Word(":", 90, 0, 30, 4, 20, "1.1.1.1");
        PageText.Word ji = new PageText.Word("级。", 90, 60, 20, 60, 60, "1.1.1.1");
        // Nothing read between the colon and the 级: the colon becomes the colon and the grade.
        assertThat(RomanGrades.read(img, List.of(label, colon, ji))).containsExactly(java.util.Map.entry(1, ":II"));
        // A word of its own (吊): it becomes the grade.
        PageText.Word misread = new PageText.Word("吊", 0, 10, 20, 24, 40, "1.1.1.1");
        assertThat(RomanGrades.read(img, List.of(label, colon, misread, ji))).containsExactly(java.util.Map.entry(2, "II"));
        // The grade run into the 级's word (中级。): the grade and the 级 after it.
        PageText.Word merged = new PageText.Word("中级。", 40, 8, 20, 112, 60, "1.1.1.1");
        assertThat(RomanGrades.read(img, List.of(label, colon, merged))).containsExactly(java.util.Map.entry(2, "II级。"));
        // On another line, or after a label that is no grade's: nothing.
        assertThat(RomanGrades.read(img, List.of(label, colon, new PageText.Word("级", 90, 60, 20, 60, 60, "1.1.1.2")))).isEmpty();
        assertThat(RomanGrades.read(img, List.of(new PageText.Word("日期", 90, -60, 20, 50, 60, "1.1.1.1"), colon, ji))).isEmpty();
    }

    @Test
    void linesThePrinterWrappedAreJoinedAndOthersAreNot() {
        // Four lines of one paragraph: a title as wide as the page, a line wrapped mid-sentence (the next starts in lower
        // case), a Chinese line wrapped between two characters, a last short line; then a line of another paragraph.
        String tsv = line("1.1.1.1", 100, 2000) + word("1.1.1.1", "REPORT") + line("1.1.1.2", 100, 1990) + word("1.1.1.2", "no")
                + line("1.1.1.3", 100, 1995) + word("1.1.1.3", "capsule.") + line("1.1.1.4", 100, 1980) + word("1.1.1.4", "边缘不光")
                + line("1.1.1.5", 100, 300) + word("1.1.1.5", "整。") + line("1.1.2.1", 100, 2000) + word("1.1.2.1", "印象");
        String txt = "Centre 2 Hospital - SURGICAL PATHOLOGY REPORT\nFINDINGS: mass, no\ncapsule. Margin smooth.\n边缘不光\n\n整。\n印象：LR-5。\n";
        assertThat(WrappedLines.join(txt, tsv)).isEqualTo(
                "Centre 2 Hospital - SURGICAL PATHOLOGY REPORT\nFINDINGS: mass, no capsule. Margin smooth.\n边缘不光整。\n印象：LR-5。");
        // Lines that do not match the layout one for one: left as they are.
        assertThat(WrappedLines.join("a\nb\nc", tsv)).isEqualTo("a\nb\nc");
    }

    private static String line(String key, int left, int width) {
        String[] k = key.split("\\.");
        return "4\t" + k[0] + "\t" + k[1] + "\t" + k[2] + "\t" + k[3] + "\t0\t" + left + "\t100\t" + width + "\t40\t-1\t\n";
    }

    private static String word(String key, String text) {
        String[] k = key.split("\\.");
        return "5\t" + k[0] + "\t" + k[1] + "\t" + k[2] + "\t" + k[3] + "\t1\t100\t100\t50\t40\t90\t" + text + "\n";
    }

    @Test
    void theCharacterErrorRateCountsEditsOverTheRightTextSpacesAside() {
        assertThat(CharacterErrors.edits("未见癌累及", "未见瘤累及")).isEqualTo(1);
        assertThat(CharacterErrors.edits("kitten", "sitting")).isEqualTo(3);
        assertThat(CharacterErrors.rate("微血管侵犯 M0", "微血管侵犯M0")).isZero();
        assertThat(CharacterErrors.rate("abcd", "abXd")).isEqualTo(0.25);
        assertThat(CharacterErrors.rate("", "")).isZero();
    }

    /** Strokes drawn black on white, 40 px tall: I a bar, V a V, # a filled square, . a dot. */
    private static BufferedImage drawn(String strokes) {
        BufferedImage img = new BufferedImage(200, 80, BufferedImage.TYPE_BYTE_GRAY);
        var g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 80);
        g.setColor(Color.BLACK);
        int x = 10;
        for (char c : strokes.toCharArray()) {
            switch (c) {
                case 'I' -> { g.fillRect(x, 20, 5, 40); x += 14; }
                case 'V' -> { g.fillPolygon(new Polygon(new int[] {x, x + 6, x + 15, x + 24, x + 30, x + 18, x + 12}, new int[] {20, 20, 50, 20, 20, 60, 60}, 7)); x += 36; }
                case '#' -> { g.fillRect(x, 20, 30, 40); x += 36; }
                case '.' -> { g.fillRect(x, 55, 5, 5); x += 10; }
                default -> throw new IllegalArgumentException(String.valueOf(c));
            }
        }
        g.dispose();
        return img;
    }
}
