package org.livercast.pathology.vms;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

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
     * The recorded row starts of each JPEG in the file's order, {@code rows.get(i)} rows for JPEG i; an entry is null when
     * none of that JPEG's rows is recorded, and a row not recorded is −1. A missing or unreadable file records nothing
     * (the slide reads as without it, by scanning): an empty list.
     */
    static List<long[]> rowStarts(Path opt, List<Integer> rows) {
        if (opt == null || !Files.isRegularFile(opt)) return List.of();
        List<long[]> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(opt, StandardOpenOption.READ)) {
            long records = ch.size() / RECORD_BYTES;
            long first = 0;
            for (int down : rows) {
                if (first >= records) {
                    out.add(null);
                } else {
                    long[] starts = new long[down];
                    int present = (int) Math.min(down, records - first);
                    ByteBuffer b = ByteBuffer.allocate(present * RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    while (b.hasRemaining() && ch.read(b, first * RECORD_BYTES + b.position()) >= 0) { /* positional read until full */ }
                    for (int r = 0; r < down; r++) starts[r] = r < present ? b.getLong(r * RECORD_BYTES) : -1;
                    out.add(starts);
                }
                first += down;
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }
}
