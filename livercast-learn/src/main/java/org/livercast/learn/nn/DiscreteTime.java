package org.livercast.learn.nn;

/**
 * Discrete-time survival on the follow-up grid: recurrence is found at 3-monthly scans, so time is cut into intervals
 * of {@link #INTERVAL_DAYS} up to 5 years, and the network predicts the hazard of each interval. The likelihood is
 * defined per patient, so it trains on mini-batches of any size (a Cox partial likelihood over one patient's bag would
 * not be).
 */
public final class DiscreteTime {
    public static final int INTERVAL_DAYS = 91;
    public static final int INTERVALS = 20;

    private DiscreteTime() {}

    /** The interval a time falls in, the last one for anything beyond the grid. */
    public static int interval(double days) {
        return (int) Math.min(INTERVALS - 1, Math.max(0, Math.floor(days / INTERVAL_DAYS)));
    }

    /**
     * Per-interval targets: {@code survived[j] = 1} for intervals the patient lived through event-free, {@code
     * event[j] = 1} at the interval of the event. A patient censored inside an interval contributes the intervals
     * before it only (no assumption about the part of the interval not observed).
     */
    public static void targets(double days, boolean event, float[] survived, float[] eventAt) {
        int k = interval(days);
        boolean beyond = days >= (double) INTERVALS * INTERVAL_DAYS;
        for (int j = 0; j < INTERVALS; j++) {
            survived[j] = j < k || (beyond && !event) ? 1f : 0f;
            eventAt[j] = event && !beyond && j == k ? 1f : 0f;
        }
    }

    /** S(t) from hazard probabilities: the product of (1 − h) over the intervals that end by t days. */
    public static double survival(float[] hazardProbability, double days) {
        double s = 1;
        for (int j = 0; j < INTERVALS && (j + 1) * (double) INTERVAL_DAYS <= days + 1e-9; j++) s *= 1 - hazardProbability[j];
        return s;
    }
}
