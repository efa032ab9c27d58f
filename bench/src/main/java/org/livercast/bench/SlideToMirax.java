package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.mirax.MiraxSlide;
import org.livercast.pathology.write.MiraxWriter;

/**
 * Writes a TIFF slide as a 3DHISTECH MIRAX scanner stores it (overlapping photos of 2 x 2 images of 256 px, the
 * scanner's pyramid, every image coded again); prints "seconds megapixels_per_second bytes" over the source's levels.
 */
public final class SlideToMirax {
    private SlideToMirax() {}

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long t = System.nanoTime();
        double pixels = 0;
        try (TiffSlide s = TiffSlide.open(in)) {
            MiraxWriter.write(s, out, MiraxWriter.Options.defaults());
            for (var l : s.levels()) pixels += (double) l.width() * l.height();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        long bytes = 0;
        try (var files = Files.walk(MiraxSlide.folder(out))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) bytes += Files.size(f);
        }
        System.out.printf(Locale.ROOT, "%.2f %.1f %d%n", seconds, pixels / 1e6 / seconds, bytes);
    }
}
