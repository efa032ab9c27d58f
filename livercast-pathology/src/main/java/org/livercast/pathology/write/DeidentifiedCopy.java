package org.livercast.pathology.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.livercast.pathology.leica.LeicaSlide;
import org.livercast.pathology.mirax.MiraxSlide;
import org.livercast.pathology.sakura.SakuraSlide;
import org.livercast.pathology.trestle.TrestleSlide;
import org.livercast.pathology.ventana.VentanaSlide;
import org.livercast.pathology.vms.VmsSlide;
import org.livercast.pathology.vms.VmuSlide;
import org.livercast.pathology.ndpi.NdpiSlide;
import org.livercast.pathology.slide.SlideDeidentifier;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.slide.WholeSlide;

/**
 * The copy of a slide file that may be stored: an Aperio SVS keeps its file, its label and macro removed and its text
 * scrubbed in place ({@link SlideDeidentifier}: its metadata is known field by field); any other format — Hamamatsu
 * NDPI, Philips TIFF (label and barcode in base64 inside its XML), Leica SCN (the glass's macro and the barcode in its
 * file), 3DHISTECH MIRAX (a folder of files: slide name and barcode in Slidedat.ini, label and macro in a data file),
 * Ventana BIF (the glass's photograph, the scanner's XML), Hamamatsu VMS and VMU (the macro beside, the operator's
 * keys in the .vms), Sakura SVSlide (the label, the overview and the slide's id and description in its database), Trestle (the macro beside it), a generic or other vendor's TIFF (labels in
 * directories nothing names, XMP packets, private tags) — is stored as a tiled TIFF of its pyramid alone
 * ({@link PyramidCopy}: JPEG tiles copied, other levels coded again at {@code quality}), with MPP, objective power and
 * the pixels' ICC profile (the scanner's colour characterisation) and nothing else, so no metadata this program does not know can carry an identifier into the store.
 */
public final class DeidentifiedCopy {
    private DeidentifiedCopy() {}

    /**
     * Writes the copy of {@code slide} (opened from {@code file}) to {@code out}; returns what was done, counted.
     *
     * @param cleaner removes the patient's known identifiers from free text
     */
    public static Map<String, Integer> write(WholeSlide slide, Path file, Path out, UnaryOperator<String> cleaner, float quality) throws IOException {
        if (slide instanceof TiffSlide t && t.philips() == null && "aperio".equals(slide.properties().get("openslide.vendor"))) {
            return SlideDeidentifier.deidentify(file, out, cleaner).actions();
        }
        String format = slide instanceof NdpiSlide ? "Hamamatsu NDPI" : slide instanceof LeicaSlide ? "Leica SCN" : slide instanceof MiraxSlide ? "3DHISTECH MIRAX"
                : slide instanceof VentanaSlide ? "Ventana BIF" : slide instanceof VmsSlide ? "Hamamatsu VMS" : slide instanceof VmuSlide ? "Hamamatsu VMU"
                : slide instanceof SakuraSlide ? "Sakura SVSlide" : slide instanceof TrestleSlide ? "Trestle TIFF"
                : slide instanceof TiffSlide t && t.philips() != null ? "Philips TIFF" : "TIFF (" + slide.properties().get("openslide.vendor") + ")";
        PyramidCopy.Result copy = PyramidCopy.write(slide, out, quality);
        Map<String, Integer> done = new TreeMap<>();
        done.put(format + " stored as tiled TIFF (" + copy.levelsCopied() + " levels' tiles copied, " + copy.levelsCodedAgain() + " coded again)", 1);
        if (!slide.associatedImages().isEmpty()) done.put(format + " label/macro images and scanner metadata not stored", slide.associatedImages().size());
        return done;
    }
}
