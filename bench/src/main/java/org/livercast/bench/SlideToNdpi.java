package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.write.NdpiWriter;

/** Writes a TIFF slide as Hamamatsu NDPI (every level coded again, in restart intervals); prints "seconds megapixels_per_second". */
public final class SlideToNdpi {
    private SlideToNdpi() {}

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long t = System.nanoTime();
        double pixels = 0;
        try (TiffSlide s = TiffSlide.open(in)) {
            NdpiWriter.write(s, out, NdpiWriter.Options.defaults());
            for (var l : s.levels()) pixels += (double) l.width() * l.height();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf(Locale.ROOT, "%.2f %.1f %d%n", seconds, pixels / 1e6 / seconds, Files.size(out));
    }
}
