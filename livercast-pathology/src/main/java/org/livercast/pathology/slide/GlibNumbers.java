package org.livercast.pathology.slide;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Numbers printed as OpenSlide prints the ones it computes: GLib's {@code g_ascii_dtostr}, which is C's {@code "%.17g"}
 * — seventeen significant digits, trailing zeros dropped — so 50001 nm over 200 px reads "0.25000499999999998" where
 * Java's shortest form would say "0.250005".
 */
public final class GlibNumbers {
    private GlibNumbers() {}

    public static String dtostr(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0" : "0";
        BigDecimal d = new BigDecimal(v).round(new MathContext(17));
        int exponent = d.precision() - d.scale() - 1; // of the leading digit
        if (exponent < -4 || exponent >= 17) {
            // %g's scientific form: d.ddd…e±XX, zeros dropped from the mantissa
            BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.toPlainString();
            return m + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        String s = d.stripTrailingZeros().toPlainString();
        return s;
    }
}
