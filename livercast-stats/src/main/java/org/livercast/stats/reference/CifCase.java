package org.livercast.stats.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.livercast.stats.survival.CumulativeIncidence;
import org.livercast.stats.survival.GrayTest;

/**
 * {@code cif}: cumulative incidence per group and cause at the case's times (curves named "group cause", as
 * cmprsk), and Gray's test per cause when there are several groups.
 */
final class CifCase implements CaseKind {
    public String kind() { return "cif"; }

    public JsonNode compute(JsonNode spec, CaseTable data) {
        String time = CaseKind.column(spec, "time");
        String status = CaseKind.column(spec, "status");
        String group = CaseKind.column(spec, "group");
        String strata = CaseKind.column(spec, "strata");
        List<String> used = new ArrayList<>(List.of(time, status));
        if (group != null) used.add(group);
        if (strata != null) used.add(strata);
        int[] rows = data.completeRows(used);
        double[] t = data.numbers(time, rows);
        int[] cause = data.integers(status, rows);
        String[] g = group == null ? null : data.texts(group, rows);
        List<Double> times = new ArrayList<>();
        spec.path("times").forEach(x -> times.add(x.asDouble()));
        int[] causes = Arrays.stream(cause).filter(c -> c != 0).distinct().sorted().toArray();
        List<String> groups = Groups.distinct(g, rows.length);
        ArrayNode curves = JsonNodeFactory.instance.arrayNode();
        double[] stat = new double[causes.length];
        double[] p = new double[causes.length];
        for (int k = 0; k < causes.length; k++) {
            for (String grp : groups) {
                int[] sub = java.util.stream.IntStream.range(0, rows.length).filter(i -> g == null || g[i].equals(grp)).toArray();
                double[] ts = Arrays.stream(sub).mapToDouble(i -> t[i]).toArray();
                int[] cs = Arrays.stream(sub).map(i -> cause[i]).toArray();
                CumulativeIncidence.Curve c = CumulativeIncidence.fit(ts, cs, causes[k]);
                ObjectNode o = CaseKind.object();
                o.put("curve", grp + " " + causes[k]);
                o.set("cif", CaseKind.array(times.stream().mapToDouble(c::at).toArray()));
                o.set("var", CaseKind.array(times.stream().mapToDouble(c::varianceAt).toArray()));
                curves.add(o);
            }
            if (groups.size() > 1) {
                GrayTest.Result r = GrayTest.test(t, cause, g, strata == null ? null : data.texts(strata, rows), causes[k], 0);
                stat[k] = r.statistic();
                p[k] = r.p();
            }
        }
        ObjectNode out = CaseKind.object();
        out.set("curves", curves);
        if (groups.size() > 1) {
            out.set("gray_stat", CaseKind.array(stat));
            out.set("gray_p", CaseKind.array(p));
        }
        return out;
    }
}
