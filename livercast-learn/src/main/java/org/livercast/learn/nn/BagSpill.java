package org.livercast.learn.nn;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A scratch file of flattened bags, for a training run whose slides' tiles do not fit the heap: each bag is written once
 * as the network takes it and read back whenever a batch is packed, so the heap holds one batch's bags, not the cohort's.
 * Reads come from the operating system's page cache while it has room, from the disk after that.
 *
 * <p>The file is unlinked as soon as it is open where the system allows it (POSIX), so a run that is killed leaves
 * nothing behind; elsewhere it is deleted on {@link #close} or at exit. Native byte order: the file never leaves this
 * process.
 */
public final class BagSpill implements Closeable {
    /** Bytes moved per read or write call: large enough to stream, small enough not to matter on the heap. */
    private static final int CHUNK_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private long endBytes;
    private volatile boolean closed;

    /** Where a bag is in the file. */
    public record Slot(BagSpill spill, long offsetBytes, int floats) {
        public Path file() { return spill.file; }

        void readInto(float[] dst, int at) throws IOException { spill.read(this, dst, at); }
    }

    private BagSpill(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** A new, empty spill file in {@code dir} (a folder on a disk: not /tmp where that is memory). */
    public static BagSpill create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "livercast-bags-", ".spill");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Files.delete(file);  // POSIX: the open channel keeps the data until it is closed
        } catch (IOException stillOpenElsewhere) {
            file.toFile().deleteOnExit();
        }
        return new BagSpill(file, channel);
    }

    public Path file() { return file; }

    /** Bytes written so far. */
    public synchronized long bytes() { return endBytes; }

    /** Appends a bag; its slot reads it back. */
    public synchronized Slot write(float[] bag) throws IOException {
        requireOpen();
        long offset = endBytes;
        ByteBuffer chunk = ByteBuffer.allocate(Math.min(CHUNK_BYTES, Math.max(Float.BYTES, bag.length * Float.BYTES))).order(ByteOrder.nativeOrder());
        FloatBuffer floats = chunk.asFloatBuffer();
        for (int from = 0; from < bag.length; ) {
            int n = Math.min(floats.capacity(), bag.length - from);
            floats.clear();
            floats.put(bag, from, n);
            chunk.clear().limit(n * Float.BYTES);
            while (chunk.hasRemaining()) endBytes += channel.write(chunk, endBytes);
            from += n;
        }
        return new Slot(this, offset, bag.length);
    }

    /** Reads a slot's floats into {@code dst} from {@code at}; safe from several threads (positional reads). */
    void read(Slot slot, float[] dst, int at) throws IOException {
        requireOpen();
        ByteBuffer chunk = ByteBuffer.allocate(Math.min(CHUNK_BYTES, Math.max(Float.BYTES, slot.floats() * Float.BYTES))).order(ByteOrder.nativeOrder());
        FloatBuffer floats = chunk.asFloatBuffer();
        long position = slot.offsetBytes();
        for (int done = 0; done < slot.floats(); ) {
            int n = Math.min(floats.capacity(), slot.floats() - done);
            chunk.clear().limit(n * Float.BYTES);
            while (chunk.hasRemaining()) {
                int read = channel.read(chunk, position + chunk.position());
                if (read < 0) throw new IOException("the spill file " + file + " ends before the bag at byte " + slot.offsetBytes() + " (truncated?)");
            }
            floats.clear();
            floats.get(dst, at + done, n);
            position += (long) n * Float.BYTES;
            done += n;
        }
    }

    private void requireOpen() throws IOException {
        if (closed) throw new IOException("the spill file " + file + " is closed: its bags were read after their training run ended");
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
        Files.deleteIfExists(file);
    }
}
