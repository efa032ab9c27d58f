package org.livercast.pathology.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.livercast.pathology.slide.JpegTileAccess;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TileCodecs;

/**
 * Writes a slide as a Philips IntelliSite scanner exports it to TIFF: the pyramid's directories in order, each padded
 * to whole tiles (a directory's size is not the level's), the true scale only in the first directory's XML (a
 * DPUfsImport DataObject with each level's DICOM pixel spacing), the label a base64 JPEG inside that XML and the
 * barcode base64 beside it, the macro a directory described "Macro". JPEG tiles of the source ({@link JpegTileAccess})
 * are copied; other levels are coded at {@code quality}. OpenSlide reads the file as "philips" (PhilipsTiffTest).
 */
public final class PhilipsTiffWriter {
    private PhilipsTiffWriter() {}

    public static void write(WholeSlide slide, Path out, String barcode, float quality) throws IOException {
        double mpp = slide.micronsPerPixel();
        if (!(mpp > 0)) throw new IllegalArgumentException("the slide states no microns per pixel; Philips records it in the XML");
        String power = slide.properties().getOrDefault("openslide.objective-power", "20");
        List<TiffWriter.Directory> dirs = new ArrayList<>();
        try (TiffWriter w = new TiffWriter(out, false)) {
            List<Double> spacingsMm = new ArrayList<>();
            for (Level l : slide.levels()) {
                spacingsMm.add(mpp * l.downsample() / 1000);
                int across = l.tilesAcross();
                int down = l.tilesDown();
                long[] offsets = new long[across * down];
                long[] counts = new long[across * down];
                JpegTiles coder = slide instanceof JpegTileAccess ? null : new JpegTiles(quality);
                byte[] tables = null;
                for (int r = 0; r < down; r++) {
                    for (int c = 0; c < across; c++) {
                        byte[] tile = coder == null ? ((JpegTileAccess) slide).jpegTile(l.index(), c, r) : null;
                        if (tile == null) {
                            if (coder == null) coder = new JpegTiles(quality);
                            byte[] abbreviated = coder.encode(Regions.levelPixels(slide, l, (long) c * l.tileWidth(), (long) r * l.tileHeight(),
                                    l.tileWidth(), l.tileHeight()), l.tileWidth(), l.tileHeight());
                            tile = TileCodecs.spliceTables(coder.tables(), abbreviated);
                        }
                        offsets[r * across + c] = w.append(tile);
                        counts[r * across + c] = tile.length;
                    }
                }
                TiffWriter.Directory d = new TiffWriter.Directory();
                if (l.index() > 0) d.longs(Ifd.NEW_SUBFILE_TYPE, 1);
                d.longs(Ifd.IMAGE_WIDTH, (long) across * l.tileWidth()).longs(Ifd.IMAGE_LENGTH, (long) down * l.tileHeight())
                        .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 7).shorts(Ifd.PHOTOMETRIC, 6)
                        .shorts(Ifd.SAMPLES_PER_PIXEL, 3).shorts(Ifd.PLANAR_CONFIGURATION, 1).ascii(Ifd.SOFTWARE, "Philips DP v1.0 (LiverCast)")
                        .longs(Ifd.TILE_WIDTH, l.tileWidth()).longs(Ifd.TILE_LENGTH, l.tileHeight())
                        .offsets(Ifd.TILE_OFFSETS, false, offsets).offsets(Ifd.TILE_BYTE_COUNTS, false, counts).shorts(Ifd.YCBCR_SUBSAMPLING, 2, 2);
                dirs.add(d);
            }
            RgbImage label = slide.associatedImages().contains("label") ? slide.associatedImage("label") : null;
            dirs.get(0).ascii(Ifd.IMAGE_DESCRIPTION, xml(spacingsMm, power, barcode, label));
            if (slide.associatedImages().contains("macro")) {
                RgbImage macro = slide.associatedImage("macro");
                long at = w.append(macro.rgbBytes());
                dirs.add(new TiffWriter.Directory().longs(Ifd.NEW_SUBFILE_TYPE, 1).longs(Ifd.IMAGE_WIDTH, macro.width()).longs(Ifd.IMAGE_LENGTH, macro.height())
                        .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 1).shorts(Ifd.PHOTOMETRIC, 2).ascii(Ifd.IMAGE_DESCRIPTION, "Macro")
                        .longs(Ifd.STRIP_OFFSETS, at).shorts(Ifd.SAMPLES_PER_PIXEL, 3).longs(Ifd.ROWS_PER_STRIP, macro.height())
                        .longs(Ifd.STRIP_BYTE_COUNTS, macro.rgbBytes().length));
            }
            w.finish(dirs);
        }
    }

    /** The DPUfsImport XML, reduced to what readers use: manufacturer, barcode, the WSI image's scale and levels, the label. */
    static String xml(List<Double> spacingsMm, String objectivePower, String barcode, RgbImage label) throws IOException {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<DataObject ObjectType=\"DPUfsImport\">");
        attribute(x, "DICOM_MANUFACTURER", "0x0008", "0x0070", "IString", "PHILIPS");
        if (barcode != null) attribute(x, "PIM_DP_UFS_BARCODE", "0x301D", "0x1002", "IString", Base64.getEncoder().encodeToString(barcode.getBytes(StandardCharsets.UTF_8)));
        x.append("<Attribute Name=\"PIM_DP_SCANNED_IMAGES\" Group=\"0x301D\" Element=\"0x1003\" PMSVR=\"IDataObjectArray\"><Array>");
        x.append("<DataObject ObjectType=\"DPScannedImage\">");
        StringBuilder levels = new StringBuilder();
        for (int i = 0; i < spacingsMm.size(); i++) {
            levels.append(i == 0 ? "" : ",").append(Math.round(Double.parseDouble(objectivePower) * spacingsMm.get(0) / spacingsMm.get(i)));
        }
        attribute(x, "DICOM_DERIVATION_DESCRIPTION", "0x0008", "0x2111", "IString", "tiff-useBigTIFF=0-useRgb=0-levels=" + levels + "-processing=cpu");
        attribute(x, "DICOM_PIXEL_SPACING", "0x0028", "0x0030", "IDoubleArray", spacing(spacingsMm.get(0)));
        attribute(x, "PIM_DP_IMAGE_TYPE", "0x301D", "0x1004", "IString", "WSI");
        x.append("<Attribute Name=\"PIIM_PIXEL_DATA_REPRESENTATION_SEQUENCE\" Group=\"0x1001\" Element=\"0x8B01\" PMSVR=\"IDataObjectArray\"><Array>");
        for (int i = 0; i < spacingsMm.size(); i++) {
            x.append("<DataObject ObjectType=\"PixelDataRepresentation\">");
            attribute(x, "DICOM_PIXEL_SPACING", "0x0028", "0x0030", "IDoubleArray", spacing(spacingsMm.get(i)));
            attribute(x, "PIIM_PIXEL_DATA_REPRESENTATION_NUMBER", "0x101D", "0x2001", "IUInt16", Integer.toString(i));
            x.append("</DataObject>");
        }
        x.append("</Array></Attribute></DataObject>");
        if (label != null) {
            ByteArrayOutputStream jpg = new ByteArrayOutputStream();
            ImageIO.write(label.toBufferedImage(), "jpeg", jpg);
            x.append("<DataObject ObjectType=\"DPScannedImage\">");
            attribute(x, "PIM_DP_IMAGE_TYPE", "0x301D", "0x1004", "IString", "LABELIMAGE");
            attribute(x, "PIM_DP_IMAGE_DATA", "0x301D", "0x1005", "IString", Base64.getEncoder().encodeToString(jpg.toByteArray()));
            x.append("</DataObject>");
        }
        return x.append("</Array></Attribute></DataObject>").toString();
    }

    /** DICOM's row spacing then column spacing (mm), each quoted, as Philips writes them. */
    private static String spacing(double mm) { return String.format(Locale.ROOT, "&quot;%s&quot; &quot;%s&quot;", mm, mm); }

    private static void attribute(StringBuilder x, String name, String group, String element, String vr, String value) {
        x.append("<Attribute Name=\"").append(name).append("\" Group=\"").append(group).append("\" Element=\"").append(element)
                .append("\" PMSVR=\"").append(vr).append("\">").append(value).append("</Attribute>");
    }
}
