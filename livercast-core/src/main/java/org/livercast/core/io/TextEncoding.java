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
 * (Windows' "Unicode"), GB18030 — the Chinese national encoding that GBK and GB2312 are subsets of, which Chinese
 * pathology and radiology systems and Excel on a Chinese Windows still export — or Big5 (with Hong Kong's HKSCS), what
 * Taiwan's and Hong Kong's systems write traditional characters in. Read as UTF-8, such a report is not text at all,
 * or, decoded leniently, replacement characters where every finding was.
 *
 * <p>GB18030 and Big5 map nearly any byte pair to some character, so bytes are taken as one of them only when they are
 * not UTF-8 and their non-ASCII characters are, nearly all, that encoding's common ones, as real Chinese text is: for
 * GB18030 the 6,763 characters and the punctuation of GB2312, for Big5 its 5,401 frequently used characters and its
 * symbols. A Latin-1 report's "é" followed by a letter decodes to a rare ideograph in both, and is refused. The two
 * overlap (a Big5 pair can be a GBK one), but in different places: Big5's second bytes from 0x40 are never GB2312's, and
 * GB2312's later first bytes are Big5's less common characters; the encoding whose common share is higher is taken.
 */
public final class TextEncoding {
    private TextEncoding() {}

    /** The common characters' share of the non-ASCII ones below which bytes are not taken as Chinese text. */
    static final double COMMON_SHARE = 0.9;
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset GB2312 = Charset.forName("GB2312");
    private static final Charset BIG5 = Charset.forName("Big5-HKSCS");
    private static final Charset BIG5_CORE = Charset.forName("Big5");

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
        double gb = strict(GB18030, bytes, 0, complete).map(TextEncoding::gb2312Share).orElse(0.0);
        double big5 = strict(BIG5, bytes, 0, complete).map(TextEncoding::big5CommonShare).orElse(0.0);
        if (Math.max(gb, big5) < COMMON_SHARE) return Optional.empty();
        Charset charset = gb >= big5 ? GB18030 : BIG5;
        return strict(charset, bytes, 0, complete).map(t -> new Decoded(t, charset));
    }

    /** The whole file's text; @throws IOException naming the file when it is not text in any of the encodings above. */
    public static Decoded read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), true).orElseThrow(() -> new NotTextException(file.toString()));
    }

    /** A file that should be text and is none that {@link TextEncoding} reads. */
    public static final class NotTextException extends IOException {
        public NotTextException(String file) {
            super(file + ": not text in UTF-8, UTF-16 (with its byte-order mark), GB18030 (GBK, GB2312) or Big5; save it as UTF-8");
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

    /** The share of the non-ASCII characters that GB2312 has (0 when there are none). */
    private static double gb2312Share(String text) {
        CharsetEncoder gb2312 = GB2312.newEncoder();
        return share(text, gb2312::canEncode);
    }

    /** The share of the non-ASCII characters that are Big5's symbols or frequently used characters (first byte 0xA1–0xC6). */
    private static double big5CommonShare(String text) {
        CharsetEncoder big5 = BIG5_CORE.newEncoder();
        return share(text, c -> {
            if (!big5.canEncode(c)) return false;
            try {
                int lead = big5.encode(CharBuffer.wrap(new char[] {c})).get(0) & 0xFF;
                return lead >= 0xA1 && lead <= 0xC6;
            } catch (CharacterCodingException e) {
                return false;
            }
        });
    }

    private static double share(String text, java.util.function.Predicate<Character> common) {
        int nonAscii = 0;
        int in = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) continue;
            nonAscii++;
            if (common.test(c)) in++;
        }
        return nonAscii == 0 ? 0 : in / (double) nonAscii;
    }
}
