package org.livercast.pathology.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
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

/**
 * A Philips IntelliSite TIFF — directories padded to whole tiles (level 0 keeps its padded size, the others are level
 * 0's over the XML's downsample), the MPP only in the XML description, the label a base64 JPEG inside that XML and the
 * barcode base64 — is read as OpenSlide reads it: the same levels, properties and pixels, MD5 for MD5; the label and
 * barcode are found (so de-identification can leave them behind), and the JPEG tiles are the source's, copied.
 */
class PhilipsTiffTest {
    @TempDir
    Path dir;

    @Test
    void readAsOpenSlideReadsItWithTheLabelAndBarcodeFound() throws Exception {
        Path svs = dir.resolve("s.svs");
        PyramidWriter.write(Synthetic.slide(1000, 700), svs, SlideWriteOptions.aperio(0.25, 40, Synthetic.label("DOE^JOHN"), Synthetic.label("MACRO")));
        Path f = dir.resolve("philips.tiff");
        try (TiffSlide source = TiffSlide.open(svs)) {
            PhilipsTiffWriter.write(source, f, "S26-0042 DOE", 0.9f);
        }
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as("the barcode is base64 in the XML, not text").doesNotContain("S26-0042").contains("DPUfsImport");
        try (WholeSlide opened = Slides.open(f); TiffSlide svsSlide = TiffSlide.open(svs)) {
            TiffSlide s = (TiffSlide) opened;
            assertThat(s.properties()).containsEntry("openslide.vendor", "philips").containsEntry("openslide.objective-power", "40")
                    .doesNotContainKey("tiff.ImageDescription");
            assertThat(s.micronsPerPixel()).isEqualTo(0.25);
            assertThat(s.levels()).extracting(l -> l.width() + "x" + l.height()).containsExactly("1024x768", "512x384", "256x192");
            assertThat(s.levels()).extracting(Level::downsample).containsExactly(1.0, 2.0, 4.0);
            assertThat(s.associatedImages()).containsExactlyInAnyOrder("label", "macro");
            assertThat(s.associatedImage("label").width()).isEqualTo(Synthetic.label("DOE^JOHN").width());
            assertThat(s.associatedImage("macro").pixels()).isEqualTo(svsSlide.associatedImage("macro").pixels());
            assertThat(s.philips().barcode()).isEqualTo("S26-0042 DOE");
            assertThat(s.jpegTile(1, 1, 1)).as("tiles copied from the SVS").isEqualTo(svsSlide.jpegTile(1, 1, 1));
            assertThat(s.readRegion(new RegionRequest(0, 0, 0, 1000, 700)).pixels()).isEqualTo(svsSlide.readRegion(new RegionRequest(0, 0, 0, 1000, 700)).pixels());

            Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
            List<String> regions = List.of("0:0:0:1000:700", "0:300:200:400:300", "1:0:0:500:350", "2:0:0:250:175");
            List<JsonNode> os = OpenSlideOracle.read(f, regions);
            assertThat(os.get(0).get("properties").get("openslide.vendor").asText()).isEqualTo("philips");
            assertThat(os.get(0).get("properties").get("openslide.mpp-x").asDouble()).isEqualTo(0.25);
            // OpenSlide 3.4 reads the XML's attributes as these properties (the objective power from them is 4.0's, as here).
            for (String key : List.of("philips.DICOM_PIXEL_SPACING", "philips.DICOM_DERIVATION_DESCRIPTION", "philips.PIM_DP_UFS_BARCODE",
                    "philips.PIIM_PIXEL_DATA_REPRESENTATION_SEQUENCE[2].DICOM_PIXEL_SPACING")) {
                assertThat(os.get(0).get("properties").get(key)).as(key).isNotNull();
                assertThat(s.properties().get(key)).as(key).isEqualTo(os.get(0).get("properties").get(key).asText());
            }
            assertThat(os.get(0).get("level_dimensions").toString()).isEqualTo("[[1024,768],[512,384],[256,192]]");
            for (int k = 0; k < regions.size(); k++) {
                String[] p = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                        Integer.parseInt(p[3]), Integer.parseInt(p[4])));
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(ours.rgbBytes()))).as(regions.get(k))
                        .isEqualTo(os.get(1 + k).get("md5").asText());
            }
        }
    }
}
