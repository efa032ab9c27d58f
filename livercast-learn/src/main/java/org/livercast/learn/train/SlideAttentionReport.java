package org.livercast.learn.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.livercast.learn.model.AttentionSpread;
import org.livercast.learn.model.Prediction;
import org.livercast.learn.model.TrainedModel;
import org.livercast.stats.calibration.BinaryCalibration;

/**
 * How concentrated the slide attention is on the held-out centre ({@link AttentionSpread}), so the training report says
 * before anyone opens a heat map whether the maps will single anything out: the median share of the attention the most
 * attended tenth of the tiles holds (an even spread: 0.10), the median effective share of tiles attended, and the
 * fraction of slides whose attention is nearly even; on a synthetic cohort, also where it lands
 * ({@link AttentionOnRegions}: per kind of finding, the attention its tiles get against their share of the tiles).
 */
final class SlideAttentionReport {
    private SlideAttentionReport() {}

    /** Empty when no held-out patient has a slide (or the model reads none). */
    static Map<String, Object> of(TrainedModel trained, List<EncodedCase> heldOut, Optional<AttentionOnRegions> regions) {
        List<AttentionSpread> spreads = new ArrayList<>();
        Map<String, List<Prediction.TileAttention>> byPatient = new LinkedHashMap<>();
        for (EncodedCase r : heldOut) {
            List<Prediction.TileAttention> a = trained.attention(r.encoded());
            if (a.isEmpty()) continue;
            spreads.add(AttentionSpread.of(a));
            byPatient.put(r.c().patient().id(), a);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (spreads.isEmpty()) return out;
        out.put("n_slides", spreads.size());
        out.put("median_top_tenth_share", median(spreads.stream().mapToDouble(AttentionSpread::topTenthShare).toArray()));
        out.put("median_effective_fraction", median(spreads.stream().mapToDouble(x -> x.effectiveTiles() / x.tiles()).toArray()));
        out.put("nearly_even_fraction", spreads.stream().filter(AttentionSpread::nearlyEven).count() / (double) spreads.size());
        if (regions.isPresent()) {
            Map<String, Object> kinds = new LinkedHashMap<>();
            for (AttentionOnRegions.Share share : regions.get().measure(byPatient)) {
                Map<String, Object> m = new LinkedHashMap<>();        // in this order in report.json, run after run
                m.put("n_slides", share.slides());
                m.put("tile_share", share.tileShare());
                m.put("attention_share", share.attentionShare());
                m.put("enrichment", share.enrichment());
                kinds.put(share.kind(), m);
            }
            out.put("regions", kinds);
        }
        return out;
    }

    /** The median, as R's quantile(x, 0.5) (the engine's type 7). */
    private static double median(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return BinaryCalibration.quantile7(sorted, 0.5);
    }
}
