package org.livercast.pathology.sakura;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.OpenSlideOracle;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.write.PyramidWriter;
import org.livercast.pathology.write.SakuraWriter;
import org.livercast.pathology.write.SlideWriteOptions;

/**
 * Sakura VisionTek slides (.svslide: an SQLite database, each tile three greyscale JPEGs) as a scanner stores them are
 * read as OpenSlide reads them: the same levels, properties, associated images and pixels, byte for byte.
 */
class SakuraSlideTest {
    @TempDir
    Path dir;

    private Path svslide() throws Exception {
        Path svs = dir.resolve("source.svs");
        PyramidWriter.write(Synthetic.slide(1200, 900), svs, SlideWriteOptions.aperio(0.2527, 40, Synthetic.label("DOE^JOHN"), Synthetic.label("MACRO")));
        Path out = dir.resolve("S26 0117 #1?.svslide"); // a name a URI would have to escape
        try (TiffSlide s = TiffSlide.open(svs)) {
            assertThat(SakuraWriter.write(s, out, SakuraWriter.Options.defaults().withIdentifiers("S26-0117", "DOE liver"))).isEqualTo(s.levels().size());
        }
        return out;
    }

    @Test
    void openSlideReadsTheDatabaseAsSakuraWithTheSamePixels() throws Exception {
        Path f = svslide();
        try (WholeSlide s = Slides.open(f); TiffSlide src = TiffSlide.open(dir.resolve("source.svs"))) {
            assertThat(s).isInstanceOf(SakuraSlide.class);
            assertThat(s.levels()).extracting(Level::width).containsExactlyElementsOf(src.levels().stream().map(Level::width).toList());
            assertThat(s.levels().get(0).tileWidth()).isEqualTo(256);
            assertThat(s.properties()).containsEntry("openslide.vendor", "sakura").containsEntry("sakura.SlideId", "S26-0117")
                    .containsEntry("openslide.objective-power", "40");
            assertThat(s.associatedImages()).containsExactly("label", "macro", "thumbnail");
            RegionRequest r = new RegionRequest(0, 0, 0, 1200, 900);
            assertThat(s.readRegion(r).meanAbsoluteDifference(src.readRegion(r))).as("each channel coded as its own greyscale JPEG").isLessThan(2.5);

            Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
            List<String> regions = new ArrayList<>(List.of("0:0:0:600:300", "0:500:240:300:200", "0:1000:700:200:200"));
            for (Level l : s.levels().subList(1, s.levels().size())) regions.add(l.index() + ":0:0:" + l.width() + ":" + l.height());
            List<JsonNode> os = OpenSlideOracle.read(f, regions);
            JsonNode summary = os.get(0);
            assertThat(summary.get("level_count").asInt()).isEqualTo(s.levels().size());
            for (String key : List.of("openslide.vendor", "openslide.mpp-x", "openslide.mpp-y", "openslide.objective-power", "sakura.SlideId",
                    "sakura.Description", "sakura.ResolutionMmPerPix", "sakura.NominalLensMagnification", "sakura.VersionBytes", "sakura.FocussingMethod",
                    "openslide.level[1].width", "openslide.level[1].downsample", "openslide.level[2].tile-height")) {
                assertThat(s.properties().get(key)).as(key).isEqualTo(summary.get("properties").get(key).asText());
            }
            assertThat(summary.get("associated").toString()).contains("label").contains("macro").contains("thumbnail");
            for (int k = 0; k < regions.size(); k++) {
                String[] p = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                        Integer.parseInt(p[3]), Integer.parseInt(p[4])));
                assertThat(OpenSlideOracle.md5(ours)).as("region %s as OpenSlide reads it", regions.get(k)).isEqualTo(os.get(1 + k).get("md5").asText());
            }
        }
    }

    @Test
    void whatIsNotASakuraSlideOrLacksATileIsNamed() throws Exception {
        Path notDb = dir.resolve("text.svslide");
        Files.writeString(notDb, "not a database");
        assertThatThrownBy(() -> Slides.open(notDb)).isInstanceOf(TiffException.class).hasMessageContaining("text.svslide");
        Path f = svslide();
        Path broken = dir.resolve("broken.svslide");
        Files.copy(f, broken);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + broken); Statement st = db.createStatement()) {
            st.executeUpdate("DELETE FROM SVTileStore WHERE id = 'T;256|256;1;2;0'");
        }
        try (WholeSlide s = Slides.open(broken)) {
            assertThatThrownBy(() -> s.readTile(0, 1, 1)).isInstanceOf(TiffException.class).hasMessageContaining("broken.svslide")
                    .hasMessageContaining("T;256|256;1;2;0").hasMessageContaining("no such blob");
            assertThat(s.readTile(0, 0, 0).pixels()).as("the other tiles still read").hasSize(256 * 256);
        }
        Path badId = dir.resolve("badid.svslide");
        Files.copy(f, badId);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + badId); Statement st = db.createStatement()) {
            st.executeUpdate("INSERT INTO SVTileStore (id, data) VALUES ('T;0|0;01;0;0', x'00')");
        }
        assertThatThrownBy(() -> Slides.open(badId)).isInstanceOf(TiffException.class).hasMessageContaining("T;0|0;01;0;0").hasMessageContaining("print back");
        Path magic = dir.resolve("magic.svslide");
        Files.copy(f, magic);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + magic); Statement st = db.createStatement()) {
            st.executeUpdate("UPDATE SVTileStore SET data = 'Other' WHERE id = '++MagicBytes'");
        }
        assertThatThrownBy(() -> Slides.open(magic)).isInstanceOf(TiffException.class).hasMessageContaining("not a Sakura slide");
    }
}
