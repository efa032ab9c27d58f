package org.livercast.imaging.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A DICOM file's attributes without its pixels, and where the Pixel Data value starts: how a whole-slide image of
 * gigabytes is opened, its frames then read one at a time ({@link PixelDataIndex}). Only the bytes before Pixel Data
 * are read. The element is found by its tag at a top-level element boundary: a candidate inside an earlier value (an
 * ICC profile's bytes) leaves the data set before it unparseable or truncated, and the search goes on.
 *
 * @param pixelValueOffset    file offset of the Pixel Data value (its first item for encapsulated pixels)
 * @param pixelValueLength    the value's length in bytes, or -1 when undefined (encapsulated)
 */
public record DicomHeader(DicomFile file, long pixelValueOffset, long pixelValueLength) {
    private static final int FIRST_CHUNK = 1 << 16;
    private static final long MAX_HEADER = 1L << 30;

    public boolean encapsulated() { return pixelValueLength < 0; }

    public DicomObject dataSet() { return file.dataSet(); }

    public static DicomHeader read(Path path) throws IOException {
        String name = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            int chunk = (int) Math.min(size, FIRST_CHUNK);
            int from = 132;
            while (true) {
                byte[] head = readFully(ch, 0, chunk, name);
                for (int p = from; p + 8 <= head.length; p += 2) {
                    if (!(head[p] == (byte) 0xE0 && head[p + 1] == 0x7F && head[p + 2] == 0x10 && head[p + 3] == 0x00)) continue;
                    DicomFile parsed = parsePrefix(name, head, p);
                    if (parsed == null) continue;
                    if (parsed.transferSyntax().deflated()) throw new DicomFileException(name, "deflated transfer syntax: read the whole file instead");
                    return at(parsed, ch, p, name);
                }
                if (chunk == size) {
                    DicomFile whole = DicomReader.parse(name, head);
                    if (whole.truncated().isPresent()) throw new DicomFileException(name, "truncated: " + whole.truncated().get());
                    return new DicomHeader(whole, size, 0);                          // no Pixel Data at all
                }
                if (chunk >= MAX_HEADER) throw new DicomFileException(name, "no Pixel Data within the first " + MAX_HEADER + " bytes");
                from = Math.max(132, chunk - 8);
                chunk = (int) Math.min(size, Math.min(MAX_HEADER, 4L * chunk));
            }
        }
    }

    /** The data set before {@code end}, or null when {@code end} is not a top-level element boundary. */
    private static DicomFile parsePrefix(String name, byte[] head, int end) {
        try {
            DicomFile f = DicomReader.parse(name, java.util.Arrays.copyOf(head, end));
            return f.truncated().isPresent() ? null : f;
        } catch (DicomFileException e) {
            return null;
        }
    }

    private static DicomHeader at(DicomFile parsed, FileChannel ch, long p, String name) throws IOException {
        boolean explicit = parsed.transferSyntax().explicitVr();
        boolean big = parsed.transferSyntax().bigEndian();
        ByteBuffer b = ByteBuffer.wrap(readFully(ch, p, 12, name)).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long length;
        long value;
        if (explicit) {
            String vr = new String(new byte[] {b.get(4), b.get(5)}, java.nio.charset.StandardCharsets.US_ASCII);
            if (!vr.equals("OB") && !vr.equals("OW")) throw new DicomFileException(name, Tag.PixelData, "VR " + vr + ", expected OB or OW");
            length = Integer.toUnsignedLong(b.getInt(8));
            value = p + 12;
        } else {
            length = Integer.toUnsignedLong(b.getInt(4));
            value = p + 8;
        }
        if (length == 0xFFFFFFFFL) length = -1;
        else if (value + length > ch.size()) {
            throw new DicomFileException(name, Tag.PixelData, "declares " + length + " bytes but the file ends after " + (ch.size() - value));
        }
        return new DicomHeader(parsed, value, length);
    }

    static byte[] readFully(FileChannel ch, long at, int n, String name) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            int k = ch.read(b, at + b.position());
            if (k < 0) throw new DicomFileException(name, "ends at " + (at + b.position()) + ", " + n + " bytes wanted from " + at);
        }
        return b.array();
    }
}
