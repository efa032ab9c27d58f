package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.write.VentanaBifWriter;

/**
 * Writes a TIFF slide as a Roche Ventana scanner stores it (BIF: tiles of 1,024 px overlapping by 32, the scanner's
 * pyramid, every tile coded again); prints "seconds megapixels_per_second bytes" over the source's levels.
 */
public final class SlideToBif {
    private SlideToBif() {}

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long t = System.nanoTime();
        double pixels = 0;
        try (TiffSlide s = TiffSlide.open(in)) {
            VentanaBifWriter.write(s, out, VentanaBifWriter.Options.defaults());
            for (var l : s.levels()) pixels += (double) l.width() * l.height();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf(Locale.ROOT, "%.2f %.1f %d%n", seconds, pixels / 1e6 / seconds, Files.size(out));
    }
}
