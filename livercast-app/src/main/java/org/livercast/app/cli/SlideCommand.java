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
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.TiffSlide;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livercast slide info|region|tiles|qc}. */
@Command(name = "slide", mixinStandardHelpOptions = true, description = "Whole-slide images (pyramidal TIFF, BigTIFF, Aperio SVS).",
        subcommands = {SlideCommand.Info.class, SlideCommand.Region.class, SlideCommand.Tiles.class, SlideCommand.Qc.class})
final class SlideCommand {
    static String json(Object o) throws IOException {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(o);
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Levels, dimensions, downsamples, MPP, vendor, associated images.")
    static final class Info extends Leaf {
        @Parameters(paramLabel = "FILE") Path file;

        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() throws IOException {
            try (TiffSlide s = TiffSlide.open(file)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", file.toString());
                m.put("vendor", s.properties().get("openslide.vendor"));
                m.put("mpp", s.micronsPerPixel());
                m.put("objectivePower", s.properties().get("openslide.objective-power"));
                m.put("levels", s.levels());
                m.put("associatedImages", s.associatedImages());
                m.put("properties", new TreeMap<>(s.properties()));
                if (json) {
                    out().println(json(m));
                    return ExitCodes.OK;
                }
                out().printf("%s: %s, %d levels, %.4f µm/px%s%n", file, m.get("vendor"), s.levels().size(), s.micronsPerPixel(),
                        m.get("objectivePower") == null ? "" : ", " + m.get("objectivePower") + "x");
                for (Level l : s.levels()) {
                    out().printf("  level %d: %d x %d  downsample %.4f  tiles %d x %d%n", l.index(), l.width(), l.height(), l.downsample(),
                            l.tileWidth(), l.tileHeight());
                }
                out().println("  associated images: " + s.associatedImages());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "region", mixinStandardHelpOptions = true,
            description = "Read a region as OpenSlide's read_region: x, y in level-0 pixels; width, height in pixels of the level.")
    static final class Region extends Leaf {
        @Parameters(paramLabel = "FILE") Path file;

        @Option(names = "--level", defaultValue = "0") int level;

        @Option(names = "--x", required = true) long x;

        @Option(names = "--y", required = true) long y;

        @Option(names = "--width", required = true) int width;

        @Option(names = "--height", required = true) int height;

        @Option(names = "--out", required = true, paramLabel = "PNG") Path out;

        @Override
        public Integer call() throws IOException {
            try (TiffSlide s = TiffSlide.open(file)) {
                RgbImage img = s.readRegion(new RegionRequest(level, x, y, width, height));
                ImageIO.write(img.toBufferedImage(), "png", out.toFile());
                out().printf("wrote %s: %d x %d from level %d at (%d, %d)%n", out, width, height, level, x, y);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "tiles", mixinStandardHelpOptions = true,
            description = "Write the tissue tiles at a physical resolution as PNG files named x_y.png (level-0 coordinates).")
    static final class Tiles extends Leaf {
        @Parameters(paramLabel = "FILE") Path file;

        @Option(names = "--mpp", defaultValue = "0.5", description = "Microns per pixel of the tiles (default ${DEFAULT-VALUE}).") double mpp;

        @Option(names = "--size", defaultValue = "256", description = "Tile size in pixels (default ${DEFAULT-VALUE}).") int size;

        @Option(names = "--min-tissue", defaultValue = "0.5", description = "Minimum tissue fraction (default ${DEFAULT-VALUE}).") double minTissue;

        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(out);
            try (TiffSlide s = TiffSlide.open(file)) {
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
        @Parameters(paramLabel = "FILE") Path file;

        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() throws IOException {
            try (TiffSlide s = TiffSlide.open(file)) {
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
}
