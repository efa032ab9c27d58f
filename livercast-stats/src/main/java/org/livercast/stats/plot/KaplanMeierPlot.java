package org.livercast.stats.plot;

import java.util.List;
import java.util.Locale;
import org.livercast.stats.survival.KaplanMeier;

/**
 * A publication-style Kaplan–Meier plot: one step curve per group with its 95% band, censoring marks, the
 * numbers at risk under the axis, and the log-rank p-value.
 */
public final class KaplanMeierPlot {
    private KaplanMeierPlot() {}

    /** Where the numbers-at-risk table's group names start, and the width of a character of their 12 px text. */
    private static final double RISK_LABEL_X = 10;
    private static final double CHAR_PX = 6.4;
    /** The longest group name the table shows whole ("prediction-consistent", "TACE + systemic"); longer ones are cut. */
    static final int MAX_RISK_LABEL_CHARS = 24;

    public record Group(String name, KaplanMeier.Curve curve) {}

    /**
     * @param pValue the log-rank p to print, or NaN for none
     * @param xMax   the time axis end (0 for automatic)
     */
    public static String render(String title, List<Group> groups, String xLabel, String yLabel, double pValue, double xMax) {
        double width = 720;
        double rowsHeight = 26 + 18 * groups.size();
        double height = 430 + rowsHeight;
        // The numbers-at-risk table names each group in full left of the axis: the plot moves right for long names.
        double labelsPx = 0;
        for (Group g : groups) labelsPx = Math.max(labelsPx, CHAR_PX * shorten(g.name()).length());
        double left = Math.max(80, RISK_LABEL_X + labelsPx + 12);
        double right = width - 30;
        double top = 50;
        double bottom = 360;
        double maxTime = 0;
        for (Group g : groups) maxTime = Math.max(maxTime, g.curve().time()[g.curve().size() - 1]);
        double end = xMax > 0 ? xMax : Scale.niceCeiling(maxTime, 6);
        Scale x = Scale.linear(0, end, left, right);
        Scale y = Scale.linear(0, 1, bottom, top);
        Svg svg = new Svg(width, height);
        Frame.title(svg, left, 28, title);
        Frame.draw(svg, x, y, xLabel, yLabel, true);
        for (int k = 0; k < groups.size(); k++) drawGroup(svg, x, y, groups.get(k).curve(), Svg.colour(k), end);
        String[] names = groups.stream().map(Group::name).toArray(String[]::new);
        String[] colours = new String[names.length];
        for (int k = 0; k < names.length; k++) colours[k] = Svg.colour(k);
        Frame.legend(svg, right - 170, top + 14, names, colours);
        if (!Double.isNaN(pValue)) {
            svg.text(left + 14, bottom - 16, "Log-rank p " + formatP(pValue), 13, "start", "#222222", null);
        }
        numbersAtRisk(svg, x, groups, bottom + 62, end);
        return svg.document(title == null ? "Kaplan-Meier plot" : title);
    }

    private static void drawGroup(Svg svg, Scale x, Scale y, KaplanMeier.Curve c, String colour, double end) {
        StringBuilder line = new StringBuilder("M" + Svg.n(x.map(0)) + "," + Svg.n(y.map(1)));
        StringBuilder upper = new StringBuilder("M" + Svg.n(x.map(0)) + "," + Svg.n(y.map(1)));
        StringBuilder lower = new StringBuilder();
        double prevLo = 1;
        double prevHi = 1;
        for (int i = 0; i < c.size() && c.time()[i] <= end; i++) {
            double px = x.map(c.time()[i]);
            line.append(" H").append(Svg.n(px)).append(" V").append(Svg.n(y.map(c.survival()[i])));
            double hi = Double.isNaN(c.upper95()[i]) ? prevHi : c.upper95()[i];
            double lo = Double.isNaN(c.lower95()[i]) ? prevLo : c.lower95()[i];
            upper.append(" H").append(Svg.n(px)).append(" V").append(Svg.n(y.map(hi)));
            lower.insert(0, " H" + Svg.n(px) + " V" + Svg.n(y.map(prevLo)));
            prevLo = lo;
            prevHi = hi;
        }
        double last = x.map(Math.min(end, c.time()[c.size() - 1]));
        line.append(" H").append(Svg.n(last));
        upper.append(" H").append(Svg.n(last)).append(" V").append(Svg.n(y.map(prevLo)));
        svg.path(upper + lower.toString() + " Z", "none", 0, colour, "fill-opacity=\"0.13\"");
        svg.path(line.toString(), colour, 2.2, "none", null);
        for (int i = 0; i < c.size() && c.time()[i] <= end; i++) {
            if (c.nCensor()[i] == 0) continue;
            double px = x.map(c.time()[i]);
            double py = y.map(c.survival()[i]);
            svg.line(px, py - 5, px, py + 5, colour, 1.4, null);
        }
    }

    private static void numbersAtRisk(Svg svg, Scale x, List<Group> groups, double top, double end) {
        svg.text(RISK_LABEL_X, top, "Number at risk", 12, "start", "#111111", "font-weight=\"bold\"");
        List<Double> ticks = x.ticks(6);
        for (int k = 0; k < groups.size(); k++) {
            double ry = top + 20 + 18 * k;
            svg.text(RISK_LABEL_X, ry, shorten(groups.get(k).name()), 12, "start", Svg.colour(k), null);
            for (double t : ticks) {
                if (t > end) continue;
                svg.text(x.map(t), ry, Integer.toString(atRisk(groups.get(k).curve(), t)), 12, "middle", "#222222", null);
            }
        }
    }

    /** Subjects still at risk at t: those whose time is t or later. */
    static int atRisk(KaplanMeier.Curve c, double t) {
        for (int i = 0; i < c.size(); i++) if (c.time()[i] >= t) return c.nRisk()[i];
        return 0;
    }

    /**
     * A group's name beside its numbers at risk: without a trailing "(n=…)" (the first column is n), whole up to
     * {@link #MAX_RISK_LABEL_CHARS} (a fixed 70 px had cut "surgery alone" to "surgery al…" and "inconsistent" to
     * "inconsiste…"), cut beyond.
     */
    static String shorten(String s) {
        String name = s.replaceFirst("\\s*\\(n\\s*=\\s*\\d+\\)\\s*$", "");
        return name.length() > MAX_RISK_LABEL_CHARS ? name.substring(0, MAX_RISK_LABEL_CHARS - 1) + "…" : name;
    }

    static String formatP(double p) {
        if (p < 0.001) return "< 0.001";
        return "= " + String.format(Locale.ROOT, p < 0.01 ? "%.3f" : "%.2f", p);
    }
}
