package org.livercast.stats.plot;

import java.util.List;
import java.util.Locale;

/**
 * Calibration plot: grouped observed-vs-predicted points with 95% intervals, an optional smoothed curve, and the
 * line of perfect calibration; slope and intercept printed when given.
 */
public final class CalibrationPlot {
    private CalibrationPlot() {}

    /** One grouped point; lower/upper may be NaN when no interval is known. */
    public record Point(double predicted, double observed, double lower, double upper, int n) {}

    /** @param smooth x and y arrays of a smoothed curve (e.g. LOWESS), or null */
    public static String render(String title, List<Point> points, double[][] smooth, double slope, double intercept,
                                String axisLabel) {
        double left = 80;
        double top = 50;
        double plot = 380;
        double max = 0;
        for (Point p : points) max = Math.max(max, Math.max(p.predicted(), Double.isNaN(p.upper()) ? p.observed() : p.upper()));
        double end = Math.min(1, Scale.niceCeiling(Math.max(max, 0.05), 5));
        Svg svg = new Svg(560, 490);
        Scale x = Scale.linear(0, end, left, left + plot);
        Scale y = Scale.linear(0, end, top + plot, top);
        Frame.title(svg, left, 28, title);
        Frame.draw(svg, x, y, "Predicted " + axisLabel, "Observed " + axisLabel, true);
        svg.line(x.map(0), y.map(0), x.map(end), y.map(end), "#999999", 1, "stroke-dasharray=\"4,4\"");
        if (smooth != null) {
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < smooth[0].length; i++) {
                double sy = Math.max(0, Math.min(end, smooth[1][i]));
                d.append(i == 0 ? "M" : " L").append(Svg.n(x.map(smooth[0][i]))).append(',').append(Svg.n(y.map(sy)));
            }
            svg.path(d.toString(), Svg.colour(1), 2, "none", null);
        }
        for (Point p : points) {
            double px = x.map(p.predicted());
            if (!Double.isNaN(p.lower())) {
                svg.line(px, y.map(Math.max(0, p.lower())), px, y.map(Math.min(end, p.upper())), Svg.colour(0), 1.4, null);
            }
            svg.circle(px, y.map(p.observed()), 4.5, Svg.colour(0), "#ffffff");
        }
        double ty = top + 18;
        if (!Double.isNaN(slope)) {
            svg.text(left + 12, ty, String.format(Locale.ROOT, "Calibration slope %.2f", slope), 13, "start", "#222222", null);
            ty += 18;
        }
        if (!Double.isNaN(intercept)) {
            svg.text(left + 12, ty, String.format(Locale.ROOT, "Calibration-in-the-large %.2f", intercept), 13, "start", "#222222", null);
        }
        String[] labels = smooth == null ? new String[] {"Grouped (95% CI)", "Ideal"} : new String[] {"Grouped (95% CI)", "Smoothed", "Ideal"};
        String[] colours = smooth == null ? new String[] {Svg.colour(0), "#999999"} : new String[] {Svg.colour(0), Svg.colour(1), "#999999"};
        boolean[] dashed = new boolean[labels.length];
        dashed[labels.length - 1] = true;
        Frame.legend(svg, left + plot - 150, top + plot - 20 - 18 * (labels.length - 1), labels, colours, dashed);
        return svg.document(title == null ? "Calibration" : title);
    }
}
