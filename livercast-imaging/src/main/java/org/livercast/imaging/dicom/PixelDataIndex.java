package org.livercast.imaging.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each frame of a multi-frame file lies, so one frame is read without the others: native frames follow each
 * other at a fixed size; encapsulated frames are found from the item headers alone (8 bytes each), one fragment a
 * frame as whole-slide writers store them, or grouped by the Basic Offset Table when a frame spans fragments.
 * Thread-safe: positional reads on one open channel.
 */
public final class PixelDataIndex implements AutoCloseable {
    private final String file;
    private final FileChannel channel;
    /** Per frame, its fragments' value offsets and lengths. */
    private final long[][] offsets;
    private final int[][] lengths;

    private PixelDataIndex(String file, FileChannel channel, long[][] offsets, int[][] lengths) {
        this.file = file;
        this.channel = channel;
        this.offsets = offsets;
        this.lengths = lengths;
    }

    public static PixelDataIndex open(Path path, DicomHeader header, int frames, int frameBytesIfNative) throws IOException {
        String name = path.toString();
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            if (header.pixelValueLength() == 0 && !header.encapsulated()) throw new DicomFileException(name, Tag.PixelData, "no pixel data");
            long[][] off = new long[frames][];
            int[][] len = new int[frames][];
            if (!header.encapsulated()) {
                if ((long) frames * frameBytesIfNative > header.pixelValueLength()) {
                    throw new DicomFileException(name, Tag.PixelData, frames + " frames of " + frameBytesIfNative + " bytes need "
                            + (long) frames * frameBytesIfNative + " bytes; the value holds " + header.pixelValueLength());
                }
                for (int i = 0; i < frames; i++) {
                    off[i] = new long[] {header.pixelValueOffset() + (long) i * frameBytesIfNative};
                    len[i] = new int[] {frameBytesIfNative};
                }
                return new PixelDataIndex(name, ch, off, len);
            }
            List<long[]> items = items(ch, header.pixelValueOffset(), name);   // {value offset, length}
            if (items.isEmpty()) throw new DicomFileException(name, Tag.PixelData, "encapsulated pixel data has no offset table item");
            long[] table = offsetTable(ch, items.get(0), name);
            List<long[]> fragments = items.subList(1, items.size());
            if (fragments.isEmpty()) throw new DicomFileException(name, Tag.PixelData, "encapsulated pixel data holds no frame");
            if (fragments.size() == frames) {
                for (int i = 0; i < frames; i++) {
                    off[i] = new long[] {fragments.get(i)[0]};
                    len[i] = new int[] {(int) fragments.get(i)[1]};
                }
            } else if (frames == 1) {
                off[0] = fragments.stream().mapToLong(f -> f[0]).toArray();
                len[0] = fragments.stream().mapToInt(f -> (int) f[1]).toArray();
            } else if (table.length == frames) {
                // Offsets in the table count from the first fragment's item header.
                long base = fragments.get(0)[0] - 8;
                int f = 0;
                for (int i = 0; i < frames; i++) {
                    long end = i + 1 < frames ? base + table[i + 1] : Long.MAX_VALUE;
                    List<long[]> mine = new ArrayList<>();
                    while (f < fragments.size() && fragments.get(f)[0] - 8 < end) mine.add(fragments.get(f++));
                    if (mine.isEmpty() || mine.get(0)[0] - 8 != base + table[i]) {
                        throw new DicomFileException(name, Tag.PixelData, "the Basic Offset Table's entry for frame " + (i + 1) + " is no fragment's start");
                    }
                    off[i] = mine.stream().mapToLong(x -> x[0]).toArray();
                    len[i] = mine.stream().mapToInt(x -> (int) x[1]).toArray();
                }
            } else {
                throw new DicomFileException(name, Tag.PixelData, fragments.size() + " fragments for " + frames
                        + " frames and no Basic Offset Table to group them");
            }
            return new PixelDataIndex(name, ch, off, len);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public int frames() { return offsets.length; }

    /** One frame's bytes (an encapsulated frame's fragments joined), read from the file. */
    public byte[] frame(int index) throws IOException {
        if (index < 0 || index >= offsets.length) throw new IllegalArgumentException(file + ": frame " + (index + 1) + " of " + offsets.length);
        int total = 0;
        for (int n : lengths[index]) total += n;
        byte[] out = new byte[total];
        int filled = 0;
        for (int k = 0; k < offsets[index].length; k++) {
            ByteBuffer b = ByteBuffer.wrap(out, filled, lengths[index][k]);
            long at = offsets[index][k];
            while (b.hasRemaining()) {
                int n = channel.read(b, at + (b.position() - filled));
                if (n < 0) throw new DicomFileException(file, Tag.PixelData, "frame " + (index + 1) + " runs past the end of the file");
            }
            filled += lengths[index][k];
        }
        return out;
    }

    private static List<long[]> items(FileChannel ch, long at, String name) throws IOException {
        List<long[]> out = new ArrayList<>();
        long size = ch.size();
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (true) {
            if (at + 8 > size) throw new DicomFileException(name, Tag.PixelData, "encapsulated pixel data has no sequence delimiter before the end of the file");
            h.clear();
            while (h.hasRemaining()) ch.read(h, at + h.position());
            int tag = (h.getShort(0) & 0xFFFF) << 16 | (h.getShort(2) & 0xFFFF);
            long len = Integer.toUnsignedLong(h.getInt(4));
            if (tag == Tag.SequenceDelimitationItem) return out;
            if (tag != Tag.Item) throw new DicomFileException(name, Tag.PixelData, "expected a fragment item at offset " + at + ", found " + Tag.toString(tag));
            if (len > size - at - 8) throw new DicomFileException(name, Tag.PixelData, "fragment of " + len + " bytes at offset " + at + " runs past the end of the file");
            out.add(new long[] {at + 8, len});
            at += 8 + len;
        }
    }

    private static long[] offsetTable(FileChannel ch, long[] item, String name) throws IOException {
        if (item[1] % 4 != 0) throw new DicomFileException(name, Tag.PixelData, "Basic Offset Table of " + item[1] + " bytes is not a whole number of offsets");
        ByteBuffer b = ByteBuffer.wrap(DicomHeader.readFully(ch, item[0], (int) item[1], name)).order(ByteOrder.LITTLE_ENDIAN);
        long[] t = new long[(int) item[1] / 4];
        for (int i = 0; i < t.length; i++) t[i] = Integer.toUnsignedLong(b.getInt());
        return t;
    }

    @Override
    public void close() throws IOException { channel.close(); }
}
