package org.livercast.stats.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A linear or log₁₀ mapping from data to pixels, with "nice" tick values (1, 2, 2.5, 5 × 10^k). */
public record Scale(double domainMin, double domainMax, double pixelMin, double pixelMax, boolean log) {
    public static Scale linear(double min, double max, double pxMin, double pxMax) { return new Scale(min, max, pxMin, pxMax, false); }

    public static Scale log(double min, double max, double pxMin, double pxMax) { return new Scale(min, max, pxMin, pxMax, true); }

    public double map(double v) {
        double a = log ? Math.log10(domainMin) : domainMin;
        double b = log ? Math.log10(domainMax) : domainMax;
        double x = log ? Math.log10(v) : v;
        return pixelMin + (x - a) / (b - a) * (pixelMax - pixelMin);
    }

    public List<Double> ticks(int target) {
        List<Double> out = new ArrayList<>();
        if (log) {
            for (double v : new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 4, 5, 10, 20, 50, 100}) {
                if (v >= domainMin - 1e-12 && v <= domainMax + 1e-12) out.add(v);
            }
            return out;
        }
        double step = niceStep((domainMax - domainMin) / Math.max(1, target));
        for (double v = Math.ceil(domainMin / step - 1e-9) * step; v <= domainMax + step * 1e-9; v += step) out.add(Math.abs(v) < 1e-12 ? 0 : v);
        return out;
    }

    public static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * p;
    }

    /** The upper end of a nice axis that contains {@code max}. */
    public static double niceCeiling(double max, int target) {
        double step = niceStep(max / target);
        return Math.ceil(max / step - 1e-9) * step;
    }

    public static String label(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
