package org.livercast.stats.plot;

import java.util.List;
import java.util.Locale;

/** Forest plot of subgroup hazard ratios on a log axis, with the numbers in a column beside. */
public final class ForestPlot {
    private ForestPlot() {}

    public record Row(String label, double hr, double lower, double upper, String detail) {}

    /**
     * @param favoursLeft  what an effect below 1 favours (e.g. "adjuvant therapy better")
     * @param favoursRight what an effect above 1 favours
     */
    public static String render(String title, List<Row> rows, String effectLabel, String favoursLeft, String favoursRight) {
        double labelWidth = 200;
        double plotLeft = labelWidth + 20;
        double plotWidth = 300;
        double rowHeight = 26;
        double top = 70;
        double height = top + rows.size() * rowHeight + 70;
        Svg svg = new Svg(plotLeft + plotWidth + 230, height);
        double lo = 1;
        double hi = 1;
        for (Row r : rows) {
            lo = Math.min(lo, r.lower());
            hi = Math.max(hi, r.upper());
        }
        double[] nice = {0.1, 0.2, 0.25, 0.5, 1, 2, 4, 5, 10, 20};
        double min = 0.1;
        double max = 20;
        // Leave room on both sides of the data and of the null line at 1.
        for (double v : nice) if (v < lo * 0.9) min = v;
        for (int i = nice.length - 1; i >= 0; i--) if (nice[i] > hi * 1.1) max = nice[i];
        Scale x = Scale.log(min, max, plotLeft, plotLeft + plotWidth);
        Frame.title(svg, 20, 28, title);
        svg.text(20, top - 14, "Subgroup", 12, "start", "#111111", "font-weight=\"bold\"");
        svg.text(plotLeft + plotWidth + 20, top - 14, effectLabel + " (95% CI)", 12, "start", "#111111", "font-weight=\"bold\"");
        double bottom = top + rows.size() * rowHeight;
        svg.line(x.map(1), top - 6, x.map(1), bottom, "#666666", 1, "stroke-dasharray=\"4,3\"");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double cy = top + i * rowHeight + rowHeight / 2;
            svg.text(20, cy + 4, r.label(), 12, "start", "#222222", null);
            double a = x.map(Math.max(min, r.lower()));
            double b = x.map(Math.min(max, r.upper()));
            svg.line(a, cy, b, cy, Svg.colour(0), 1.6, null);
            svg.rect(x.map(r.hr()) - 5, cy - 5, 10, 10, Svg.colour(0), Svg.colour(0));
            svg.text(plotLeft + plotWidth + 20, cy + 4, String.format(Locale.ROOT, "%.2f (%.2f–%.2f)%s", r.hr(), r.lower(), r.upper(),
                    r.detail() == null ? "" : "  " + r.detail()), 12, "start", "#222222", null);
        }
        svg.line(plotLeft, bottom + 6, plotLeft + plotWidth, bottom + 6, "#333333", 1.2, null);
        for (double t : x.ticks(6)) {
            svg.line(x.map(t), bottom + 6, x.map(t), bottom + 11, "#333333", 1, null);
            svg.text(x.map(t), bottom + 25, Scale.label(t), 12, "middle", "#333333", null);
        }
        svg.text(x.map(min) + 4, bottom + 46, "← " + favoursLeft, 11, "start", "#666666", null);
        svg.text(x.map(max) - 4, bottom + 46, favoursRight + " →", 11, "end", "#666666", null);
        return svg.document(title == null ? "Forest plot" : title);
    }
}
