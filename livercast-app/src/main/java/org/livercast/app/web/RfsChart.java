package org.livercast.app.web;

import java.util.Map;
import org.livercast.stats.plot.Svg;

/** A small SVG of predicted survival (RFS, OS) at years 1–5, one line per curve, the recommended strategy drawn thick. */
final class RfsChart {
    private RfsChart() {}

    static String svg(Map<String, double[]> curves, String recommended) {
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
        for (var e : curves.entrySet()) {
            boolean rec = recommended != null && e.getKey().equalsIgnoreCase(recommended);
            StringBuilder pts = new StringBuilder(Svg.n(left) + "," + Svg.n(top));
            double[] v = e.getValue();
            for (int yr = 0; yr < v.length && yr < 5; yr++) pts.append(' ').append(Svg.n(left + pw * (yr + 1) / 5.0)).append(',').append(Svg.n(top + ph * (1 - v[yr])));
            String colour = Svg.colour(i);
            s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(rec ? 4 : 2).append("\" points=\"").append(pts).append("\"/>");
            s.append("<text x=\"").append(w - right + 6).append("\" y=\"").append(top + 14 + 16 * i).append("\" font-size=\"11\" fill=\"").append(colour).append("\">")
                    .append(Svg.escape(e.getKey().replace('_', ' '))).append(rec ? " ★" : "").append("</text>");
            i++;
        }
        return s.append("</svg>").toString();
    }
}
