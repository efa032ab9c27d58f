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
        LOGISTIC("logistic_recalibration");

        private final String id;

        Method(String id) { this.id = id; }

        public String id() { return id; }

        /** Parses an id ({@code original}, {@code recalibration_in_the_large}, {@code logistic_recalibration}) or its short form. */
        public static Method parse(String s) {
            for (Method m : values()) if (m.id.equals(s) || m.name().equalsIgnoreCase(s)) return m;
            throw new IllegalArgumentException("unknown recalibration method '" + s + "': expected original, intercept or logistic");
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
