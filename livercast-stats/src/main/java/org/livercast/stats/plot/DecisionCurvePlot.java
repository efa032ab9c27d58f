package org.livercast.stats.plot;

import java.util.List;
import org.livercast.stats.binary.DecisionCurve;

/** Decision curve: net benefit of the model against treating all and treating none, across threshold probabilities. */
public final class DecisionCurvePlot {
    private DecisionCurvePlot() {}

    public static String render(String title, List<DecisionCurve.Point> points, String modelName) {
        double left = 80;
        double top = 50;
        double plotW = 460;
        double plotH = 320;
        double maxNb = 0;
        for (DecisionCurve.Point p : points) maxNb = Math.max(maxNb, Math.max(p.netBenefitModel(), p.netBenefitTreatAll()));
        double yMax = Scale.niceCeiling(Math.max(0.01, maxNb), 5);
        double yMin = -yMax / 4;
        double xMax = points.get(points.size() - 1).threshold();
        Svg svg = new Svg(620, 450);
        Scale x = Scale.linear(0, Scale.niceCeiling(xMax, 5), left, left + plotW);
        Scale y = Scale.linear(yMin, yMax, top + plotH, top);
        Frame.title(svg, left, 28, title);
        Frame.draw(svg, x, y, "Threshold probability", "Net benefit", true);
        svg.line(x.map(0), y.map(0), x.map(xMax), y.map(0), "#111111", 1.6, null);
        svg.path(line(points, x, y, yMin, true), "#888888", 1.8, "none", "stroke-dasharray=\"6,4\"");
        svg.path(line(points, x, y, yMin, false), Svg.colour(0), 2.4, "none", null);
        Frame.legend(svg, left + plotW - 150, top + 14, new String[] {modelName, "Treat all", "Treat none"},
                new String[] {Svg.colour(0), "#888888", "#111111"}, false, true, false);
        return svg.document(title == null ? "Decision curve" : title);
    }

    private static String line(List<DecisionCurve.Point> points, Scale x, Scale y, double floor, boolean all) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            DecisionCurve.Point p = points.get(i);
            double v = Math.max(floor, all ? p.netBenefitTreatAll() : p.netBenefitModel());
            d.append(i == 0 ? "M" : " L").append(Svg.n(x.map(p.threshold()))).append(',').append(Svg.n(y.map(v)));
        }
        return d.toString();
    }
}
