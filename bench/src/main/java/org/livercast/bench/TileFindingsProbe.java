package org.livercast.bench;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.slide.HistologyFeatureEncoder;
import org.livercast.learn.slide.SlideBag;
import org.livercast.learn.slide.SlideBags;
import org.livercast.learn.slide.TileEncoder;

/**
 * Whether the tile encoder can see each kind of local finding at all, before any attention is asked to find it: for the
 * tiles touching a finding of the synthetic truth ({@code truth/slide-regions.csv}) against the other tissue tiles of the
 * same slides, each feature's standardised mean difference (difference of means over the pooled SD), the largest ones
 * printed. A finding no feature separates cannot be attended to however much the outcome depends on it.
 * Usage: TileFindingsProbe COHORT_DIR TILE_CACHE_DIR [histology-features-v1 … -v4 (default: v3, the default encoder) | an encoder file];
 * {@code -Dshow=feature,feature} prints those features' differences for every finding too.
 */
public final class TileFindingsProbe {
    private TileFindingsProbe() {}

    private record Disc(String kind, long x, long y, long r) {
        boolean touches(SlideBag.TileRef t) {
            double nx = Math.max(t.x(), Math.min(x, t.x() + t.sizeLevel0()));
            double ny = Math.max(t.y(), Math.min(y, t.y() + t.sizeLevel0()));
            return (nx - x) * (nx - x) + (ny - y) * (ny - y) < (double) r * r;
        }
    }

    public static void main(String[] args) throws Exception {
        Path cohortDir = Path.of(args[0]);
        String which = args.length > 2 ? args[2] : new HistologyFeatureEncoder().id();
        TileEncoder encoder = HistologyFeatureEncoder.withId(which).isPresent() ? HistologyFeatureEncoder.withId(which).get()
                : TileEncoder.load(Path.of(which), Integer.getInteger("inputPx", 224));
        Map<String, List<Disc>> discs = new HashMap<>();
        try (Reader r = Files.newBufferedReader(cohortDir.resolve("truth").resolve("slide-regions.csv"), StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord rec : p) {
                discs.computeIfAbsent(rec.get("hospital_number"), k -> new ArrayList<>()).add(new Disc(rec.get("kind"),
                        Long.parseLong(rec.get("x_px")), Long.parseLong(rec.get("y_px")), Long.parseLong(rec.get("radius_px"))));
            }
        }
        SlideBags bags = new SlideBags(encoder, Path.of(args[1]));
        Map<String, List<float[]>> touching = new TreeMap<>();
        Map<String, List<float[]>> others = new TreeMap<>();
        for (var c : CohortExport.read(cohortDir, LocalDate.of(2026, 6, 30)).cases()) {
            List<Disc> mine = discs.getOrDefault(c.id(), List.of());
            if (c.slide().isEmpty() || mine.isEmpty()) continue;
            SlideBag bag = bags.of(c.slide().get());
            for (String kind : mine.stream().map(Disc::kind).distinct().toList()) {
                for (int i = 0; i < bag.size(); i++) {
                    SlideBag.TileRef t = bag.tiles().get(i);
                    boolean hit = mine.stream().anyMatch(d -> d.kind().equals(kind) && d.touches(t));
                    (hit ? touching : others).computeIfAbsent(kind, k -> new ArrayList<>()).add(bag.embeddings()[i]);
                }
            }
        }
        List<String> names = encoder.featureNames();
        System.out.printf("%-20s %8s %8s   largest standardised mean differences (tiles touching it against the same slides' other tiles)%n",
                "finding", "tiles", "others");
        System.out.println(encoder.id());
        for (String kind : touching.keySet()) {
            List<float[]> a = touching.get(kind);
            List<float[]> b = others.get(kind);
            List<double[]> d = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) d.add(new double[] {k, smd(a, b, k)});
            d.sort((x, y) -> Double.compare(Math.abs(y[1]), Math.abs(x[1])));
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < 4; j++) line.append(String.format(Locale.ROOT, "  %s %+.2f", names.get((int) d.get(j)[0]), d.get(j)[1]));
            for (String shown : System.getProperty("show", "").split(",")) {
                if (names.contains(shown)) line.append(String.format(Locale.ROOT, "  | %s %+.2f", shown, smd(a, b, names.indexOf(shown))));
            }
            System.out.printf(Locale.ROOT, "%-20s %8d %8d %s%n", kind, a.size(), b.size(), line);
        }
    }

    private static double smd(List<float[]> a, List<float[]> b, int k) {
        double ma = a.stream().mapToDouble(v -> v[k]).average().orElse(Double.NaN);
        double mb = b.stream().mapToDouble(v -> v[k]).average().orElse(Double.NaN);
        double va = a.stream().mapToDouble(v -> (v[k] - ma) * (v[k] - ma)).sum() / Math.max(1, a.size() - 1);
        double vb = b.stream().mapToDouble(v -> (v[k] - mb) * (v[k] - mb)).sum() / Math.max(1, b.size() - 1);
        return (ma - mb) / Math.sqrt((va + vb) / 2);
    }
}
