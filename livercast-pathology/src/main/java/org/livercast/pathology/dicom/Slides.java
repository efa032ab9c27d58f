package org.livercast.pathology.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.pathology.leica.LeicaSlide;
import org.livercast.pathology.mirax.MiraxSlide;
import org.livercast.pathology.ndpi.NdpiSlide;
import org.livercast.pathology.sakura.SakuraSlide;
import org.livercast.pathology.trestle.TrestleSlide;
import org.livercast.pathology.ventana.VentanaSlide;
import org.livercast.pathology.vms.VmsIndexFile;
import org.livercast.pathology.vms.VmsSlide;
import org.livercast.pathology.vms.VmuSlide;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.tiff.TiffFile;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Opens a slide whatever it is stored as: a folder or file of DICOM whole-slide instances, a 3DHISTECH MIRAX slide
 * (.mrxs), a Hamamatsu VMS or VMU (a key file naming the image files), a Sakura .svslide (an SQLite database), a
 * Hamamatsu NDPI file, a Leica SCN, a Ventana BIF, a Trestle TIFF, else a TIFF/SVS file.
 */
public final class Slides {
    private Slides() {}

    /** Formats a hospital may send that are not read, by file extension: named, so the sender knows what to export instead. */
    private static final Map<String, String> NOT_READ = Map.of(
            "kfb", "KFBio KFB", "sdpc", "Shengqiang SDPC", "isyntax", "Philips iSyntax", "czi", "Zeiss CZI",
            "vsi", "Olympus VSI");
    private static final String READ = "LiverCast reads Aperio SVS, tiled TIFF, Hamamatsu NDPI, VMS and VMU, Philips TIFF, Leica SCN, 3DHISTECH MIRAX, Ventana BIF,"
            + " Sakura SVSlide, Trestle and DICOM whole-slide images:"
            + " export the slide as one"
            + " of those (scanner software and PACS export DICOM or tiled TIFF)";

    /** Why a file is a slide LiverCast does not read (its vendor format, by extension, and what to send instead), if it is one. */
    public static java.util.Optional<String> notRead(Path path) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        String vendor = NOT_READ.get(name.substring(name.lastIndexOf('.') + 1));
        return vendor == null ? java.util.Optional.empty() : java.util.Optional.of(("AEIOU".indexOf(vendor.charAt(0)) >= 0 ? "an " : "a ") + vendor + " slide; " + READ);
    }

    public static WholeSlide open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            // A MIRAX slide's folder given for the slide: its .mrxs beside it is the slide.
            Path mrxs = path.resolveSibling(path.getFileName() + MiraxSlide.EXTENSION);
            if (Files.isRegularFile(path.resolve("Slidedat.ini")) && Files.isRegularFile(mrxs)) return MiraxSlide.open(mrxs);
            return DicomSlide.open(path);
        }
        // A MIRAX slide is its .mrxs file and the folder of the same name beside it.
        if (path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(MiraxSlide.EXTENSION)) return MiraxSlide.open(path);
        // A Hamamatsu VMS or VMU is a key file naming its images: what it is says which.
        if (VmsIndexFile.named(path)) return VmsIndexFile.read(path).compressed() ? VmsSlide.open(path) : VmuSlide.open(path);
        // A Sakura slide is an SQLite database of JPEG tiles.
        if (SakuraSlide.named(path)) return SakuraSlide.open(path);
        java.util.Optional<String> notRead = notRead(path);
        if (notRead.isPresent()) throw new TiffException(path + ": " + notRead.get());
        byte[] head = new byte[132];
        try (var in = Files.newInputStream(path)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n == head.length && DicomReader.isDicom(head)) return DicomSlide.open(path);
        }
        TiffFile tiff = TiffFile.open(path);
        // A Leica SCN holds several images (the scanned regions and the glass's macro) as pyramids in one TIFF: read
        // as one pyramid their levels would interleave; LeicaSlide places them as the XML says.
        if (LeicaSlide.is(tiff)) return LeicaSlide.of(tiff);
        // A Ventana BIF's level-0 tiles overlap by what its EncodeInfo says: placed on a plain grid they would be misplaced.
        if (VentanaSlide.is(tiff)) return VentanaSlide.of(tiff);
        // A Trestle slide's tiles overlap by what its description says, and its MPP is in the resolution tags.
        if (TrestleSlide.is(tiff)) return TrestleSlide.of(tiff);
        return tiff.ndpi() ? NdpiSlide.of(tiff) : TiffSlide.of(tiff);
    }
}
