package org.livercast.ingest;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.livercast.synth.files.ScannedReport;

/**
 * Reports as hospitals send them on paper — printed by the information system, scanned, photographed
 * ({@link ScannedReport}, as the synthetic cohort writes them) — and one faxed beyond anybody's reading.
 */
public final class Scans {
    /** A font with the Chinese glyphs the centre's reports need (Debian's fonts-droid-fallback, which .ci/run installs). */
    public static final Path CJK_FONT = ScannedReport.CJK_FONT;

    private Scans() {}

    /** A page no one could read: the printed page at 60 dpi, blown up five times (as a fax of a photocopy). */
    static void illegibleJpeg(String report, Path out) throws Exception {
        BufferedImage small = ScannedReport.rendered(report, 60);
        BufferedImage big = new BufferedImage(small.getWidth() * 5, small.getHeight() * 5, BufferedImage.TYPE_BYTE_GRAY);
        var g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, big.getWidth(), big.getHeight(), null);
        g.dispose();
        ImageIO.write(big, "jpeg", out.toFile());
    }
}
