package org.livercast.stats.binary;

/**
 * A binary outcome (true = case) and a marker where higher values mean "more likely a case". Validated once.
 */
public record BinaryData(boolean[] outcome, double[] marker) {
    public BinaryData {
        if (outcome.length != marker.length) {
            throw new IllegalArgumentException("outcome has " + outcome.length + " values but marker has " + marker.length);
        }
        for (int i = 0; i < marker.length; i++) {
            if (Double.isNaN(marker[i])) throw new IllegalArgumentException("marker[" + i + "] is missing");
        }
    }

    public static BinaryData of(int[] outcome01, double[] marker) {
        boolean[] o = new boolean[outcome01.length];
        for (int i = 0; i < o.length; i++) {
            if (outcome01[i] != 0 && outcome01[i] != 1) throw new IllegalArgumentException("outcome[" + i + "] = " + outcome01[i] + " must be 0 or 1");
            o[i] = outcome01[i] == 1;
        }
        return new BinaryData(o, marker);
    }

    public int size() { return outcome.length; }

    public double[] cases() { return select(true); }

    public double[] controls() { return select(false); }

    private double[] select(boolean which) {
        return java.util.stream.IntStream.range(0, outcome.length).filter(i -> outcome[i] == which).mapToDouble(i -> marker[i]).toArray();
    }
}
