package org.livercast.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import org.livercast.pathology.dicom.DicomSlideWriter;
import org.livercast.pathology.dicom.WsiMetadata;
import org.livercast.pathology.slide.TiffSlide;

/** Writes a TIFF slide as a DICOM whole-slide series (JPEG tiles copied); prints "seconds megabytes_per_second". */
public final class SlideToDicom {
    private SlideToDicom() {}

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long t = System.nanoTime();
        long bytes = 0;
        try (TiffSlide s = TiffSlide.open(in)) {
            for (Path p : DicomSlideWriter.write(s, WsiMetadata.anonymous("BENCH", LocalDateTime.of(2026, 1, 1, 0, 0), "bench"), out)) {
                bytes += java.nio.file.Files.size(p);
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf(Locale.ROOT, "%.2f %.0f%n", seconds, bytes / 1e6 / seconds);
    }
}
