package org.livercast.stats.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One kind of reference case: computes, from the case's inputs, values shaped like its {@code expected}. */
public interface CaseKind {
    String kind();

    /** @param spec the whole case.json (columns, times, tau, ties … and expected, for its shape only) */
    JsonNode compute(JsonNode spec, CaseTable data);

    static ObjectNode object() { return JsonNodeFactory.instance.objectNode(); }

    static ArrayNode array(double... values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (double v : values) {
            if (Double.isNaN(v) || Double.isInfinite(v)) a.addNull();
            else a.add(v);
        }
        return a;
    }

    static ArrayNode array(int... values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (int v : values) a.add(v);
        return a;
    }

    static JsonNode number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.numberNode(v);
    }

    static String column(JsonNode spec, String role) {
        JsonNode c = spec.path("columns").path(role);
        return c.isMissingNode() || c.isNull() ? null : c.asText();
    }
}
