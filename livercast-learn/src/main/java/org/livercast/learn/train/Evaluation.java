package org.livercast.learn.train;

import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.binary.Roc;
import org.livercast.stats.calibration.BinaryCalibration;
import org.livercast.stats.survival.Concordance;
import org.livercast.stats.survival.SurvivalData;

/** The metrics every model and baseline is reported with, from the statistics engine (the numbers R would give). */
public final class Evaluation {
    private Evaluation() {}

    public record Binary(int n, int events, double auc, double aucLower95, double aucUpper95) {}

    public static Binary binary(boolean[] outcome, double[] marker) {
        int events = 0;
        for (boolean b : outcome) if (b) events++;
        if (events == 0 || events == outcome.length) return new Binary(outcome.length, events, Double.NaN, Double.NaN, Double.NaN);
        Roc roc = Roc.of(new BinaryData(outcome, marker));
        double[] ci = roc.aucCi95();
        return new Binary(outcome.length, events, roc.auc(), ci[0], ci[1]);
    }

    /** Harrell's C of a risk score (higher = worse) for time-to-event data. */
    public static double harrell(double[] days, boolean[] event, double[] risk) {
        boolean any = false;
        for (boolean e : event) any |= e;
        return any ? Concordance.harrell(new SurvivalData(days, event), risk, null).concordance() : Double.NaN;
    }

    /** The calibration slope of a score on the log-odds scale; NaN when the outcome has one value. */
    public static double calibrationSlope(boolean[] outcome, double[] logit) {
        return BinaryCalibration.slope(outcome, logit);
    }

    /** Calibration-in-the-large of a score on the log-odds scale; NaN when the outcome has one value. */
    public static double calibrationInTheLarge(boolean[] outcome, double[] logit) {
        return BinaryCalibration.inTheLarge(outcome, logit);
    }

    /** Calibration slope and intercept (R: glm(y ~ logit(p)) and offset form), Brier score. */
    public static BinaryCalibration.Result calibration(boolean[] outcome, double[] probability) {
        return BinaryCalibration.of(outcome, probability, 10);
    }
}
