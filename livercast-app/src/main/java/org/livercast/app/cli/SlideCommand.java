package org.livercast.app.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.livercast.pathology.analysis.QcReport;
import org.livercast.pathology.analysis.SlideQc;
import org.livercast.pathology.analysis.TileGrid;
import org.livercast.pathology.analysis.TissueMask;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.LevelStorage;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.dicom.DicomSlideWriter;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.write.NdpiWriter;
import org.livercast.pathology.dicom.WsiMetadata;
import org.livercast.pathology.slide.WholeSlide;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livercast slide info|region|tiles|qc|to-dicom|to-ndpi|to-mirax|to-bif|to-vms|to-svslide|to-trestle}. */
@Command(name = "slide", mixinStandardHelpOptions = true,
        description = "Whole-slide images (pyramidal TIFF, BigTIFF, Aperio SVS, Hamamatsu NDPI, VMS and VMU, Philips TIFF, Leica SCN, 3DHISTECH MIRAX,"
                + " Ventana BIF, Sakura SVSlide, Trestle;"
                + " DICOM whole-slide images, a folder or one file).",
        subcommands = {SlideCommand.Info.class, SlideCommand.Region.class, SlideCommand.Tiles.class, SlideCommand.Qc.class, SlideCommand.ToDicom.class,
                SlideCommand.ToNdpi.class, SlideCommand.ToMirax.class, SlideCommand.ToBif.class, SlideCommand.ToVms.class, SlideCommand.ToSvslide.class,
                SlideCommand.ToTrestle.class})
final class SlideCommand {
    static String json(Object o) throws IOException {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(o);
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Levels, dimensions, downsamples, MPP, vendor, associated images.")
    static final class Info extends Leaf {
        @Parameters(paramLabel = "SLIDE", description = "A TIFF/SVS/NDPI/SCN/BIF/SVSlide file, a MIRAX .mrxs (its folder beside it), a VMS/VMU (its files beside it),"
                + " or a DICOM whole-slide file or folder.") Path file;

        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() throws IOException {
            try (WholeSlide s = Slides.open(file)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", file.toString());
                m.put("vendor", s.properties().get("openslide.vendor"));
                m.put("mpp", s.micronsPerPixel());
                m.put("objectivePower", s.properties().get("openslide.objective-power"));
                m.put("levels", s.levels());
                m.put("associatedImages", s.associatedImages());
                m.put("properties", new TreeMap<>(s.properties()));
                // How each level is stored (DICOM instances, NDPI directories and scales, a VMS's files, …): what a hospital
                // sent is checked here before ingest.
                if (s instanceof LevelStorage st) {
                    List<List<String>> storage = new java.util.ArrayList<>();
                    for (Level l : s.levels()) storage.add(st.storage(l.index()));
                    m.put("storage", storage);
                }
                if (json) {
                    out().println(json(m));
                    return ExitCodes.OK;
                }
                out().printf("%s: %s, %d levels, %.4f µm/px%s%n", file, m.get("vendor"), s.levels().size(), s.micronsPerPixel(),
                        m.get("objectivePower") == null ? "" : ", " + m.get("objectivePower") + "x");
                for (Level l : s.levels()) {
                    out().printf("  level %d: %d x %d  downsample %.4f  tiles %d x %d%n", l.index(), l.width(), l.height(), l.downsample(),
                            l.tileWidth(), l.tileHeight());
                    if (s instanceof LevelStorage st) for (String part : st.storage(l.index())) out().println("    " + part);
                }
                out().println("  associated images: " + s.associatedImages());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "region", mixinStandardHelpOptions = true,
            description = "Read a region as OpenSlide's read_region: x, y in level-0 pixels; width, height in pixels of the level.")
    static final class Region extends Leaf {
        @Parameters(paramLabel = "SLIDE", description = "A TIFF/SVS/NDPI/SCN/BIF/SVSlide file, a MIRAX .mrxs (its folder beside it), a VMS/VMU (its files beside it),"
                + " or a DICOM whole-slide file or folder.") Path file;

        @Option(names = "--level", defaultValue = "0", description = "Pyramid level, 0 the full resolution (default ${DEFAULT-VALUE}).") int level;

        @Option(names = "--x", required = true, description = "Left edge in level-0 pixels.") long x;

        @Option(names = "--y", required = true, description = "Top edge in level-0 pixels.") long y;

        @Option(names = "--width", required = true, description = "Width in pixels of the level.") int width;

        @Option(names = "--height", required = true, description = "Height in pixels of the level.") int height;

        @Option(names = "--out", required = true, paramLabel = "PNG", description = "The PNG file to write.") Path out;

        @Option(names = "--srgb", description = "Convert the region to sRGB by the slide's ICC profile (the scanner's colour characterisation), if it has one.")
        boolean srgb;

        @Override
        public Integer call() throws IOException {
            try (WholeSlide s = Slides.open(file)) {
                RgbImage img = s.readRegion(new RegionRequest(level, x, y, width, height));
                boolean converted = srgb && s.iccProfile().isPresent();
                if (converted) img = org.livercast.pathology.slide.ColourProfile.toSrgb(s, img, file.toString());
                ImageIO.write(img.toBufferedImage(), "png", out.toFile());
                out().printf("wrote %s: %d x %d from level %d at (%d, %d)%s%n", out, width, height, level, x, y,
                        converted ? ", converted to sRGB by the slide's ICC profile" : srgb ? " (the slide has no ICC profile: as stored)" : "");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "tiles", mixinStandardHelpOptions = true,
            description = "Write the tissue tiles at a physical resolution as PNG files named x_y.png (level-0 coordinates).")
    static final class Tiles extends Leaf {
        @Parameters(paramLabel = "SLIDE", description = "A TIFF/SVS/NDPI/SCN/BIF/SVSlide file, a MIRAX .mrxs (its folder beside it), a VMS/VMU (its files beside it),"
                + " or a DICOM whole-slide file or folder.") Path file;

        @Option(names = "--mpp", defaultValue = "0.5", description = "Microns per pixel of the tiles (default ${DEFAULT-VALUE}).") double mpp;

        @Option(names = "--size", defaultValue = "256", description = "Tile size in pixels (default ${DEFAULT-VALUE}).") int size;

        @Option(names = "--min-tissue", defaultValue = "0.5", description = "Minimum tissue fraction (default ${DEFAULT-VALUE}).") double minTissue;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the tiles into (created if missing).") Path out;

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(out);
            try (WholeSlide s = Slides.open(file)) {
                TissueMask mask = TissueMask.of(TileGrid.overview(s, 512));
                List<TileGrid.Tile> tiles = TileGrid.of(s, mask, mpp, size, minTissue);
                for (TileGrid.Tile t : tiles) {
                    RgbImage img = TileGrid.read(s, t);
                    java.awt.image.BufferedImage scaled = new java.awt.image.BufferedImage(size, size, java.awt.image.BufferedImage.TYPE_INT_RGB);
                    var g = scaled.createGraphics();
                    g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    g.drawImage(img.toBufferedImage(), 0, 0, size, size, null);
                    g.dispose();
                    ImageIO.write(scaled, "png", out.resolve(t.x() + "_" + t.y() + ".png").toFile());
                }
                out().printf("wrote %d tissue tiles of %d px at %.3f µm/px to %s (tissue %.1f%% of the slide)%n", tiles.size(), size, mpp, out,
                        100 * mask.fraction());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "qc", mixinStandardHelpOptions = true,
            description = "Slide QC: tissue area, blur, folds, pen marks, faded stain; accept or reject with reasons. Exit 0 either way.")
    static final class Qc extends Leaf {
        @Parameters(paramLabel = "SLIDE", description = "A TIFF/SVS/NDPI/SCN/BIF/SVSlide file, a MIRAX .mrxs (its folder beside it), a VMS/VMU (its files beside it),"
                + " or a DICOM whole-slide file or folder.") Path file;

        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() throws IOException {
            try (WholeSlide s = Slides.open(file)) {
                QcReport r = SlideQc.assess(s);
                if (json) {
                    out().println(json(r));
                    return ExitCodes.OK;
                }
                out().printf("%s: %s%n", file, r.accepted() ? "ACCEPTED" : "REJECTED");
                out().printf("  tissue %.2f mm² (%.1f%% of the slide), blurred %.0f%%, folds %.1f%%, pen %.1f%%, median saturation %.0f%n",
                        r.tissueAreaMm2(), 100 * r.tissueFraction(), 100 * r.blurredFraction(), 100 * r.foldFraction(), 100 * r.penFraction(),
                        r.medianTissueSaturation());
                if (r.stains() != null) {
                    out().printf("  stain vectors: H %s  E %s%n", vector(r.stains().haematoxylin()), vector(r.stains().eosin()));
                }
                for (String reason : r.reasons()) out().println("  reason: " + reason);
            }
            return ExitCodes.OK;
        }

        private static String vector(double[] v) { return String.format(java.util.Locale.ROOT, "(%.3f, %.3f, %.3f)", v[0], v[1], v[2]); }
    }

    @Command(name = "to-dicom", mixinStandardHelpOptions = true,
            description = "Write a slide as a DICOM whole-slide image series (VL Whole Slide Microscopy) for a PACS: one file a level, JPEG tiles"
                    + " copied as frames, the label and macro as LABEL and OVERVIEW instances.")
    static final class ToDicom extends Leaf {
        @Parameters(paramLabel = "SLIDE", description = "The slide to copy (any format `slide info` reads).") Path file;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the series into, one file an instance.") Path out;

        @Option(names = "--slide-id", description = "Container (slide) identifier and Patient ID; default: the file's name without extension.")
        String slideId;

        @Option(names = "--scanned", description = "Acquisition date-time (ISO), default: the file's modification time.") String scanned;

        @Override
        public Integer call() throws IOException {
            String id = slideId != null ? slideId : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            java.time.LocalDateTime when = scanned != null ? java.time.LocalDateTime.parse(scanned)
                    : java.time.LocalDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), java.time.ZoneOffset.UTC).withNano(0);
            try (WholeSlide s = Slides.open(file)) {
                List<Path> written = DicomSlideWriter.write(s, WsiMetadata.anonymous(id, when, id + "/" + when), out);
                long bytes = 0;
                for (Path p : written) bytes += Files.size(p);
                out().printf("wrote %d DICOM instances (%d levels) to %s, %.1f MB%n", written.size(), s.levels().size(), out, bytes / 1e6);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "to-ndpi", mixinStandardHelpOptions = true,
            description = "Write a slide as Hamamatsu NDPI, as a NanoZoomer writes it: each level one JPEG (4:2:2) in restart intervals"
                    + " of one MCU row, their starts recorded; the macro, if the slide has one. OpenSlide reads the file as hamamatsu.")
    static final class ToNdpi extends Leaf {
        @Parameters(paramLabel = "SLIDE", description = "The slide to copy (any format `slide info` reads).") Path file;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The NDPI file to write.") Path out;

        @Option(names = "--reference", description = "The slide's reference (NDPI tag 65427), as a scanner's operator types it.") String reference;

        @Option(names = "--quality", defaultValue = "0.85", description = "JPEG quality, 0-1 (default ${DEFAULT-VALUE}).") float quality;

        @Override
        public Integer call() throws IOException {
            NdpiWriter.Options d = NdpiWriter.Options.defaults();
            NdpiWriter.Options o = new NdpiWriter.Options(quality, d.intervalPixels(), d.singleJpegPixels(), true, reference, d.scannerProperties());
            try (WholeSlide s = Slides.open(file)) {
                NdpiWriter.write(s, out, o);
                out().printf("wrote %s: %d levels, %.1f MB%n", out, s.levels().size(), Files.size(out) / 1e6);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "to-mirax", mixinStandardHelpOptions = true,
            description = "Write a slide as a 3DHISTECH MIRAX scanner stores it: FILE.mrxs and the folder FILE/ (Slidedat.ini, Index.dat,"
                    + " data files); overlapping photos at recorded camera positions, photos of bare glass not taken, the scanner's"
                    + " pyramid of concatenated images; label, macro and thumbnail. OpenSlide reads it as mirax.")
    static final class ToMirax extends Leaf {
        @Parameters(paramLabel = "SLIDE", description = "The slide to copy (any format `slide info` reads).") Path file;

        @Option(names = "--out", required = true, paramLabel = "FILE.mrxs", description = "The MIRAX file to write (and its folder of the same name beside it).") Path out;

        @Option(names = "--image-px", defaultValue = "256", description = "Side of a stored image, pixels (default ${DEFAULT-VALUE}).") int imagePx;

        @Option(names = "--overlap-px", defaultValue = "32", description = "Nominal overlap of neighbouring photos, pixels (default ${DEFAULT-VALUE}).") int overlapPx;

        @Option(names = "--quality", defaultValue = "0.85", description = "JPEG quality, 0-1 (default ${DEFAULT-VALUE}).") float quality;

        @Override
        public Integer call() throws IOException {
            org.livercast.pathology.write.MiraxWriter.Options d = org.livercast.pathology.write.MiraxWriter.Options.defaults();
            var o = d.withImages(imagePx, d.divisions(), overlapPx, d.jitterPixels()).withQuality(quality);
            try (WholeSlide s = Slides.open(file)) {
                var r = org.livercast.pathology.write.MiraxWriter.write(s, out, o);
                out().printf("wrote %s: %d zoom levels, %d of %d photos taken (%d x %d images), %d data files%n", out, r.zoomLevels(), r.photosTaken(),
                        r.photos(), r.imagesAcross(), r.imagesDown(), r.dataFiles());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "to-bif", mixinStandardHelpOptions = true,
            description = "Write a slide as a Roche Ventana scanner stores it (BIF, a BigTIFF): the slide scanned as one area of overlapping"
                    + " tiles kept whole in level 0, the stitcher's joints and the area's position in level 0's XMP packet, the scanner's pyramid;"
                    + " the glass's photograph as the Label Image. OpenSlide reads it as ventana.")
    static final class ToBif extends Leaf {
        @Parameters(paramLabel = "SLIDE", description = "The slide to copy (any format `slide info` reads).") Path file;

        @Option(names = "--out", required = true, paramLabel = "FILE.bif", description = "The BIF file to write.") Path out;

        @Option(names = "--tile-px", defaultValue = "1024", description = "Side of a tile, pixels (default ${DEFAULT-VALUE}).") int tilePx;

        @Option(names = "--overlap-px", defaultValue = "32", description = "Mean overlap of neighbouring tiles, pixels (default ${DEFAULT-VALUE}).") int overlapPx;

        @Override
        public Integer call() throws IOException {
            try (WholeSlide s = Slides.open(file)) {
                org.livercast.pathology.write.VentanaBifWriter.write(s, out, org.livercast.pathology.write.VentanaBifWriter.Options.defaults().withTiles(tilePx, overlapPx));
            }
            try (WholeSlide b = Slides.open(out)) {
                out().printf("wrote %s: %d levels, %.1f MB%n", out, b.levels().size(), Files.size(out) / 1e6);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "to-vms", mixinStandardHelpOptions = true,
            description = "Write a slide as a NanoZoomer of the VMS era stored it: FILE.vms naming a grid of JPEG files coded in restart"
                    + " intervals (FILE.jpg, FILE(x,y).jpg), the map FILE_map2.jpg, the macro and the optimisation file FILE.opt."
                    + " OpenSlide reads it as hamamatsu. With --uncompressed, a VMU instead (FILE.vmu and NGR images, six bytes a pixel).")
    static final class ToVms extends Leaf {
        @Parameters(paramLabel = "SLIDE", description = "The slide to copy (any format `slide info` reads).") Path file;

        @Option(names = "--out", required = true, paramLabel = "FILE.vms", description = "The VMS file to write (and the files it names beside it).") Path out;

        @Option(names = "--image-px", defaultValue = "4096", description = "Widest and highest a JPEG file of the grid is, pixels (default ${DEFAULT-VALUE}).")
        int imagePx;

        @Option(names = "--uncompressed", description = "Write a VMU (FILE.vmu, uncompressed NGR images) instead.") boolean uncompressed;

        @Override
        public Integer call() throws IOException {
            try (WholeSlide s = Slides.open(file)) {
                if (uncompressed) {
                    var files = org.livercast.pathology.write.VmuWriter.write(s, out, 64, 16);
                    out().printf("wrote %s and %d files beside it%n", out, files.size() - 1);
                } else {
                    var r = org.livercast.pathology.write.VmsWriter.write(s, out, org.livercast.pathology.write.VmsWriter.Options.defaults().withImagePixels(imagePx));
                    out().printf("wrote %s: %d x %d JPEG files (%d x %d pixels) and %d more files%n", out, r.columns(), r.rows(), r.width(), r.height(),
                            r.files().size() - 1 - r.columns() * r.rows());
                }
            }
            try (WholeSlide v = Slides.open(out)) {
                out().printf("reads as %d levels%n", v.levels().size());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "to-svslide", mixinStandardHelpOptions = true,
            description = "Write a slide as a Sakura VisionTek scanner stores it: FILE.svslide, an SQLite database of tiles, each three"
                    + " greyscale JPEGs (red, green, blue), the levels whose downsample is a power of 2, the label, overview and thumbnail."
                    + " OpenSlide reads it as sakura.")
    static final class ToSvslide extends Leaf {
        @Parameters(paramLabel = "SLIDE", description = "The slide to copy (any format `slide info` reads).") Path file;

        @Option(names = "--out", required = true, paramLabel = "FILE.svslide", description = "The SVSlide file to write.") Path out;

        @Option(names = "--tile-px", defaultValue = "256", description = "Side of a tile, pixels (default ${DEFAULT-VALUE}).") int tilePx;

        @Override
        public Integer call() throws IOException {
            int levels;
            try (WholeSlide s = Slides.open(file)) {
                levels = org.livercast.pathology.write.SakuraWriter.write(s, out, org.livercast.pathology.write.SakuraWriter.Options.defaults().withTiles(tilePx));
            }
            out().printf("wrote %s: %d levels, %.1f MB%n", out, levels, Files.size(out) / 1e6);
            return ExitCodes.OK;
        }
    }

    @Command(name = "to-trestle", mixinStandardHelpOptions = true,
            description = "Write a slide as a Trestle (MedScan) scanner stored it: FILE.tif, a tiled TIFF whose tiles overlap by what its"
                    + " description says, the MPP in its resolution tags, and the macro beside it as FILE.Full. OpenSlide reads it as trestle.")
    static final class ToTrestle extends Leaf {
        @Parameters(paramLabel = "SLIDE", description = "The slide to copy (any format `slide info` reads).") Path file;

        @Option(names = "--out", required = true, paramLabel = "FILE.tif", description = "The Trestle file to write (and its macro beside it as FILE.Full).") Path out;

        @Option(names = "--tile-px", defaultValue = "256", description = "Side of a tile, pixels (default ${DEFAULT-VALUE}).") int tilePx;

        @Option(names = "--overlap-px", defaultValue = "16", description = "Overlap of neighbouring tiles, pixels (default ${DEFAULT-VALUE}).") int overlapPx;

        @Override
        public Integer call() throws IOException {
            List<Path> files;
            try (WholeSlide s = Slides.open(file)) {
                files = org.livercast.pathology.write.TrestleWriter.write(s, out, new org.livercast.pathology.write.TrestleWriter.Options(tilePx, overlapPx, 0.9f));
            }
            try (WholeSlide t = Slides.open(out)) {
                out().printf("wrote %s (%d files): %d levels, %.1f MB%n", out, files.size(), t.levels().size(), Files.size(out) / 1e6);
            }
            return ExitCodes.OK;
        }
    }
}
