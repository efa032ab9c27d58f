package org.livercast.stats.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.livercast.stats.survival.SurvivalData;
import org.livercast.stats.survival.TimeDependent;

/** {@code td_auc_brier}: IPCW time-dependent AUC and Brier score at each time, with one risk column per time. */
final class TimeDependentCase implements CaseKind {
    public String kind() { return "td_auc_brier"; }

    public JsonNode compute(JsonNode spec, CaseTable data) {
        String time = CaseKind.column(spec, "time");
        String status = CaseKind.column(spec, "status");
        List<String> risks = new ArrayList<>();
        spec.path("columns").path("risk").forEach(r -> risks.add(r.asText()));
        List<Double> times = new ArrayList<>();
        spec.path("times").forEach(t -> times.add(t.asDouble()));
        if (risks.size() != times.size()) throw new IllegalArgumentException("need one risk column per time");
        List<String> used = new ArrayList<>(List.of(time, status));
        used.addAll(risks);
        int[] rows = data.completeRows(used);
        SurvivalData s = SurvivalData.of(data.numbers(time, rows), data.integers(status, rows));
        double[] auc = new double[times.size()];
        double[] brier = new double[times.size()];
        for (int k = 0; k < times.size(); k++) {
            TimeDependent.Result r = TimeDependent.at(s, data.numbers(risks.get(k), rows), times.get(k));
            auc[k] = r.auc();
            brier[k] = r.brier();
        }
        ObjectNode out = CaseKind.object();
        out.set("auc", CaseKind.array(auc));
        out.set("brier", CaseKind.array(brier));
        return out;
    }
}
