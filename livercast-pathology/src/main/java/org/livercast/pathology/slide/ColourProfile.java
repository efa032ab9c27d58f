package org.livercast.pathology.slide;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import org.livercast.pathology.tiff.TiffException;

/**
 * A slide's pixels in sRGB: converted from the colour space its ICC profile describes (a scanner's characterisation of
 * its camera and lamp) by the JDK's colour management (Little CMS), relative-colorimetric as the profile's default. Two
 * scanners' H&E then look alike on screen, and to a model that was not trained on either's colours.
 */
public final class ColourProfile {
    private final ICC_ColorSpace source;
    /**
     * Conversions not in use. A ColorConvertOp keeps its Little CMS transform between calls and is not safe to share, so
     * each caller takes one (making one, about a millisecond, when all are busy) and puts it back: a viewer's tiles of
     * one slide convert in parallel instead of one at a time under a lock (bench: ColourProfileBenchmark).
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<ColorConvertOp> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private ColourProfile(byte[] icc, String where) {
        ICC_Profile profile;
        try {
            profile = ICC_Profile.getInstance(icc);
        } catch (IllegalArgumentException e) {
            throw new TiffException(where + ": the ICC profile (" + icc.length + " bytes) cannot be read: " + e.getMessage(), e);
        }
        if (profile.getColorSpaceType() != ColorSpace.TYPE_RGB) {
            throw new TiffException(where + ": the ICC profile describes a colour space of " + profile.getNumComponents() + " components, not RGB");
        }
        this.source = new ICC_ColorSpace(profile);
        idle.add(newOp());
    }

    private ColorConvertOp newOp() {
        return new ColorConvertOp(source, ColorSpace.getInstance(ColorSpace.CS_sRGB), null);
    }

    /** The conversion from the colour space {@code icc} describes to sRGB; {@code where} names the slide in errors. */
    public static ColourProfile of(byte[] icc, String where) { return new ColourProfile(icc, where); }

    /** {@code img} converted to sRGB. */
    public RgbImage toSrgb(RgbImage img) {
        int w = img.width();
        int h = img.height();
        byte[] rgb = img.rgbBytes();
        Raster src = Raster.createInterleavedRaster(new DataBufferByte(rgb, rgb.length), w, h, 3 * w, 3, new int[] {0, 1, 2}, null);
        WritableRaster dst = Raster.createInterleavedRaster(DataBufferByte.TYPE_BYTE, w, h, 3 * w, 3, new int[] {0, 1, 2}, null);
        ColorConvertOp op = idle.poll();
        if (op == null) op = newOp();
        try {
            op.filter(src, dst);
        } finally {
            idle.add(op);
        }
        byte[] out = ((DataBufferByte) dst.getDataBuffer()).getData();
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) px[i] = (out[3 * i] & 0xFF) << 16 | (out[3 * i + 1] & 0xFF) << 8 | (out[3 * i + 2] & 0xFF);
        return new RgbImage(w, h, px);
    }

    /**
     * The slide's ICC profile when it is one a colour manager can use — an RGB profile that parses — and so worth carrying
     * into a copy or applying; bytes that are not are left behind (the pixels are then taken as stored).
     */
    public static java.util.Optional<byte[]> usableProfile(WholeSlide slide) {
        return slide.iccProfile().filter(icc -> {
            try {
                return ICC_Profile.getInstance(icc).getColorSpaceType() == ColorSpace.TYPE_RGB;
            } catch (IllegalArgumentException notAProfile) {
                return false;
            }
        });
    }

    /** The conversion a display of {@code slide} needs: none when the slide has no usable profile or an sRGB one. */
    public static java.util.Optional<ColourProfile> forDisplay(WholeSlide slide) {
        return usableProfile(slide).filter(p -> !isSrgb(p)).map(p -> of(p, "the slide's ICC profile"));
    }

    /**
     * Whether {@code icc} is sRGB: the JDK's own profile (as LiverCast's DICOM writer records it) or one whose description
     * names the standard ("sRGB IEC61966-2.1", as scanners and Little CMS name it) — not a "linear sRGB", whose curve differs.
     */
    public static boolean isSrgb(byte[] icc) {
        if (java.util.Arrays.equals(icc, ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData())) return true;
        try {
            byte[] desc = ICC_Profile.getInstance(icc).getData(ICC_Profile.icSigProfileDescriptionTag);
            return desc != null && new String(desc, java.nio.charset.StandardCharsets.ISO_8859_1).contains("sRGB IEC61966-2");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code img} of {@code slide} in sRGB: converted by the slide's profile, or as it is when the slide has none. */
    public static RgbImage toSrgb(WholeSlide slide, RgbImage img, String where) {
        return slide.iccProfile().map(icc -> of(icc, where).toSrgb(img)).orElse(img);
    }
}
