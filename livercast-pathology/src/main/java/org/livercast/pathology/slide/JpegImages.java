package org.livercast.pathology.slide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.tiff.TileCodecs;

/** Whole JPEG images — a slide's label, macro or thumbnail, in a blob, a data file or a file beside the slide — decoded at the size their frame gives. */
public final class JpegImages {
    private JpegImages() {}

    /** {@code jpeg} decoded; what is not a baseline JPEG fails naming {@code where}. */
    public static RgbImage decode(byte[] jpeg, String where) {
        JpegFrameHeader f;
        try {
            f = JpegFrameHeader.of(jpeg, where);
        } catch (IllegalArgumentException e) {
            throw new TiffException(e.getMessage(), e);
        }
        return new RgbImage(f.width(), f.height(), TileCodecs.decodeJpeg(jpeg, f.width(), f.height(), where));
    }

    /** A JPEG file beside a slide, {@code role} saying what it is ("MacroImage of S.vms"): named when missing. */
    public static RgbImage read(Path file, String role) throws IOException {
        if (!Files.isRegularFile(file)) throw new TiffException(file + ": missing (" + role + ")");
        return decode(Files.readAllBytes(file), file + " (" + role + ")");
    }
}
