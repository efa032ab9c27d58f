package org.livercast.stats.plot;

import java.util.Locale;

/**
 * A minimal SVG writer: elements appended as text with escaped content and compact numbers. Plots build on it and
 * return a standalone document (width/height in px, a viewBox, an embedded font stack and colour palette).
 */
public final class Svg {
    /** Colour-blind-safe palette (Okabe–Ito). */
    public static final String[] PALETTE = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
    static final String FONT = "font-family=\"Helvetica, Arial, 'Liberation Sans', sans-serif\"";

    private final StringBuilder body = new StringBuilder();
    private final double width;
    private final double height;

    public Svg(double width, double height) {
        this.width = width;
        this.height = height;
    }

    public Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, String extra) {
        body.append(String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"%s\"%s/>%n",
                n(x1), n(y1), n(x2), n(y2), stroke, n(strokeWidth), extra == null ? "" : " " + extra));
        return this;
    }

    public Svg path(String d, String stroke, double strokeWidth, String fill, String extra) {
        body.append(String.format(Locale.ROOT, "<path d=\"%s\" stroke=\"%s\" stroke-width=\"%s\" fill=\"%s\"%s/>%n", d, stroke,
                n(strokeWidth), fill, extra == null ? "" : " " + extra));
        return this;
    }

    public Svg rect(double x, double y, double w, double h, String fill, String stroke) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\" stroke=\"%s\"/>%n",
                n(x), n(y), n(w), n(h), fill, stroke));
        return this;
    }

    public Svg circle(double cx, double cy, double r, String fill, String stroke) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\" stroke=\"%s\"/>%n", n(cx), n(cy), n(r), fill, stroke));
        return this;
    }

    /** @param anchor start, middle or end */
    public Svg text(double x, double y, String text, double size, String anchor, String fill, String extra) {
        body.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" font-size=\"%s\" text-anchor=\"%s\" fill=\"%s\"%s>%s</text>%n",
                n(x), n(y), n(size), anchor, fill, extra == null ? "" : " " + extra, escape(text)));
        return this;
    }

    public Svg raw(String element) {
        body.append(element).append('\n');
        return this;
    }

    public String document(String title) {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%s\" height=\"%s\" viewBox=\"0 0 %s %s\" %s>%n"
                        + "<title>%s</title>%n<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>%n%s</svg>%n",
                n(width), n(height), n(width), n(height), FONT, escape(title), body);
    }

    public static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public static String colour(int i) { return PALETTE[i % PALETTE.length]; }
}
