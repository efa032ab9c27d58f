package org.livercast.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.slide.HistologyFeatureEncoder;
import org.livercast.learn.slide.SlideBag;
import org.livercast.learn.slide.SlideBags;

/**
 * How far each centre's slides sit from the others' in the tile encoder's features: per feature of the slide's mean
 * tile embedding, each centre's mean and SD and its shift from the other centres' pooled mean in their SDs. A held-out
 * centre whose stain moves the features by most of an SD is outside what a model of the others saw (the slide-only
 * baseline's held-out C-index below 0.5 on such a centre, BENCHMARKS.md). Embeddings come from (and go to) the cache.
 * Usage: StainShiftProbe COHORT_DIR TILE_CACHE_DIR [histology-features-v1 … -v4; default: the default encoder, v3]
 */
public final class StainShiftProbe {
    private StainShiftProbe() {}

    public static void main(String[] args) throws Exception {
        var cohort = CohortExport.read(Path.of(args[0]), LocalDate.of(2026, 6, 30));
        HistologyFeatureEncoder encoder = args.length > 2
                ? HistologyFeatureEncoder.withId(args[2]).orElseThrow(() -> new IllegalArgumentException("no such encoder: " + args[2]))
                : new HistologyFeatureEncoder();
        System.out.println(encoder.id());
        SlideBags bags = new SlideBags(encoder, Path.of(args[1]));
        int d = encoder.dimension();
        Map<String, List<double[]>> byCentre = new TreeMap<>();
        for (var c : cohort.cases()) {
            if (c.slide().isEmpty()) continue;
            SlideBag bag = bags.of(c.slide().get());
            double[] mean = new double[d];
            for (float[] e : bag.embeddings()) for (int k = 0; k < d; k++) mean[k] += e[k] / bag.size();
            byCentre.computeIfAbsent(c.centre(), x -> new ArrayList<>()).add(mean);
        }
        System.out.printf("%-26s", "feature (slide mean)");
        byCentre.forEach((centre, slides) -> System.out.printf("  %-28s", centre + " (" + slides.size() + " slides)"));
        System.out.println();
        for (int k = 0; k < d; k++) {
            System.out.printf("%-26s", encoder.featureNames().get(k));
            for (String centre : byCentre.keySet()) {
                double[] own = column(byCentre.get(centre), k);
                List<double[]> others = new ArrayList<>();
                byCentre.forEach((c, s) -> { if (!c.equals(centre)) others.addAll(s); });
                double[] rest = column(others, k);
                double shift = (mean(own) - mean(rest)) / sd(rest);
                System.out.printf(Locale.ROOT, "  %8.4f ± %-7.4f (%+5.2f SD)", mean(own), sd(own), shift);
            }
            System.out.println();
        }
    }

    private static double[] column(List<double[]> rows, int k) { return rows.stream().mapToDouble(r -> r[k]).toArray(); }

    private static double mean(double[] x) { return java.util.Arrays.stream(x).average().orElse(Double.NaN); }

    private static double sd(double[] x) {
        double m = mean(x);
        return Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1));
    }
}
