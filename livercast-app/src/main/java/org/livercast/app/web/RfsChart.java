package org.livercast.app.web;

import java.util.List;
import org.livercast.stats.plot.Svg;

/** A small SVG of predicted survival at years 1–5, one line per curve: the recommended strategy thick, overall survival dashed. */
final class RfsChart {
    private RfsChart() {}

    /**
     * @param byYear     survival at years 1, 2, … (at most five drawn), from 100% at surgery
     * @param emphasised drawn thick and starred (the recommended strategy)
     * @param dashed     drawn dashed (overall survival beside the recurrence-free curves)
     */
    record Curve(String label, double[] byYear, boolean emphasised, boolean dashed) {
        static Curve plain(String label, double[] byYear) { return new Curve(label, byYear, false, false); }
    }

    static String svg(List<Curve> curves) {
        int w = 380, h = 230, left = 44, right = 120, top = 12, bottom = 34;
        double pw = w - left - right, ph = h - top - bottom;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + h + "\" width=\"100%\" role=\"img\" aria-label=\"Predicted survival by year\">");
        s.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(Svg.n(pw)).append("\" height=\"").append(Svg.n(ph)).append("\" fill=\"#fff\" stroke=\"#c9d1d9\"/>");
        for (int k = 0; k <= 4; k++) {
            double y = top + ph * (1 - k / 4.0);
            s.append("<text x=\"").append(left - 6).append("\" y=\"").append(Svg.n(y + 4)).append("\" font-size=\"11\" text-anchor=\"end\">").append(k * 25).append("%</text>");
        }
        for (int yr = 0; yr <= 5; yr++) {
            double x = left + pw * yr / 5.0;
            s.append("<text x=\"").append(Svg.n(x)).append("\" y=\"").append(h - 16).append("\" font-size=\"11\" text-anchor=\"middle\">").append(yr).append("</text>");
        }
        s.append("<text x=\"").append(Svg.n(left + pw / 2)).append("\" y=\"").append(h - 2).append("\" font-size=\"11\" text-anchor=\"middle\">years after surgery</text>");
        int i = 0;
        for (Curve c : curves) {
            StringBuilder pts = new StringBuilder(Svg.n(left) + "," + Svg.n(top));
            double[] v = c.byYear();
            for (int yr = 0; yr < v.length && yr < 5; yr++) pts.append(' ').append(Svg.n(left + pw * (yr + 1) / 5.0)).append(',').append(Svg.n(top + ph * (1 - v[yr])));
            String colour = c.dashed() ? "#57606a" : Svg.colour(i);
            s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(c.emphasised() ? 4 : 2)
                    .append(c.dashed() ? "\" stroke-dasharray=\"6 4" : "").append("\" points=\"").append(pts).append("\"/>");
            s.append("<text x=\"").append(w - right + 6).append("\" y=\"").append(top + 14 + 16 * i).append("\" font-size=\"11\" fill=\"").append(colour).append("\">")
                    .append(Svg.escape(c.label())).append(c.emphasised() ? " ★" : "").append("</text>");
            i++;
        }
        return s.append("</svg>").toString();
    }
}
