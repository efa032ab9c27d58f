package org.livercast.stats.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares computed values with R's expected values, field by field. Numbers must agree within the tolerance
 * (a number, or an object giving one per top-level field); an expected null (R's NA) must be NaN or null; arrays
 * of objects carrying a "group" or "curve" label are matched by that label, not by position.
 */
public final class Comparison {
    private double maxDiff;
    private final List<String> failures = new ArrayList<>();

    public static Comparison of(JsonNode expected, JsonNode actual, JsonNode tolerance) {
        Comparison c = new Comparison();
        c.compare("", expected, actual, tolerance, tolerance);
        return c;
    }

    public double maxAbsDiff() { return maxDiff; }

    public List<String> failures() { return failures; }

    public boolean passed() { return failures.isEmpty(); }

    private void compare(String path, JsonNode exp, JsonNode act, JsonNode tolRoot, JsonNode tol) {
        if (act == null || act.isMissingNode()) {
            failures.add(path + ": not computed");
            return;
        }
        if (exp.isNull()) {
            if (!(act.isNull() || (act.isNumber() && Double.isNaN(act.asDouble())))) failures.add(path + ": expected NA, got " + act);
            return;
        }
        if (exp.isNumber()) {
            double a = act.isNull() ? Double.NaN : act.asDouble();
            double d = Math.abs(exp.asDouble() - a);
            double t = tol.isNumber() ? tol.asDouble() : 0;
            if (Double.isNaN(d) || d > t) failures.add(path + ": expected " + exp.asDouble() + ", got " + a);
            else maxDiff = Math.max(maxDiff, d);
            return;
        }
        if (exp.isTextual() || exp.isBoolean()) {
            if (!exp.asText().equals(act.asText())) failures.add(path + ": expected " + exp.asText() + ", got " + act.asText());
            return;
        }
        if (exp.isArray()) {
            compareArray(path, exp, act, tolRoot, tol);
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = exp.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode t = path.isEmpty() && tol.isObject() ? tol.path(f.getKey()) : tol;
            if (t.isMissingNode()) t = tolRoot.path("default");
            compare(path + "/" + f.getKey(), f.getValue(), act.get(f.getKey()), tolRoot, t);
        }
    }

    private void compareArray(String path, JsonNode exp, JsonNode act, JsonNode tolRoot, JsonNode tol) {
        if (!act.isArray() || act.size() != exp.size()) {
            failures.add(path + ": expected " + exp.size() + " values, got " + (act.isArray() ? act.size() : act.getNodeType()));
            return;
        }
        for (int i = 0; i < exp.size(); i++) {
            JsonNode e = exp.get(i);
            JsonNode a = act.get(i);
            String label = label(e);
            if (label != null) {
                a = null;
                for (JsonNode candidate : act) if (label.equals(label(candidate))) a = candidate;
            }
            compare(path + "[" + (label == null ? i : label) + "]", e, a, tolRoot, tol);
        }
    }

    private static String label(JsonNode n) {
        if (!n.isObject()) return null;
        if (n.has("group")) return n.get("group").asText();
        if (n.has("curve")) return n.get("curve").asText();
        return null;
    }
}
