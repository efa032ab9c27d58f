package org.livercast.pathology.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.pathology.ndpi.NdpiSlide;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.tiff.TiffFile;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Opens a slide whatever it is stored as: a folder or file of DICOM whole-slide instances, a Hamamatsu NDPI file,
 * else a TIFF/SVS file.
 */
public final class Slides {
    private Slides() {}

    public static WholeSlide open(Path path) throws IOException {
        if (Files.isDirectory(path)) return DicomSlide.open(path);
        byte[] head = new byte[132];
        try (var in = Files.newInputStream(path)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n == head.length && DicomReader.isDicom(head)) return DicomSlide.open(path);
        }
        TiffFile tiff = TiffFile.open(path);
        return tiff.ndpi() ? NdpiSlide.of(tiff) : TiffSlide.of(tiff);
    }
}
