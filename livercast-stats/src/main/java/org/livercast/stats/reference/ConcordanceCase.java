package org.livercast.stats.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.livercast.stats.survival.Concordance;
import org.livercast.stats.survival.SurvivalData;

/** {@code concordance}: Harrell's C and Uno's C truncated at tau, with standard errors. */
final class ConcordanceCase implements CaseKind {
    public String kind() { return "concordance"; }

    public JsonNode compute(JsonNode spec, CaseTable data) {
        String time = CaseKind.column(spec, "time");
        String status = CaseKind.column(spec, "status");
        String marker = CaseKind.column(spec, "marker");
        int[] rows = data.completeRows(List.of(time, status, marker));
        SurvivalData s = SurvivalData.of(data.numbers(time, rows), data.integers(status, rows));
        double[] m = data.numbers(marker, rows);
        double tau = spec.path("tau").isNumber() ? spec.path("tau").asDouble() : Double.POSITIVE_INFINITY;
        Concordance.Result h = Concordance.harrell(s, m, null);
        Concordance.Result u = Concordance.uno(s, m, null, tau);
        ObjectNode out = CaseKind.object();
        out.put("harrell", h.concordance());
        out.put("harrell_se", h.standardError());
        out.put("uno", u.concordance());
        out.put("uno_se", u.standardError());
        return out;
    }
}
