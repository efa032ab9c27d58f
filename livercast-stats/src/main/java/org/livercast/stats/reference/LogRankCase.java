package org.livercast.stats.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.livercast.stats.survival.LogRank;
import org.livercast.stats.survival.SurvivalData;

/** {@code logrank}: k-group log-rank test, optionally stratified; per-group arrays follow the expected group order. */
final class LogRankCase implements CaseKind {
    public String kind() { return "logrank"; }

    public JsonNode compute(JsonNode spec, CaseTable data) {
        String time = CaseKind.column(spec, "time");
        String status = CaseKind.column(spec, "status");
        String group = CaseKind.column(spec, "group");
        String strata = CaseKind.column(spec, "strata");
        List<String> used = new ArrayList<>(List.of(time, status, group));
        if (strata != null) used.add(strata);
        int[] rows = data.completeRows(used);
        LogRank.Result r = LogRank.test(SurvivalData.of(data.numbers(time, rows), data.integers(status, rows)),
                data.texts(group, rows), strata == null ? null : data.texts(strata, rows));
        // R orders groups by factor level, which a CSV cannot carry: follow the expected listing when given.
        List<String> order = new ArrayList<>();
        spec.path("expected").path("groups").forEach(g -> order.add(g.asText()));
        if (order.isEmpty()) order.addAll(r.groups());
        double[] obs = new double[order.size()];
        double[] exp = new double[order.size()];
        ArrayNode names = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < order.size(); i++) {
            int k = r.groups().indexOf(order.get(i));
            obs[i] = k < 0 ? Double.NaN : r.observed()[k];
            exp[i] = k < 0 ? Double.NaN : r.expected()[k];
            names.add(order.get(i));
        }
        ObjectNode out = CaseKind.object();
        out.put("chisq", r.chiSquare());
        out.put("df", r.df());
        out.set("p", CaseKind.number(r.p()));
        out.set("groups", names);
        out.set("observed", CaseKind.array(obs));
        out.set("expected", CaseKind.array(exp));
        return out;
    }
}
