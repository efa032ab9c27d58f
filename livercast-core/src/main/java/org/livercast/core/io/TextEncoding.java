package org.livercast.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The text of a file as hospital systems write it: UTF-8 (with or without a byte-order mark), UTF-16 with its mark
 * (Windows' "Unicode"), or GB18030 — the Chinese national encoding that GBK and GB2312 are subsets of, which Chinese
 * pathology and radiology systems and Excel on a Chinese Windows still export. Read as UTF-8, such a report is not text
 * at all, or, decoded leniently, replacement characters where every finding was.
 *
 * <p>GB18030 maps nearly any byte pair to some character, so bytes are taken as GB18030 only when they are not UTF-8
 * and their non-ASCII characters are, nearly all, the 6,763 common characters and the punctuation of GB2312, as real
 * Chinese text is: a Latin-1 report's "é" followed by a letter decodes to a rare GBK ideograph instead, and is refused.
 */
public final class TextEncoding {
    private TextEncoding() {}

    /** GB2312's share of the non-ASCII characters below which bytes are not taken as Chinese text. */
    static final double GB2312_SHARE = 0.9;
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset GB2312 = Charset.forName("GB2312");

    /** Text and the encoding it was read in. */
    public record Decoded(String text, Charset charset) {
        /** Whether the bytes were not plain UTF-8 (and so a copy written as UTF-8 differs from them). */
        public boolean transcoded() { return !charset.equals(StandardCharsets.UTF_8); }
    }

    /**
     * The text of {@code bytes}, or empty when they are none of the encodings above (a binary file, or text in an
     * encoding that cannot be told). {@code complete} false: the bytes are a file's head, and a character cut at their
     * end is not an error.
     */
    public static Optional<Decoded> decode(byte[] bytes, boolean complete) {
        int n = bytes.length;
        if (n >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return strict(StandardCharsets.UTF_8, bytes, 3, complete).map(t -> new Decoded(t, StandardCharsets.UTF_8));
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return strict(StandardCharsets.UTF_16LE, bytes, 2, complete).map(t -> new Decoded(t, StandardCharsets.UTF_16LE));
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return strict(StandardCharsets.UTF_16BE, bytes, 2, complete).map(t -> new Decoded(t, StandardCharsets.UTF_16BE));
        }
        // Without a mark, a NUL is binary: no text in these encodings holds one.
        for (byte b : bytes) if (b == 0) return Optional.empty();
        Optional<String> utf8 = strict(StandardCharsets.UTF_8, bytes, 0, complete);
        if (utf8.isPresent()) return Optional.of(new Decoded(utf8.get(), StandardCharsets.UTF_8));
        return strict(GB18030, bytes, 0, complete).filter(TextEncoding::readsAsChinese).map(t -> new Decoded(t, GB18030));
    }

    /** The whole file's text; @throws IOException naming the file when it is not text in any of the encodings above. */
    public static Decoded read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), true).orElseThrow(() -> new NotTextException(file.toString()));
    }

    /** A file that should be text and is none that {@link TextEncoding} reads. */
    public static final class NotTextException extends IOException {
        public NotTextException(String file) {
            super(file + ": not text in UTF-8, UTF-16 (with its byte-order mark) or GB18030 (GBK, GB2312); save it as UTF-8");
        }
    }

    private static Optional<String> strict(Charset charset, byte[] bytes, int from, boolean complete) {
        CharsetDecoder d = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil((bytes.length - from) * (double) d.maxCharsPerByte()) + 4);
        try {
            var r = d.decode(ByteBuffer.wrap(bytes, from, bytes.length - from), out, complete);
            if (r.isError()) r.throwException();
            if (complete) {
                r = d.flush(out);
                if (r.isError()) r.throwException();
            }
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        out.flip();
        return Optional.of(out.toString());
    }

    private static boolean readsAsChinese(String text) {
        CharsetEncoder gb2312 = GB2312.newEncoder();
        int nonAscii = 0;
        int common = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) continue;
            nonAscii++;
            if (gb2312.canEncode(c)) common++;
        }
        return nonAscii > 0 && common >= GB2312_SHARE * nonAscii;
    }
}
