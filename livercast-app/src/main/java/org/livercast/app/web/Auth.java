package org.livercast.app.web;

import io.javalin.Javalin;
import org.livercast.study.access.Users;

/** Sign-in and sign-out. A failed sign-in says only that it failed (not whether the user exists) and is audited. */
final class Auth {
    private final Users users;

    Auth(Users users) { this.users = users; }

    void register(Javalin app) {
        app.get("/login", ctx -> ctx.html(form(ctx.queryParam("next"), null)));
        app.post("/login", ctx -> {
            var s = users.signIn(ctx.formParam("username"), ctx.formParam("password"));
            if (s.isEmpty()) {
                ctx.status(401).html(form(ctx.formParam("next"), "Wrong username or password."));
                return;
            }
            WebServer.setSession(ctx, s.get().token());
            String next = ctx.formParam("next");
            ctx.redirect(next != null && next.startsWith("/") && !next.startsWith("//") ? next : "/");
        });
        app.post("/logout", ctx -> {
            users.signOut(ctx.cookie(WebServer.SESSION_COOKIE));
            ctx.removeCookie(WebServer.SESSION_COOKIE, "/");
            ctx.redirect("/login");
        });
    }

    private static String form(String next, String error) {
        return Html.page("Sign in", null, "<h1>Sign in</h1>"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + Html.esc(error) + "</p>")
                + "<form method=\"post\" action=\"/login\" class=\"card\" style=\"max-width:420px\">"
                + "<input type=\"hidden\" name=\"next\" value=\"" + Html.esc(next == null ? "/" : next) + "\">"
                + "<p><label for=\"username\">Username</label><br><input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus></p>"
                + "<p><label for=\"password\">Password</label><br><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>"
                + "<p><button type=\"submit\" id=\"sign-in\">Sign in</button></p></form>");
    }
}
