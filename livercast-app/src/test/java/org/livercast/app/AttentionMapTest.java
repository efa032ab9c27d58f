package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.livercast.learn.model.AttentionSpread;
import org.livercast.learn.model.Prediction;

/**
 * The attention heat map as a pathologist reads it, over real HTTP from the POST model the web fixture trained on its
 * slides: the overlay colours a tile only where the model gave it more than an even share, and the page says how
 * concentrated the attention is, so a flat attention is not mistaken for a finding.
 */
class AttentionMapTest {
    final WebFixture f = WebFixture.get();

    @Test
    void theOverlayColoursOnlyTilesAboveAnEvenShareAndThePageSaysHowConcentratedItIs() throws Exception {
        String p = f.patientWithAttention("C01");
        HttpClient own = f.signedIn("inv01");
        Latest latest = latestAttention(p);
        List<Prediction.TileAttention> tiles = latest.tiles();
        double even = 1.0 / tiles.size();
        String slide = f.db.jdbi().withHandle(h -> h.createQuery("select f.sha256 from stored_file f join patient p on p.pk = f.patient_pk"
                + " where p.centre_id = 'C01' and p.patient_id = :p and f.kind = 'slide'").bind("p", p).mapTo(String.class).one());

        HttpResponse<byte[]> png = own.send(get("/api/slides/" + slide + "/attention.png?centre=C01&patient=" + p), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        BufferedImage map = ImageIO.read(new ByteArrayInputStream(png.body()));
        int above = 0;
        Prediction.TileAttention top = tiles.get(0);
        for (Prediction.TileAttention t : tiles) {
            int centre = atCentre(map, t);
            int alpha = centre >>> 24;
            if (t.weight() > even * 1.0001) {
                above++;
                assertThat(alpha).as("tile at (%d, %d) with %.2f× an even share is drawn", t.x(), t.y(), t.weight() / even).isGreaterThan(0);
                assertThat((centre >> 16) & 0xFF).isEqualTo(255);
            } else if (t.weight() < even * 0.9999) {
                assertThat(alpha).as("tile at (%d, %d) with %.2f× an even share is clear", t.x(), t.y(), t.weight() / even).isZero();
            }
            if (t.weight() > top.weight()) top = t;
        }
        assertThat(above).as("some tile has more than an even share").isPositive();
        // The most attended tile is the most opaque and the reddest.
        int topArgb = atCentre(map, top);
        for (Prediction.TileAttention t : tiles) {
            int argb = atCentre(map, t);
            assertThat(argb >>> 24).isLessThanOrEqualTo(topArgb >>> 24);
            if (argb >>> 24 > 0) assertThat((argb >> 8) & 0xFF).as("green: yellower than the top tile").isGreaterThanOrEqualTo((topArgb >> 8) & 0xFF);
        }

        String page = own.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        AttentionSpread spread = AttentionSpread.of(tiles);
        assertThat(page).contains("id=\"attention-spread\">Attention of POST prediction #" + latest.predictionId() + " (model ").contains("against an even spread")
                .contains(String.format(java.util.Locale.ROOT, "the most attended tenth of the %d tissue tiles holds %.0f%% of the attention",
                        tiles.size(), 100 * spread.topTenthShare()));
    }

    /** The patient's latest POST prediction that read the slide, as stored: its id and its tiles' attention. */
    private record Latest(long predictionId, List<Prediction.TileAttention> tiles) {}

    private Latest latestAttention(String patient) throws Exception {
        var row = f.db.jdbi().withHandle(h -> h.createQuery("select prediction_id, body::text from prediction where centre_id = 'C01' and patient_id = :p"
                + " and kind = 'post' and jsonb_array_length(body->'slideAttention') > 0 order by predicted_at desc, prediction_id desc limit 1")
                .bind("p", patient).map((rs, ctx) -> java.util.Map.entry(rs.getLong(1), rs.getString(2))).one());
        List<Prediction.TileAttention> tiles = new ArrayList<>();
        for (JsonNode t : new ObjectMapper().readTree(row.getValue()).path("slideAttention")) {
            tiles.add(new Prediction.TileAttention(t.get("x").asLong(), t.get("y").asLong(), t.get("sizeLevel0").asLong(), t.get("weight").asDouble()));
        }
        assertThat(tiles).isNotEmpty();
        return new Latest(row.getKey(), tiles);
    }

    /** The overlay's pixel at a tile's centre (the overlay is 1/32 of level 0). */
    private static int atCentre(BufferedImage map, Prediction.TileAttention t) {
        return map.getRGB((int) ((t.x() + t.sizeLevel0() / 2) / 32), (int) ((t.y() + t.sizeLevel0() / 2) / 32));
    }

    private HttpRequest get(String path) { return HttpRequest.newBuilder(URI.create(f.url(path))).GET().build(); }
}
