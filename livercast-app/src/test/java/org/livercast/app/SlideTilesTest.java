package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The Deep Zoom endpoints over real HTTP, as OpenSeadragon uses them: it reads the descriptor and asks for tiles named
 * with the descriptor's Format. Until 2026-12-03 the descriptor said "jpeg" and the server took only ".jpg", so the
 * patient page's slide viewer stayed dark.
 */
class SlideTilesTest {
    final WebFixture f = WebFixture.get();

    @Test
    void tilesAreServedUnderTheNameTheDescriptorGives() throws Exception {
        HttpClient own = f.signedIn("inv01");
        String slide = f.db.jdbi().withHandle(h -> h.createQuery("select f.sha256 from stored_file f join patient p on p.pk = f.patient_pk"
                + " where p.centre_id = 'C01' and f.kind = 'slide' limit 1").mapTo(String.class).one());
        String base = "/api/slides/" + slide;
        String dzi = own.send(get(base + "/slide.dzi"), HttpResponse.BodyHandlers.ofString()).body();
        String format = attribute(dzi, "Format");
        int tileSize = Integer.parseInt(attribute(dzi, "TileSize"));
        int overlap = Integer.parseInt(attribute(dzi, "Overlap"));
        long width = Long.parseLong(attribute(dzi, "Width"));
        long height = Long.parseLong(attribute(dzi, "Height"));
        int maxLevel = (int) Math.ceil(Math.log(Math.max(width, height)) / Math.log(2));

        // The full-resolution level's first tile, under the descriptor's own extension: a JPEG of one tile plus the
        // overlap on its interior edges.
        HttpResponse<byte[]> tile = own.send(get(base + "/slide_files/" + maxLevel + "/0_0." + format), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tile.statusCode()).isEqualTo(200);
        assertThat(tile.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/jpeg"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(tile.body()));
        assertThat(image.getWidth()).isEqualTo(tileSize + overlap);
        assertThat(image.getHeight()).isEqualTo(tileSize + overlap);
        // The level-0 tile is the whole slide in one pixel.
        BufferedImage top = ImageIO.read(new ByteArrayInputStream(
                own.send(get(base + "/slide_files/0/0_0." + format), HttpResponse.BodyHandlers.ofByteArray()).body()));
        assertThat(top.getWidth()).isEqualTo(1);

        // ".jpg" is the same tile; anything else is a 404 that says how tiles are named.
        HttpResponse<byte[]> jpg = own.send(get(base + "/slide_files/" + maxLevel + "/0_0.jpg"), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(jpg.statusCode()).isEqualTo(200);
        assertThat(jpg.body()).isEqualTo(tile.body());
        HttpResponse<String> png = own.send(get(base + "/slide_files/" + maxLevel + "/0_0.png"), HttpResponse.BodyHandlers.ofString());
        assertThat(png.statusCode()).isEqualTo(404);
        assertThat(png.body()).contains("0_0.png").contains("COLUMN_ROW.jpeg");

        // Another centre's investigator gets no tile, whatever its name.
        HttpClient c02 = f.signedIn("inv02");
        assertThat(c02.send(get(base + "/slide_files/" + maxLevel + "/0_0." + format), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    private static String attribute(String xml, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]+)\"").matcher(xml);
        assertThat(m.find()).as(name + " in " + xml).isTrue();
        return m.group(1);
    }

    private HttpRequest get(String path) { return HttpRequest.newBuilder(URI.create(f.url(path))).GET().build(); }
}
