package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.livercast.app.web.WebServer;
import org.livercast.study.access.Role;
import org.livercast.study.access.Users;
import org.livercast.study.db.Database;
import org.livercast.study.db.DatabaseConfig;

/**
 * One store for the web tests, built the way a site builds it: a synthetic two-centre export (MRI, slides, reports,
 * tables) ingested centre by centre, a POST model trained on the raw export with its slides, every stored patient
 * scored with it (the model reads the MRI too, so predictions carry an occlusion map), users for each role — and the web
 * server on a free port.
 */
final class WebFixture {
    static final String PASSWORD = "demo-password-1";
    private static WebFixture shared;
    final Path home;
    final Database db;
    final WebServer web;

    private WebFixture(Path home, Database db, WebServer web) {
        this.home = home;
        this.db = db;
        this.web = web;
    }

    static synchronized WebFixture get() {
        if (shared != null) return shared;
        try {
            Path tmp = Files.createTempDirectory("livercast-web");
            Path cohort = tmp.resolve("cohort");
            Path home = tmp.resolve("home");
            // The second centre sends its slides as DICOM whole-slide images: the pages show them as they show SVS ones.
            assertThat(Cli.runRaw("synth", "--patients", "16", "--centres", "2", "--seed", "8", "--out", cohort.toString(), "--slides-as", "by-centre")
                    .exitCode()).isZero();
            for (String c : new String[] {"01", "02"}) {
                Cli ingest = Cli.run(home, "ingest", "--quiet", "--centre", "C" + c, cohort.resolve("centre-" + c).toString());
                assertThat(ingest.exitCode()).as(ingest.out() + ingest.err()).isIn(0, 3);
            }
            Cli train = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("post").toString(),
                    "--max-epochs", "3");
            assertThat(train.exitCode()).as(train.out() + train.err()).isZero();
            Cli predict = Cli.run(home, "predict", "--model", tmp.resolve("post/model").toString(), "--stored");
            assertThat(predict.exitCode()).as(predict.out() + predict.err()).isZero();
            Database db = Database.open(Cli.config(home));
            Users users = new Users(db.jdbi());
            users.add("inv01", Role.SITE_INVESTIGATOR, "C01", PASSWORD);
            users.add("inv02", Role.SITE_INVESTIGATOR, "C02", PASSWORD);
            users.add("dm01", Role.DATA_MANAGER, "C01", PASSWORD);
            users.add("stats", Role.STATISTICIAN, null, PASSWORD);
            users.add("admin", Role.ADMINISTRATOR, null, PASSWORD);
            WebServer web = WebServer.start(db, home.resolve("store"), 0);
            shared = new WebFixture(home, db, web);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                web.close();
                db.close();
                org.livercast.core.io.Folders.deleteTreeQuietly(tmp);  // after the database in it has stopped
            }));
            return shared;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) { return "http://localhost:" + web.port() + path; }

    /** An HTTP client holding a session of the user (signed in through the real form). */
    java.net.http.HttpClient signedIn(String user) throws IOException, InterruptedException {
        var c = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        var r = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/login"))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + PASSWORD)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(user + " signs in").isEqualTo(302);
        return c;
    }

    /** The session's CSRF token, as a page carries it for its forms and scripts. */
    static String csrfToken(String page) {
        var m = java.util.regex.Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("the page carries the CSRF token").isTrue();
        return m.group(1);
    }

    /** A patient of the centre with a stored POST prediction that read its slide. */
    String patientWithAttention(String centre) {
        return db.jdbi().withHandle(h -> h.createQuery("select patient_id from prediction where centre_id = :c and kind = 'post'"
                + " and jsonb_array_length(body->'slideAttention') > 0 order by patient_id limit 1").bind("c", centre).mapTo(String.class).one());
    }
}
