package org.livercast.stats.survival;

/**
 * Right-censored survival data: {@code time[i]} and {@code event[i]} (true = event, false = censored). Validated on
 * construction so every estimator can trust it.
 */
public record SurvivalData(double[] time, boolean[] event) {
    public SurvivalData {
        if (time.length != event.length) {
            throw new IllegalArgumentException("time has " + time.length + " values but event has " + event.length);
        }
        for (int i = 0; i < time.length; i++) {
            if (Double.isNaN(time[i]) || time[i] < 0) throw new IllegalArgumentException("time[" + i + "] = " + time[i] + " must be >= 0");
        }
    }

    /** From R-style status codes: 1 = event, 0 = censored. */
    public static SurvivalData of(double[] time, int[] status) {
        boolean[] e = new boolean[status.length];
        for (int i = 0; i < status.length; i++) {
            if (status[i] != 0 && status[i] != 1) throw new IllegalArgumentException("status[" + i + "] = " + status[i] + " must be 0 or 1");
            e[i] = status[i] == 1;
        }
        return new SurvivalData(time, e);
    }

    public int size() { return time.length; }

    public int events() {
        int n = 0;
        for (boolean b : event) if (b) n++;
        return n;
    }

    /** Indices sorted by time ascending (events before censorings at the same time, as R orders risk sets). */
    public int[] order() {
        Integer[] idx = new Integer[time.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(time[a], time[b]);
            return c != 0 ? c : Boolean.compare(event[b], event[a]);
        });
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) out[i] = idx[i];
        return out;
    }

    public SurvivalData subset(int[] rows) {
        double[] t = new double[rows.length];
        boolean[] e = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            t[i] = time[rows[i]];
            e[i] = event[rows[i]];
        }
        return new SurvivalData(t, e);
    }
}
