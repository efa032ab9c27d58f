package org.livercast.learn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.learn.model.DiagnosisModel;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.nn.Modality;

/**
 * The diagnosis model on the held-out centre when an input is missing for every patient — no MRI report, no scan — beside
 * logistic regressions on what is left: the numbers a centre that sends lesions without a report gets. The same rows
 * as {@link MissingModalities} gives PRE and POST, for the diagnosis model's two tasks.
 */
final class DiagnosisMissingInputs {
    private DiagnosisMissingInputs() {}

    /** @return per hidden input (or "a+b" for all of them at once, when there are two or more) its metrics and the regression's */
    static Map<String, Object> measure(DiagnosisModel model, InputEncoder encoder, List<DiagnosisRun.Row> test, List<DiagnosisRun.Row> train) {
        List<Modality> all = encoder.modalities();
        Map<String, Object> out = new LinkedHashMap<>();
        for (List<String> hidden : MissingModalities.rows(all.stream().skip(1).map(Modality::name).toList())) {
            Map<String, Object> row = new LinkedHashMap<>(DiagnosisRun.Tasks.of(model, without(encoder, test, hidden)).metrics());
            // The regression on the vectors still there (a scan is not tabular; the clinical data always are).
            List<Integer> kept = new ArrayList<>();
            for (int k = 0; k < all.size(); k++) if (all.get(k).vector() && !hidden.contains(all.get(k).name())) kept.add(k);
            row.put("regression_on_the_rest", DiagnosisRun.logisticBaseline(train, test, r -> BaselineComparison.concat(kept.stream().map(k -> r.encoded().vectors().get(k)).toList())));
            out.put(String.join("+", hidden), row);
        }
        return out;
    }

    /** The patients as the model sees them without the inputs named. */
    static List<DiagnosisRun.Row> without(InputEncoder encoder, List<DiagnosisRun.Row> rows, List<String> hidden) {
        return rows.stream().map(r -> {
            InputEncoder.Encoded e = r.encoded();
            for (String name : hidden) e = encoder.without(e, name);
            return new DiagnosisRun.Row(r.c(), r.truth(), r.in(), e);
        }).toList();
    }
}
