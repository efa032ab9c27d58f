package org.livercast.pathology.analysis;

/** Otsu's threshold of a 256-bin histogram: the cut maximising the between-class variance. */
final class Otsu {
    private Otsu() {}

    static int threshold(int[] histogram) {
        long total = 0;
        double sum = 0;
        for (int i = 0; i < histogram.length; i++) {
            total += histogram[i];
            sum += (double) i * histogram[i];
        }
        double sumB = 0;
        long wB = 0;
        double best = -1;
        int threshold = 0;
        for (int t = 0; t < histogram.length; t++) {
            wB += histogram[t];
            if (wB == 0) continue;
            long wF = total - wB;
            if (wF == 0) break;
            sumB += (double) t * histogram[t];
            double mB = sumB / wB;
            double mF = (sum - sumB) / wF;
            double between = (double) wB * wF * (mB - mF) * (mB - mF);
            if (between > best) {
                best = between;
                threshold = t;
            }
        }
        return threshold;
    }
}
