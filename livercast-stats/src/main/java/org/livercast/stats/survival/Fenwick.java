package org.livercast.stats.survival;

/** A binary indexed tree of weights over ranks 0..n-1: add and prefix sums in O(log n). */
final class Fenwick {
    private final double[] tree;

    Fenwick(int n) { tree = new double[n + 1]; }

    void add(int rank, double w) {
        for (int i = rank + 1; i < tree.length; i += i & -i) tree[i] += w;
    }

    /** Sum of weights at ranks 0..rank-1. */
    double below(int rank) {
        double s = 0;
        for (int i = rank; i > 0; i -= i & -i) s += tree[i];
        return s;
    }

    double total() { return below(tree.length - 1); }

    double at(int rank) { return below(rank + 1) - below(rank); }
}
