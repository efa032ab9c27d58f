package org.livercast.learn.train;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.livercast.learn.data.UnusableInputException;
import org.livercast.learn.model.Prediction.TileAttention;

/**
 * Whether a slide's attention lands on what the slide shows: a synthetic cohort records where each slide has its local
 * findings ({@code truth/slide-regions.csv}: lymphoid aggregates, vessels with tumour emboli, uninvolved vessels,
 * necrosis, as discs in level-0 pixels), and this measures, per kind of region, the share of the attention the tiles
 * touching such a region receive against their share of the tiles. An enrichment of 1 is no preference; a heat map that
 * points at the findings has enrichments well above 1 on them. Like the oracle AUC it needs the truth, so a real
 * export (which has none) gets no such numbers. Used only to measure a model, never as an input.
 */
public final class AttentionOnRegions {
    /** A disc where the slide shows one finding. */
    public record Region(String kind, long xPx, long yPx, long radiusPx) {
        /** Whether the square tile at (x, y) of side {@code size} touches the disc. */
        boolean touches(long x, long y, long size) {
            double nearestX = Math.max(x, Math.min(xPx, x + size));
            double nearestY = Math.max(y, Math.min(yPx, y + size));
            double dx = nearestX - xPx;
            double dy = nearestY - yPx;
            return dx * dx + dy * dy < (double) radiusPx * radiusPx;
        }
    }

    /** One kind over the slides that have it: mean share of their tiles touching it, mean share of the attention, the ratio. */
    public record Share(String kind, int slides, double tileShare, double attentionShare) {
        public double enrichment() { return attentionShare / tileShare; }
    }

    private final Map<String, List<Region>> byPatient;

    private AttentionOnRegions(Map<String, List<Region>> byPatient) { this.byPatient = byPatient; }

    /** The cohort's region truth, or empty when it has none (a real export, or a cohort generated before the file). */
    public static Optional<AttentionOnRegions> read(Path cohortDir) throws IOException {
        Path f = cohortDir.resolve("truth").resolve("slide-regions.csv");
        if (!Files.exists(f)) return Optional.empty();
        Map<String, List<Region>> map = new HashMap<>();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord rec : p) {
                try {
                    map.computeIfAbsent(rec.get("hospital_number"), k -> new ArrayList<>()).add(new Region(rec.get("kind"),
                            Long.parseLong(rec.get("x_px")), Long.parseLong(rec.get("y_px")), Long.parseLong(rec.get("radius_px"))));
                } catch (IllegalArgumentException e) {
                    throw new UnusableInputException(f + " line " + p.getCurrentLineNumber() + ": " + e.getMessage()
                            + " (needs hospital_number, kind, x_px, y_px, radius_px; the numbers whole level-0 pixels)");
                }
            }
        }
        return Optional.of(new AttentionOnRegions(map));
    }

    /**
     * @param attentionByPatient each held-out slide's tile attention, by the centre's patient id
     * @return per kind of region (sorted by name), over the slides that show it
     */
    public List<Share> measure(Map<String, List<TileAttention>> attentionByPatient) {
        Map<String, double[]> sums = new TreeMap<>();   // kind -> {slides, sum of tile shares, sum of attention shares}
        attentionByPatient.forEach((patient, tiles) -> {
            List<Region> regions = byPatient.getOrDefault(patient, List.of());
            if (tiles.isEmpty() || regions.isEmpty()) return;
            double total = tiles.stream().mapToDouble(TileAttention::weight).sum();
            Map<String, double[]> slide = new LinkedHashMap<>();   // kind -> {tiles touching, attention on them}
            for (Region region : regions) slide.putIfAbsent(region.kind(), new double[2]);
            for (TileAttention t : tiles) {
                for (String kind : slide.keySet()) {
                    if (regions.stream().anyMatch(g -> g.kind().equals(kind) && g.touches(t.x(), t.y(), t.sizeLevel0()))) {
                        slide.get(kind)[0]++;
                        slide.get(kind)[1] += t.weight() / total;
                    }
                }
            }
            slide.forEach((kind, v) -> {
                if (v[0] == 0) return;  // the finding fell on no tissue tile (under a fold or outside the tissue mask)
                double[] s = sums.computeIfAbsent(kind, k -> new double[3]);
                s[0]++;
                s[1] += v[0] / tiles.size();
                s[2] += v[1];
            });
        });
        List<Share> out = new ArrayList<>();
        sums.forEach((kind, s) -> out.add(new Share(kind, (int) s[0], s[1] / s[0], s[2] / s[0])));
        return out;
    }
}
