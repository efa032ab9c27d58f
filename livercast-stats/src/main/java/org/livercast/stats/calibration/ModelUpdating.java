package org.livercast.stats.calibration;

import org.livercast.stats.math.Distributions;

/**
 * Updating a risk model for a new setting from its own patients, by recalibrating the model's linear predictor lp
 * (its logit): recalibration in the large (logit p' = α + lp: the new centre's baseline risk differs) or logistic
 * recalibration (logit p' = α + β·lp: the model's spread is also too wide or narrow there). The model's ranking — and so
 * its AUC — is untouched by either (β &gt; 0).
 *
 * <p>Which one is chosen by the closed testing procedure of Vergouwe et al. (Stat Med 2017;36:4529), restricted to the two
 * recalibrations (a network's weights are not re-estimated on a few hundred patients): first logistic recalibration
 * against the original model (likelihood ratio, 2 df); if that does not reject at α, the original model is kept; else
 * logistic recalibration against recalibration in the large (1 df) decides between the two. A closed test keeps the
 * family-wise error at α, so a model that is already calibrated in the new centre is left alone 95% of the time.
 * The fits are R's {@code glm(y ~ offset(lp), binomial)} and {@code glm(y ~ lp, binomial)}.
 */
public final class ModelUpdating {
    private ModelUpdating() {}

    /** The update applied to the linear predictor: logit p' = intercept + slope·lp. */
    public enum Method {
        /** The model as it is (α = 0, β = 1). */
        ORIGINAL("original"),
        /** Recalibration in the large: α estimated, β = 1. */
        INTERCEPT("recalibration_in_the_large"),
        /** Logistic recalibration: α and β estimated. */
        LOGISTIC("logistic_recalibration"),
        /** Logistic recalibration shrunk toward the original model: the posterior mode under normal priors on the update. */
        SHRUNK("shrunk_logistic_recalibration");

        private final String id;

        Method(String id) { this.id = id; }

        public String id() { return id; }

        /** Parses an id ({@code original}, {@code recalibration_in_the_large}, {@code logistic_recalibration}) or its short form. */
        public static Method parse(String s) {
            for (Method m : values()) if (m.id.equals(s) || m.name().equalsIgnoreCase(s)) return m;
            throw new IllegalArgumentException("unknown recalibration method '" + s + "': expected original, intercept, logistic or shrunk");
        }
    }

    /**
     * @param chosen            the method the closed test (or the caller) chose
     * @param intercept         α of the chosen update
     * @param slope             β of the chosen update
     * @param logLikelihood     log-likelihood of the original model, recalibration in the large and logistic recalibration
     * @param lrLogisticVsOriginal likelihood-ratio statistic of logistic recalibration against the original model (2 df)
     * @param pLogisticVsOriginal  its p-value
     * @param lrLogisticVsIntercept likelihood-ratio statistic against recalibration in the large (1 df)
     * @param pLogisticVsIntercept  its p-value
     * @param inTheLargeIntercept   α of recalibration in the large (the calibration-in-the-large of the original model)
     * @param logisticIntercept     α of logistic recalibration
     * @param logisticSlope         β of logistic recalibration (the calibration slope of the original model)
     */
    public record Update(Method chosen, double intercept, double slope, int n, int events, double[] logLikelihood, double lrLogisticVsOriginal,
                         double pLogisticVsOriginal, double lrLogisticVsIntercept, double pLogisticVsIntercept, double inTheLargeIntercept,
                         double logisticIntercept, double logisticSlope) {
        /** The updated linear predictor. */
        public double apply(double lp) { return intercept + slope * lp; }
    }

    /** The closed test at level {@code alpha} (0.05 is the usual). */
    public static Update closedTest(double[] lp, boolean[] y, double alpha) {
        return fit(lp, y, alpha, null);
    }

    /** Fits every candidate and reports the tests, but applies {@code method} whatever they say. */
    public static Update forced(double[] lp, boolean[] y, Method method) {
        return fit(lp, y, Double.NaN, method);
    }

    /**
     * Logistic recalibration shrunk toward the original model: the posterior mode of logit p' = lp + a + c·(lp − m) (m the
     * mean lp, so a is the shift at the average patient and c the change of slope, close to independent) under normal
     * priors a ~ N(0, sdShift²), c ~ N(0, sdSlope²) — what a new centre's miscalibration is expected to be. With few events
     * the update stays near the model; with many it approaches plain logistic recalibration. The tests are reported as
     * for the closed test.
     */
    public static Update shrunk(double[] lp, boolean[] y, double sdShift, double sdSlope) {
        Update plain = fit(lp, y, Double.NaN, Method.LOGISTIC);
        int n = y.length;
        double m = 0;
        for (double v : lp) m += v / n;
        double a = 0;
        double c = 0;
        for (int iter = 0; iter < 100; iter++) {
            double s0 = -a / (sdShift * sdShift);
            double s1 = -c / (sdSlope * sdSlope);
            double i00 = 1 / (sdShift * sdShift);
            double i01 = 0;
            double i11 = 1 / (sdSlope * sdSlope);
            for (int i = 0; i < n; i++) {
                double x = lp[i] - m;
                double mu = 1 / (1 + Math.exp(-(lp[i] + a + c * x)));
                double r = (y[i] ? 1 : 0) - mu;
                double w = mu * (1 - mu);
                s0 += r;
                s1 += r * x;
                i00 += w;
                i01 += w * x;
                i11 += w * x * x;
            }
            double det = i00 * i11 - i01 * i01;
            double da = (i11 * s0 - i01 * s1) / det;
            double dc = (i00 * s1 - i01 * s0) / det;
            a += da;
            c += dc;
            if (Math.abs(da) + Math.abs(dc) < 1e-12) break;
        }
        return new Update(Method.SHRUNK, a - c * m, 1 + c, plain.n(), plain.events(), plain.logLikelihood(), plain.lrLogisticVsOriginal(),
                plain.pLogisticVsOriginal(), plain.lrLogisticVsIntercept(), plain.pLogisticVsIntercept(), plain.inTheLargeIntercept(),
                plain.logisticIntercept(), plain.logisticSlope());
    }

    private static Update fit(double[] lp, boolean[] y, double alpha, Method forced) {
        int n = y.length;
        if (lp.length != n) throw new IllegalArgumentException("lp has " + lp.length + " values, y " + n);
        int events = 0;
        for (boolean b : y) if (b) events++;
        if (events == 0 || events == n) {
            throw new IllegalArgumentException("recalibration needs patients with and without the outcome: " + events + " of " + n + " had it");
        }
        for (int i = 0; i < n; i++) if (!Double.isFinite(lp[i])) throw new IllegalArgumentException("lp[" + i + "] = " + lp[i] + " is not finite");
        double[][] ones = new double[n][];
        double[][] design = new double[n][];
        for (int i = 0; i < n; i++) {
            ones[i] = new double[] {1};
            design[i] = new double[] {1, lp[i]};
        }
        double alphaLarge = Logistic.fit(ones, y, lp).coef()[0];
        double[] logistic = Logistic.fit(design, y, null).coef();
        double[] ll = {
            logLikelihood(lp, y, 0, 1), logLikelihood(lp, y, alphaLarge, 1), logLikelihood(lp, y, logistic[0], logistic[1])
        };
        double lr2 = Math.max(0, 2 * (ll[2] - ll[0]));
        double lr1 = Math.max(0, 2 * (ll[2] - ll[1]));
        double p2 = Distributions.chiSquaredUpper(lr2, 2);
        double p1 = Distributions.chiSquaredUpper(lr1, 1);
        Method m = forced != null ? forced : p2 >= alpha ? Method.ORIGINAL : p1 < alpha ? Method.LOGISTIC : Method.INTERCEPT;
        double a = switch (m) {
            case ORIGINAL -> 0;
            case INTERCEPT -> alphaLarge;
            case LOGISTIC -> logistic[0];
            case SHRUNK -> throw new IllegalArgumentException("the shrunk update has its own fit: ModelUpdating.shrunk");
        };
        double b = m == Method.LOGISTIC ? logistic[1] : 1;
        return new Update(m, a, b, n, events, ll, lr2, p2, lr1, p1, alphaLarge, logistic[0], logistic[1]);
    }

    /** Bernoulli log-likelihood of logit p = a + b·lp, computed stably (log(1 + e^x) without overflow). */
    static double logLikelihood(double[] lp, boolean[] y, double a, double b) {
        double ll = 0;
        for (int i = 0; i < y.length; i++) {
            double eta = a + b * lp[i];
            // log p = -log(1 + e^-eta), log(1 - p) = -log(1 + e^eta)
            ll -= softplus(y[i] ? -eta : eta);
        }
        return ll;
    }

    private static double softplus(double x) { return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)); }
}
