package org.livercast.pathology.mirax;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.livercast.pathology.tiff.TiffException;

/**
 * A MIRAX slide's Index.dat: where each stored image lies in the data files. It opens with the index version "01.02" and
 * the slide's identifier (as Slidedat.ini gives it), then two little-endian pointers: to the table of the hierarchical
 * records (one per zoom level, each a chain of pages of (image index, offset, length, data file) entries) and to the
 * table of the non-hierarchical records (position buffer, macro, label, preview: one entry each). Every pointer and
 * entry is checked; a bad one fails naming the file and the record.
 */
public final class MiraxIndex {
    public static final String VERSION = "01.02";

    /** One stored image of a zoom level: its index in the level-0 image grid (row-major), and its bytes' place. */
    public record ImageRecord(int imageIndex, long offset, int length, int fileNumber) {}

    /** One non-hierarchical record's bytes. */
    public record DataRecord(long offset, int length, int fileNumber) {}

    private final Path file;
    private final ByteBuffer bytes;
    private final int hierRoot;
    private final int nonhierRoot;

    private MiraxIndex(Path file, ByteBuffer bytes, String slideId) {
        this.file = file;
        this.bytes = bytes;
        int head = VERSION.length() + slideId.length();
        if (bytes.limit() < head + 8) throw new TiffException(file + ": " + bytes.limit() + " bytes, shorter than its header");
        String version = new String(bytes.array(), 0, VERSION.length(), StandardCharsets.ISO_8859_1);
        if (!VERSION.equals(version)) throw new TiffException(file + ": index version '" + version + "', where " + VERSION + " is read");
        String id = new String(bytes.array(), VERSION.length(), slideId.length(), StandardCharsets.ISO_8859_1);
        if (!id.equals(slideId)) throw new TiffException(file + ": slide identifier '" + id + "' is not Slidedat.ini's SLIDE_ID '" + slideId + "'");
        this.hierRoot = pointer(head, "the hierarchical root");
        this.nonhierRoot = pointer(head + 4, "the non-hierarchical root");
    }

    public static MiraxIndex read(Path file, String slideId) throws IOException {
        if (!Files.isRegularFile(file)) throw new TiffException(file + ": missing (Slidedat.ini's INDEXFILE)");
        if (Files.size(file) > Integer.MAX_VALUE) throw new TiffException(file + ": larger than 2 GiB, more than an index holds");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        return new MiraxIndex(file, b, slideId);
    }

    /** The images of hierarchical record {@code record} (zoom level {@code record} of HIER_0), in the index's order. */
    public List<ImageRecord> images(int record) {
        String what = "zoom level " + record;
        int head = pointer(hierRoot + 4 * record, what + "'s pointer");
        if (integer(head, what) != 0) throw new TiffException(file + ": " + what + ": no 0 at the start of its list at " + head);
        int page = pointer(head + 4, what + "'s first page");
        List<ImageRecord> out = new ArrayList<>();
        int pages = 0;
        while (true) {
            int count = integer(page, what + " page " + pages + " length");
            int next = integer(page + 4, what + " page " + pages + " next pointer");
            if (count < 0 || (long) page + 8 + 16L * count > bytes.limit()) {
                throw new TiffException(file + ": " + what + " page " + pages + " at " + page + " claims " + count + " entries, beyond the file");
            }
            for (int i = 0; i < count; i++) {
                int at = page + 8 + 16 * i;
                int image = bytes.getInt(at);
                int offset = bytes.getInt(at + 4);
                int length = bytes.getInt(at + 8);
                int fileNo = bytes.getInt(at + 12);
                if (image < 0 || offset < 0 || length < 0 || fileNo < 0) {
                    throw new TiffException(file + ": " + what + " entry " + out.size() + ": negative image index, offset, length or file number ("
                            + image + ", " + offset + ", " + length + ", " + fileNo + ")");
                }
                out.add(new ImageRecord(image, Integer.toUnsignedLong(offset), length, fileNo));
            }
            if (next == 0) return out;
            if (++pages > bytes.limit() / 8) throw new TiffException(file + ": " + what + ": its pages loop");
            page = pointer(page + 4, what + " page " + pages);
        }
    }

    /** Non-hierarchical record {@code record}: the flat number counting every NONHIER name's values in order. */
    public DataRecord data(int record) {
        String what = "non-hierarchical record " + record;
        int head = pointer(nonhierRoot + 4 * record, what + "'s pointer");
        if (integer(head, what) != 0) throw new TiffException(file + ": " + what + ": no 0 at the start of its list at " + head);
        int page = pointer(head + 4, what + "'s page");
        if (integer(page, what) != 1) throw new TiffException(file + ": " + what + ": its page does not hold one entry");
        // Then the next pointer (OpenSlide has seen it nonzero and ignores it) and two zeros.
        if (integer(page + 8, what) != 0 || integer(page + 12, what) != 0) throw new TiffException(file + ": " + what + ": no zeros before its entry");
        int offset = integer(page + 16, what + " offset");
        int length = integer(page + 20, what + " length");
        int fileNo = integer(page + 24, what + " file number");
        if (offset < 0 || length < 0 || fileNo < 0) throw new TiffException(file + ": " + what + ": negative offset, length or file number");
        return new DataRecord(offset, length, fileNo);
    }

    private int integer(int at, String what) {
        if (at < 0 || at + 4 > bytes.limit()) throw new TiffException(file + ": " + what + " at " + at + " lies beyond the file (" + bytes.limit() + " bytes)");
        return bytes.getInt(at);
    }

    private int pointer(int at, String what) {
        int p = integer(at, what);
        if (p <= 0 || p + 4 > bytes.limit()) throw new TiffException(file + ": " + what + " points to " + p + ", outside the file (" + bytes.limit() + " bytes)");
        return p;
    }
}
