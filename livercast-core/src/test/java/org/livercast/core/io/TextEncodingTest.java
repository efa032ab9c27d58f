package org.livercast.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextEncodingTest {
    static final String REPORT = "病理诊断报告\n姓名：张三  住院号：C0155350991\n病理诊断：肝细胞癌，肿瘤大小 4.5 cm。\n微血管侵犯（MVI）：M2级。\n切缘：未见癌累及（R0）。\n";
    static final Charset GB18030 = Charset.forName("GB18030");

    @Test
    void aReportReadsTheSameWhateverAHospitalSystemSavedItIn() {
        for (Charset c : new Charset[] {StandardCharsets.UTF_8, GB18030, Charset.forName("GBK"), Charset.forName("GB2312")}) {
            var d = TextEncoding.decode(REPORT.getBytes(c), true).orElseThrow();
            assertThat(d.text()).as(c.name()).isEqualTo(REPORT);
            assertThat(d.transcoded()).as(c.name()).isEqualTo(c != StandardCharsets.UTF_8);
        }
        // With a byte-order mark: UTF-8 (as Excel and Notepad write it) and UTF-16 either way round; the mark is not text.
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertThat(TextEncoding.decode(concat(bom, REPORT.getBytes(StandardCharsets.UTF_8)), true).orElseThrow().text()).isEqualTo(REPORT);
        assertThat(TextEncoding.decode(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, REPORT.getBytes(StandardCharsets.UTF_16LE)), true).orElseThrow())
                .isEqualTo(new TextEncoding.Decoded(REPORT, StandardCharsets.UTF_16LE));
        assertThat(TextEncoding.decode(concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, REPORT.getBytes(StandardCharsets.UTF_16BE)), true).orElseThrow().text())
                .isEqualTo(REPORT);
        // Plain ASCII is UTF-8, not a transcoding.
        assertThat(TextEncoding.decode("Pathology report\nMVI: M1\n".getBytes(StandardCharsets.US_ASCII), true).orElseThrow().transcoded()).isFalse();
    }

    /** The same report as Taiwan's and Hong Kong's systems write it: traditional characters, Big5. */
    static final String TRADITIONAL = "病理診斷報告\n姓名：陳志明  住院號：T0155350991\n病理診斷：肝細胞癌，腫瘤大小 4.5 公分。\n微血管侵犯（MVI）：M2級。\n"
            + "衛星結節：無。包膜：不完整。\n切緣：未見癌累及（R0）。\n";

    @Test
    void aTraditionalChineseReportSavedInBig5IsReadAndNotMistakenForGb18030() {
        for (Charset c : new Charset[] {Charset.forName("Big5"), Charset.forName("Big5-HKSCS"), Charset.forName("x-windows-950")}) {
            var d = TextEncoding.decode(TRADITIONAL.getBytes(c), true).orElseThrow();
            assertThat(d.text()).as(c.name()).isEqualTo(TRADITIONAL);
            assertThat(d.charset().name()).isEqualTo("Big5-HKSCS");
        }
        // Line by line too (a short text has fewer characters to tell by), and the simplified report stays GB18030's.
        for (String line : TRADITIONAL.split("\n")) {
            assertThat(TextEncoding.decode(line.getBytes(Charset.forName("Big5")), true).orElseThrow().text()).as(line).isEqualTo(line);
        }
        for (String line : REPORT.split("\n")) {
            assertThat(TextEncoding.decode(line.getBytes(GB18030), true).orElseThrow().text()).as(line).isEqualTo(line);
        }
    }

    @Test
    void bytesThatAreNotChineseTextAreNotTakenForIt() throws Exception {
        // Latin-1 "Résection hépatique" decodes as GB18030 without error — into rare ideographs: refused, not mis-read.
        byte[] latin1 = "Résection hépatique, marge saine. Invasion microvasculaire: présente.".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Charset.forName("GB18030").newDecoder().decode(java.nio.ByteBuffer.wrap(latin1)).toString()).isNotEmpty();
        assertThat(TextEncoding.decode(latin1, true)).isEmpty();
        // A NUL is binary without a byte-order mark (a slide's header, a DICOM preamble).
        assertThat(TextEncoding.decode(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}, true)).isEmpty();
        Random r = new Random(5);
        int taken = 0;
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[200];
            r.nextBytes(b);
            if (TextEncoding.decode(b, true).isPresent()) taken++;
        }
        assertThat(taken).as("random 200-byte arrays read as text").isZero();
    }

    @Test
    void aFilesHeadCutInsideACharacterIsStillText(@TempDir Path dir) throws Exception {
        byte[] gb = REPORT.getBytes(GB18030);
        byte[] utf8 = REPORT.getBytes(StandardCharsets.UTF_8);
        // The first line, and one byte into the next line's first character (two bytes in GB18030, three in UTF-8).
        int gbLine = "病理诊断报告\n".getBytes(GB18030).length;
        int utf8Line = "病理诊断报告\n".getBytes(StandardCharsets.UTF_8).length;
        assertThat(TextEncoding.decode(Arrays.copyOf(gb, gbLine + 1), false).orElseThrow().text()).isEqualTo("病理诊断报告\n");
        assertThat(TextEncoding.decode(Arrays.copyOf(utf8, utf8Line + 2), false).orElseThrow().text()).isEqualTo("病理诊断报告\n");
        // The whole file cut there is not text.
        assertThat(TextEncoding.decode(Arrays.copyOf(utf8, utf8Line + 2), true)).isEmpty();
        Path f = Files.write(dir.resolve("report.txt"), gb);
        assertThat(TextEncoding.read(f).text()).isEqualTo(REPORT);
        Path bin = Files.write(dir.resolve("scan.bin"), new byte[] {1, 0, 2});
        assertThatThrownBy(() -> TextEncoding.read(bin)).isInstanceOf(TextEncoding.NotTextException.class)
                .hasMessage(bin + ": not text in UTF-8, UTF-16 (with its byte-order mark), GB18030 (GBK, GB2312) or Big5; save it as UTF-8");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
