package org.livercast.pathology.slide;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffFile;

/**
 * Removes associated images (the label carries the patient's name; the macro often shows it too) from a copy of a
 * slide: their pixel bytes are overwritten with zeros and their directories unlinked from the IFD chain, so neither
 * OpenSlide nor a hex editor finds them. The pyramid is untouched.
 */
public final class AssociatedImageRemover {
    private AssociatedImageRemover() {}

    /** @return the names removed */
    public static List<String> remove(Path in, Path out, Set<String> names) throws IOException {
        List<Integer> drop = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        try (TiffSlide slide = TiffSlide.open(in)) {
            for (String name : slide.associatedImages()) {
                if (names.contains(name)) {
                    drop.add(slide.associatedIndex(name));
                    removed.add(name);
                }
            }
        }
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        if (drop.isEmpty()) return removed;
        try (TiffFile t = TiffFile.open(out); FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
            List<Ifd> ifds = t.ifds();
            for (int idx : drop) {
                Ifd ifd = ifds.get(idx);
                long[] offsets = ifd.tiled() ? ifd.numbers(Ifd.TILE_OFFSETS) : ifd.numbers(Ifd.STRIP_OFFSETS);
                long[] counts = ifd.tiled() ? ifd.numbers(Ifd.TILE_BYTE_COUNTS) : ifd.numbers(Ifd.STRIP_BYTE_COUNTS);
                for (int i = 0; i < offsets.length; i++) ch.write(ByteBuffer.allocate((int) counts[i]), offsets[i]);
            }
            // Relink: each kept directory points to the next kept one.
            List<Ifd> kept = ifds.stream().filter(i -> !drop.contains(i.index())).toList();
            for (int k = 0; k < kept.size(); k++) {
                long next = k + 1 < kept.size() ? kept.get(k + 1).offset() : 0;
                ByteBuffer b = ByteBuffer.allocate(t.bigTiff() ? 8 : 4).order(t.order());
                if (t.bigTiff()) b.putLong(next);
                else b.putInt((int) next);
                b.flip();
                ch.write(b, t.nextPointerPosition(kept.get(k)));
            }
        }
        return removed;
    }
}
