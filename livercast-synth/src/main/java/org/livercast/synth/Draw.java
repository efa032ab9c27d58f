package org.livercast.synth;

import java.util.SplittableRandom;

/** Small random helpers over a seeded generator. */
final class Draw {
    private Draw() {}

    static double normal(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    static boolean chance(SplittableRandom r, double p) { return r.nextDouble() < p; }

    static double logistic(double x) { return 1 / (1 + Math.exp(-x)); }

    static double logit(double p) { return Math.log(p / (1 - p)); }

    static double exponential(SplittableRandom r, double rate) { return -Math.log(1 - r.nextDouble()) / rate; }

    static double clamp(double v, double lo, double hi) { return Math.max(lo, Math.min(hi, v)); }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
