package org.livercast.pathology.vms;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A VMS slide's optimisation file ({@code OptimisationFile=} in the .vms): where each MCU row of each JPEG begins, so that
 * a reader need not scan a JPEG for its restart markers. As OpenSlide 3.4 reads it: one 40-byte record a row, the
 * offset in its first 8 bytes (little-endian), the grid's JPEGs row after row and the map last, all in one file. A file
 * that ends early leaves the rows after it unrecorded (the scanner's own files lack the very last record); a JPEG none of
 * whose rows are recorded gets none. Nothing here is trusted: {@link org.livercast.pathology.ndpi.RestartIndex} checks
 * each start against the markers it scans and drops a wrong record for the whole JPEG.
 */
final class OptimisationFile {
    static final int RECORD_BYTES = 40;

    private OptimisationFile() {}

    /**
     * The recorded starts of {@code rows} MCU rows from record {@code firstRecord} on (a JPEG's: the grid's files before it,
     * row after row, and then the map, take the records before), −1 for a row past the file's end; null when none of them
     * is recorded or the file is missing or unreadable (the JPEG is then scanned, as without an optimisation file).
     */
    static long[] rowStarts(Path opt, long firstRecord, int rows) {
        if (opt == null || !Files.isRegularFile(opt)) return null;
        try (FileChannel ch = FileChannel.open(opt, StandardOpenOption.READ)) {
            long records = ch.size() / RECORD_BYTES;
            if (firstRecord >= records) return null;
            int present = (int) Math.min(rows, records - firstRecord);
            ByteBuffer b = ByteBuffer.allocate(present * RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && ch.read(b, firstRecord * RECORD_BYTES + b.position()) >= 0) { /* positional reads until full */ }
            long[] starts = new long[rows];
            for (int r = 0; r < rows; r++) starts[r] = r < present ? b.getLong(r * RECORD_BYTES) : -1;
            return starts;
        } catch (IOException e) {
            return null;
        }
    }
}
