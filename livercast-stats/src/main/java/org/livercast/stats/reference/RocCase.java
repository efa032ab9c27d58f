package org.livercast.stats.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.binary.ConfusionMetrics;
import org.livercast.stats.binary.Roc;

/**
 * {@code roc}: AUC with DeLong variance and CI, the paired test against a second marker, the Youden threshold, and
 * metrics at the thresholds the case lists (inputs carried in its expected block).
 */
final class RocCase implements CaseKind {
    public String kind() { return "roc"; }

    public JsonNode compute(JsonNode spec, CaseTable data) {
        String outcome = CaseKind.column(spec, "outcome");
        String marker = CaseKind.column(spec, "marker");
        String marker2 = CaseKind.column(spec, "marker2");
        List<String> used = new ArrayList<>(List.of(outcome, marker));
        if (marker2 != null) used.add(marker2);
        int[] rows = data.completeRows(used);
        int[] y = data.integers(outcome, rows);
        Roc roc = Roc.of(BinaryData.of(y, data.numbers(marker, rows)));
        ObjectNode out = CaseKind.object();
        out.put("auc", roc.auc());
        out.put("auc_var_delong", roc.aucVarianceDeLong());
        out.put("ci95_lower", roc.aucCi95()[0]);
        out.put("ci95_upper", roc.aucCi95()[1]);
        if (marker2 != null) {
            Roc other = Roc.of(BinaryData.of(y, data.numbers(marker2, rows)));
            Roc.PairedTest t = roc.deLongTest(other);
            out.put("auc2", other.auc());
            out.put("delong_paired_z", t.z());
            out.put("delong_paired_p", t.p());
        }
        ConfusionMetrics best = roc.youden();
        ObjectNode youden = CaseKind.object();
        youden.put("threshold", best.threshold());
        youden.put("sensitivity", best.sensitivity());
        youden.put("specificity", best.specificity());
        out.set("youden", youden);
        ArrayNode at = JsonNodeFactory.instance.arrayNode();
        for (JsonNode t : spec.path("expected").path("at_thresholds")) {
            ConfusionMetrics m = roc.at(t.path("threshold").asDouble());
            ObjectNode o = CaseKind.object();
            o.put("threshold", m.threshold());
            o.set("sensitivity", CaseKind.number(m.sensitivity()));
            o.set("specificity", CaseKind.number(m.specificity()));
            o.set("ppv", CaseKind.number(m.ppv()));
            o.set("npv", CaseKind.number(m.npv()));
            o.set("accuracy", CaseKind.number(m.accuracy()));
            at.add(o);
        }
        out.set("at_thresholds", at);
        return out;
    }
}
