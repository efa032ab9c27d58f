package org.livercast.app.web;

/** Server-rendered pages: one layout (navigation, skip link, focus styles, print styles), escaping, small helpers. */
final class Html {
    private Html() {}

    static String esc(Object o) {
        if (o == null) return "";
        return o.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    static String page(String title, WebUser user, String body) {
        StringBuilder s = new StringBuilder();
        s.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · LiverCast</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/livercast.css\">");
        if (user != null) s.append("<meta name=\"csrf-token\" content=\"").append(esc(user.csrfToken())).append("\">");
        s.append("</head><body><a class=\"skip\" href=\"#main\">Skip to content</a><header><nav aria-label=\"Main\">")
                .append("<a class=\"brand\" href=\"/\">LiverCast</a>");
        if (user != null) {
            if (user.user().role() != org.livercast.study.access.Role.STATISTICIAN) s.append("<a href=\"/patients\">Patients</a>");
            s.append("<a href=\"/study/P1\">Studies</a>");
            s.append("<span class=\"who\">").append(esc(user.user().username())).append(" · ").append(esc(user.user().role().id().replace('_', ' ')))
                    .append(user.user().centreId() == null ? "" : " · centre " + esc(user.user().centreId())).append("</span>")
                    .append("<form method=\"post\" action=\"/logout\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"")
                    .append(esc(user.csrfToken())).append("\"><button type=\"submit\">Sign out</button></form>");
        }
        s.append("</nav></header><main id=\"main\" tabindex=\"-1\">").append(body).append("</main></body></html>");
        return s.toString();
    }

    /** A protocol's cohort as people read it: a P4 strategy by its clinical name ("TACE + systemic"), others without underscores. */
    static String cohort(String id) { return org.livercast.core.model.AdjuvantStrategy.labelOf(id).replace('_', ' '); }

    static String pct(double p) { return String.format(java.util.Locale.ROOT, "%.0f%%", 100 * p); }

    /**
     * A model's probability as a clinician reads it: whole percent, but never "0%" or "100%" (a model is never certain:
     * "&lt;1%", "&gt;99%"), and never rounded up onto the 50% threshold it is below (0.498 would read "50% low risk";
     * it reads "49.8%", truncated to one decimal, so a number and its risk badge cannot disagree).
     */
    static String probability(double p) {
        if (Double.isNaN(p)) return "–";
        if (p < 0.005) return "&lt;1%";
        if (p >= 0.995) return "&gt;99%";
        if (p >= 0.495 && p < HIGH_RISK) return String.format(java.util.Locale.ROOT, "%.1f%%", Math.floor(1000 * p) / 10);
        return pct(p);
    }

    /** P2's high-risk threshold, the one a prediction's {@code highRisk} flag is set by. */
    static final double HIGH_RISK = org.livercast.learn.model.Prediction.HIGH_RISK_THRESHOLD;

    static String num(double v, int digits) { return String.format(java.util.Locale.ROOT, "%." + digits + "f", v); }
}
