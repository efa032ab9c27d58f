package org.livercast.learn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.model.TrainedModel;
import org.livercast.learn.nn.Modality;

/**
 * The fusion model on the held-out centre when a modality is missing for every patient — no radiology report, no
 * pathology, no scan, no slide — beside a regression on what is left. A centre that sends patients without slides or
 * with unreadable reports gets these numbers, not the full model's; modality dropout in training is what is meant to
 * keep them close to a model trained on the remaining inputs alone. Each row hides one modality; when there are two or
 * more to hide, a last row hides all of them (the clinical data alone).
 */
final class MissingModalities {
    private MissingModalities() {}

    /** The held-out metrics each row carries (the rest of {@link HeldOut}'s are for the full model's report). */
    private static final List<String> KEPT = List.of("auc", "auc_ci", "c_index", "os_c_index", "calibration_slope", "calibration_in_the_large",
            "brier", "auc_fraction_of_oracle", "c_index_fraction_of_oracle");

    /** The rows a report measures: each input that can be missing alone, then all of them at once when there are two or more. */
    static List<List<String>> rows(List<String> hideable) {
        List<List<String>> rows = new ArrayList<>(hideable.stream().map(List::of).toList());
        if (hideable.size() >= 2) rows.add(hideable);
        return rows;
    }

    /**
     * @param regression the regression (logistic / Cox) on the tabular features of the modalities named, its held-out
     *                   {@code auc} and {@code c_index}; null when none of them is tabular
     * @return per hidden modality (or "a+b" for several) its metrics and, under {@code regression_on_the_rest}, the
     *         regression's
     */
    static Map<String, Object> measure(TrainedModel model, InputEncoder encoder, List<HeldOut.Patient> heldOut, Optional<TruthTable> truth,
                                       Function<List<String>, Map<String, Object>> regression) {
        List<String> all = encoder.modalities().stream().map(Modality::name).toList();
        List<String> hideable = encoder.modalities().stream().skip(1).filter(m -> m.type() != Modality.Type.TREATMENT).map(Modality::name).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        for (List<String> hidden : rows(hideable)) {
            List<HeldOut.Patient> without = heldOut.stream().map(p -> {
                InputEncoder.Encoded e = p.encoded();
                for (String name : hidden) e = encoder.without(e, name);
                return new HeldOut.Patient(p.c(), e);
            }).toList();
            Map<String, Object> metrics = HeldOut.measure(model, without, truth).metrics();
            Map<String, Object> row = new LinkedHashMap<>();
            for (String k : KEPT) if (metrics.containsKey(k)) row.put(k, metrics.get(k));
            List<String> rest = all.stream().filter(m -> !hidden.contains(m)).toList();
            Map<String, Object> reg = regression.apply(rest);
            if (reg != null) row.put("regression_on_the_rest", reg);
            out.put(String.join("+", hidden), row);
        }
        return out;
    }
}
