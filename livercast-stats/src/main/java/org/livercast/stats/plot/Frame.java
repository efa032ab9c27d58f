package org.livercast.stats.plot;

/** Axes, grid, tick labels and axis titles around a plot area; shared by every plot. */
final class Frame {
    static final String AXIS = "#333333";
    static final String GRID = "#e6e6e6";
    static final double TICK_FONT = 12;
    static final double LABEL_FONT = 13;

    private Frame() {}

    static void draw(Svg svg, Scale x, Scale y, String xLabel, String yLabel, boolean grid) {
        double left = x.pixelMin();
        double right = x.pixelMax();
        double bottom = y.pixelMin();
        double top = y.pixelMax();
        for (double t : y.ticks(5)) {
            double py = y.map(t);
            if (grid) svg.line(left, py, right, py, GRID, 1, null);
            svg.line(left - 5, py, left, py, AXIS, 1, null);
            svg.text(left - 8, py + 4, Scale.label(t), TICK_FONT, "end", AXIS, null);
        }
        for (double t : x.ticks(6)) {
            double px = x.map(t);
            if (grid) svg.line(px, bottom, px, top, GRID, 1, null);
            svg.line(px, bottom, px, bottom + 5, AXIS, 1, null);
            svg.text(px, bottom + 19, Scale.label(t), TICK_FONT, "middle", AXIS, null);
        }
        svg.line(left, bottom, right, bottom, AXIS, 1.2, null);
        svg.line(left, bottom, left, top, AXIS, 1.2, null);
        if (xLabel != null) svg.text((left + right) / 2, bottom + 40, xLabel, LABEL_FONT, "middle", AXIS, null);
        if (yLabel != null) {
            double cx = left - 48;
            double cy = (top + bottom) / 2;
            svg.text(cx, cy, yLabel, LABEL_FONT, "middle", AXIS,
                    "transform=\"rotate(-90 " + Svg.n(cx) + " " + Svg.n(cy) + ")\"");
        }
    }

    static void title(Svg svg, double x, double y, String title) {
        if (title != null) svg.text(x, y, title, 15, "start", "#111111", "font-weight=\"bold\"");
    }

    /** A legend of coloured line swatches, one row per entry, at (x, y) top-left; {@code dashed[i]} marks dashed lines. */
    static void legend(Svg svg, double x, double y, String[] labels, String[] colours, boolean... dashed) {
        for (int i = 0; i < labels.length; i++) {
            double ly = y + i * 18;
            String dash = i < dashed.length && dashed[i] ? "stroke-dasharray=\"5,4\"" : null;
            svg.line(x, ly, x + 22, ly, colours[i], 2.5, dash);
            svg.text(x + 28, ly + 4, labels[i], 12, "start", "#222222", null);
        }
    }
}
