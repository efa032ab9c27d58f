package org.livercast.app.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Path;
import java.util.Map;
import org.livercast.study.access.AccessDeniedException;
import org.livercast.study.access.Users;
import org.livercast.study.db.Database;

/**
 * LiverCast on the web (Javalin): server-rendered pages for clinicians and study staff, and a REST API described by
 * {@code /openapi.json}. Every request is resolved to a user from its session cookie; every page and API call checks
 * the user's role and centre; every state-changing request must carry the session's CSRF token; every read of patient
 * data is audited. Without a session the API answers 401 (pages redirect to sign-in); another centre's patient, 403.
 */
public final class WebServer implements AutoCloseable {
    static final String SESSION_COOKIE = "lc_session";
    private final Javalin app;

    private WebServer(Javalin app) { this.app = app; }

    /** Starts on the port (0: any free port). */
    public static WebServer start(Database db, Path storeDir, int port) {
        Users users = new Users(db.jdbi());
        PatientData data = new PatientData(db, storeDir);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/web";
                s.location = Location.CLASSPATH;
            });
            config.http.defaultContentType = "text/html; charset=utf-8";
        });
        app.before(ctx -> {
            String token = ctx.cookie(SESSION_COOKIE);
            // A FHIR client sends the session's token as a bearer token (it has no cookie jar); GETs only, so no CSRF to forge.
            String auth = ctx.header("Authorization");
            if (token == null && auth != null && auth.startsWith("Bearer ") && ctx.path().startsWith("/fhir/")) token = auth.substring(7).strip();
            users.session(token).ifPresent(s -> ctx.attribute("user", new WebUser(s.user(), s.csrfToken())));
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("X-Frame-Options", "DENY");
            boolean changes = !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD");
            if (changes && !ctx.path().equals("/login")) checkCsrf(ctx);
        });
        app.get("/health", ctx -> {
            boolean ok;
            try {
                ok = db.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()) == 1;
            } catch (RuntimeException e) {
                ok = false;
            }
            ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? "ok" : "unavailable", "database", ok ? "reachable" : "unreachable"));
        });
        new Auth(users).register(app);
        ImageRoutes images = new ImageRoutes(data);
        new PatientRoutes(data, images).register(app);
        new StudyRoutes(data).register(app);
        new FhirRoutes(data).register(app);
        images.register(app);
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(OpenApi.document()));
        app.get("/", ctx -> {
            WebUser u = ctx.attribute("user");
            if (u == null) ctx.redirect("/login");
            else ctx.redirect(u.user().role() == org.livercast.study.access.Role.STATISTICIAN ? "/study/P1" : "/patients");
        });
        app.exception(HttpError.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
        app.exception(AccessDeniedException.class, (e, ctx) -> error(ctx, 403, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(IllegalStateException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        app.start(port);
        return new WebServer(app);
    }

    public int port() { return app.port(); }

    @Override
    public void close() { app.stop(); }

    static WebUser user(Context ctx) {
        WebUser u = ctx.attribute("user");
        if (u == null) throw HttpError.unauthorized();
        return u;
    }

    static void setSession(Context ctx, String token) {
        ctx.cookie(new Cookie(SESSION_COOKIE, token, "/", (int) Users.SESSION_LIFETIME.toSeconds(), false, 0, true, null, null, SameSite.STRICT));
    }

    private static void checkCsrf(Context ctx) {
        WebUser u = ctx.attribute("user");
        if (u == null) throw HttpError.unauthorized();
        String sent = ctx.header("X-CSRF-Token");
        if (sent == null) sent = ctx.formParam("csrf");
        if (sent == null || !java.security.MessageDigest.isEqual(sent.getBytes(), u.csrfToken().getBytes())) {
            throw HttpError.forbidden("missing or wrong CSRF token");
        }
    }

    private static void error(Context ctx, int status, String message) {
        if (ctx.path().startsWith("/fhir/")) {
            // A FHIR client reads an OperationOutcome, whatever went wrong; never a sign-in redirect.
            ctx.status(status);
            try {
                FhirRoutes.send(ctx, org.livercast.fhir.OperationOutcomes.error(status, message == null ? "" : message));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        boolean api = ctx.path().startsWith("/api/") || "application/json".equals(ctx.header("Accept"));
        if (status == 401 && !api && ctx.method().name().equals("GET")) {
            ctx.redirect("/login?next=" + java.net.URLEncoder.encode(ctx.path(), java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        ctx.status(status);
        if (api) ctx.json(Map.of("status", status, "error", message == null ? "" : message));
        else ctx.html(Html.page("Error " + status, ctx.attribute("user"), "<h1>" + status + "</h1><p class=\"error\" role=\"alert\">" + Html.esc(message) + "</p>"));
    }
}
