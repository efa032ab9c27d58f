package org.livercast.stats.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.livercast.stats.survival.KaplanMeier;
import org.livercast.stats.survival.SurvivalData;

/** {@code km}: Kaplan–Meier curves per group, and medians with their intervals. */
final class KmCase implements CaseKind {
    public String kind() { return "km"; }

    public JsonNode compute(JsonNode spec, CaseTable data) {
        String time = CaseKind.column(spec, "time");
        String status = CaseKind.column(spec, "status");
        String group = CaseKind.column(spec, "group");
        List<String> used = new ArrayList<>(List.of(time, status));
        if (group != null) used.add(group);
        int[] rows = data.completeRows(used);
        String[] labels = group == null ? null : data.texts(group, rows);
        ArrayNode groups = JsonNodeFactory.instance.arrayNode();
        ArrayNode medians = JsonNodeFactory.instance.arrayNode();
        for (String g : Groups.distinct(labels, rows.length)) {
            int[] sub = Groups.rowsOf(labels, g, rows);
            KaplanMeier.Curve c = KaplanMeier.fit(SurvivalData.of(data.numbers(time, sub), data.integers(status, sub)));
            ObjectNode o = CaseKind.object();
            o.put("group", g);
            o.set("time", CaseKind.array(c.time()));
            o.set("n_risk", CaseKind.array(c.nRisk()));
            o.set("n_event", CaseKind.array(c.nEvent()));
            o.set("n_censor", CaseKind.array(c.nCensor()));
            o.set("surv", CaseKind.array(c.survival()));
            o.set("std_err_cumhaz", CaseKind.array(c.stdErrCumHaz()));
            o.set("lower95", CaseKind.array(c.lower95()));
            o.set("upper95", CaseKind.array(c.upper95()));
            groups.add(o);
            KaplanMeier.Median m = c.median();
            ObjectNode med = CaseKind.object();
            med.put("group", g);
            med.set("median", CaseKind.number(m.median()));
            med.set("lower95", CaseKind.number(m.lower95()));
            med.set("upper95", CaseKind.number(m.upper95()));
            medians.add(med);
        }
        ObjectNode out = CaseKind.object();
        out.set("groups", groups);
        out.set("medians", medians);
        return out;
    }
}
