package org.livercast.ingest.discover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Word's control characters in a .doc's text become what the page shows (the files themselves: Word97ReportIngestTest). */
class DocTextTest {
    @Test
    void fieldsShowTheirResultNeverTheirCode() {
        // { PAGE } shown as 3; a MERGEFIELD whose result holds a nested { DATE } shows both results; a field without a
        // result (an index entry, { XE "..." }) shows nothing.
        String word = "第\u0013 PAGE \u00143\u0015页\r"
                + "姓名：\u0013 MERGEFIELD 姓名 \u0014张三 \u0013 DATE \\@ \"yyyy-MM-dd\" \u00142026-05-01\u0015\u0015\r"
                + "肝细胞癌\u0013 XE \"肝细胞癌\" \u0015。\r";
        assertThat(DocText.shown(word)).isEqualTo("第3页\n姓名：张三 2026-05-01\n肝细胞癌。\n");
    }

    @Test
    void breaksAndMarksAsThePageShowsThem() {
        // cell marks and line, page and column breaks end a line; a non-breaking hyphen is a hyphen; an optional hyphen,
        // a picture's and a drawing's anchor and a footnote's mark are not text.
        assertThat(DocText.shown("APHE\u0007yes\u0007LI\u001eRADS\u000bLR-5\u000cpage 2\u000ecolumn 2\r"))
                .isEqualTo("APHE\nyes\nLI-RADS\nLR-5\npage 2\ncolumn 2\n");
        assertThat(DocText.shown("hepato\u001fcellular\u0001\u0008 carcinoma\u0002\u0005\r")).isEqualTo("hepatocellular carcinoma\n");
    }

    @Test
    void compoundFilesAreToldApartFromTheirHead() {
        assertThat(DocText.isOle2(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0})).isTrue();
        assertThat(DocText.isOle2("PK\u0003\u0004....".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).isFalse();
        assertThat(DocText.isOle2(new byte[] {(byte) 0xD0, (byte) 0xCF})).isFalse();
    }
}
