package org.livercast.stats.plot;

import java.util.List;
import java.util.Locale;
import org.livercast.stats.binary.ConfusionMetrics;
import org.livercast.stats.binary.Roc;

/** ROC curves (sensitivity against 1 − specificity) with each marker's AUC and DeLong 95% CI in the legend. */
public final class RocPlot {
    private RocPlot() {}

    public record Marker(String name, Roc roc) {}

    public static String render(String title, List<Marker> markers) {
        double size = 520;
        double left = 80;
        double top = 50;
        double plot = 380;
        Svg svg = new Svg(size + 40, 490);
        Scale x = Scale.linear(0, 1, left, left + plot);
        Scale y = Scale.linear(0, 1, top + plot, top);
        Frame.title(svg, left, 28, title);
        Frame.draw(svg, x, y, "1 − specificity", "Sensitivity", true);
        svg.line(x.map(0), y.map(0), x.map(1), y.map(1), "#999999", 1, "stroke-dasharray=\"4,4\"");
        String[] labels = new String[markers.size()];
        String[] colours = new String[markers.size()];
        for (int k = 0; k < markers.size(); k++) {
            Roc roc = markers.get(k).roc();
            StringBuilder d = new StringBuilder();
            List<ConfusionMetrics> curve = roc.curve();
            for (int i = curve.size() - 1; i >= 0; i--) {
                ConfusionMetrics m = curve.get(i);
                d.append(i == curve.size() - 1 ? "M" : " L").append(Svg.n(x.map(1 - m.specificity()))).append(',')
                        .append(Svg.n(y.map(m.sensitivity())));
            }
            svg.path(d.toString(), Svg.colour(k), 2.2, "none", "stroke-linejoin=\"round\"");
            double[] ci = roc.aucCi95();
            labels[k] = legendLabel(markers.get(k).name(), roc.auc(), ci);
            colours[k] = Svg.colour(k);
        }
        Frame.legend(svg, x.map(0.30), y.map(0.12) - 18 * (markers.size() - 1), labels, colours);
        return svg.document(title == null ? "ROC curves" : title);
    }

    /**
     * "name  AUC 0.833 (0.712–0.954)", or without the interval when DeLong's variance is undefined (one event or one
     * non-event: the legend said "(NaN–NaN)" where the report's table says "(–––)").
     */
    static String legendLabel(String name, double auc, double[] ci95) {
        boolean interval = ci95 != null && ci95.length == 2 && Double.isFinite(ci95[0]) && Double.isFinite(ci95[1]);
        return interval ? String.format(Locale.ROOT, "%s  AUC %.3f (%.3f–%.3f)", name, auc, ci95[0], ci95[1])
                : String.format(Locale.ROOT, "%s  AUC %.3f (no CI: too few events)", name, auc);
    }
}
