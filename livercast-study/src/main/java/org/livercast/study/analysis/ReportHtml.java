package org.livercast.study.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.calibration.BinaryCalibration;
import org.livercast.stats.plot.CalibrationPlot;

/** What every section of an analysis report writes the same way: numbers, escaping, intervals and a calibration block. */
final class ReportHtml {
    private ReportHtml() {}

    static String fmt(double v, int digits) { return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "–"; }

    /** "0.812 (0.701–0.894)", or "–" when the estimate is not finite. */
    static String withCi(double v, double[] ci, int digits) {
        if (!Double.isFinite(v)) return "–";
        return fmt(v, digits) + (ci == null || !Double.isFinite(ci[0]) ? "" : " (" + fmt(ci[0], digits) + "–" + fmt(ci[1], digits) + ")");
    }

    static String pct(long a, long n) { return n == 0 ? "–" : String.format(Locale.ROOT, "%.0f%%", 100.0 * a / n); }

    static String esc(Object o) {
        return o == null ? "" : o.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * Calibration of a probability against a binary outcome: the grouped plot with binomial error bars, slope, intercept,
     * Brier and Hosmer–Lemeshow, or why it cannot be estimated: fewer than 10 subjects of either outcome (the recalibration
     * fit's slope is then an artefact of a handful of points — 2 benign lesions gave a slope of 8.7), or a fit that fails.
     */
    static String calibration(String title, BinaryData bd) {
        int events = 0;
        for (boolean y : bd.outcome()) if (y) events++;
        int n = bd.size();
        if (Math.min(events, n - events) < 10) {
            return "<p>Not estimable: " + n + " evaluable, " + events + " with the outcome and " + (n - events) + " without; calibration needs at least 10 of each.</p>";
        }
        int groups = Math.max(3, Math.min(10, n / 10));          // Hosmer–Lemeshow needs groups - 2 > 0
        try {
            BinaryCalibration.Result c = BinaryCalibration.of(bd.outcome(), bd.marker(), groups);
            List<CalibrationPlot.Point> pts = new ArrayList<>();
            for (BinaryCalibration.Group g : c.groups()) {
                double se = Math.sqrt(Math.max(1e-9, g.observed() * (1 - g.observed()) / Math.max(1, g.n())));
                pts.add(new CalibrationPlot.Point(g.meanPredicted(), g.observed(), Math.max(0, g.observed() - 1.96 * se), Math.min(1, g.observed() + 1.96 * se), g.n()));
            }
            return CalibrationPlot.render(title, pts, null, c.slope(), c.intercept(), "probability")
                    + "<p>Calibration slope " + fmt(c.slope(), 2) + ", intercept " + fmt(c.intercept(), 2) + ", Brier " + fmt(c.brier(), 3)
                    + ", Hosmer–Lemeshow χ² " + fmt(c.hosmerLemeshow(), 2) + " (df " + c.hlDf() + ", p " + fmt(c.hlP(), 3) + ").</p>";
        } catch (RuntimeException e) {
            return "<p>Not estimable: " + esc(e.getMessage()) + "</p>";
        }
    }
}
