package org.livercast.core.io.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The FHIR R4 JSON data types LiverCast writes (Coding, CodeableConcept, Reference, Quantity, Narrative, instant), as
 * Jackson trees: a resource is an {@link ObjectNode} whose {@code resourceType} names it.
 */
public final class FhirJson {
    /** What a FHIR server answers with (R4, http://hl7.org/fhir/R4/http.html#mime-type). */
    public static final String MIME_TYPE = "application/fhir+json";
    public static final String FHIR_VERSION = "4.0.1";
    public static final String UCUM = "http://unitsofmeasure.org";
    /** Decimals written as digits, never in exponent form, as FHIR's examples and most receiving systems expect. */
    public static final ObjectMapper JSON = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    /**
     * The HL7 validator warns ("outside the range of commonly supported decimals") beyond 17 decimal places; no
     * probability here means anything that far down (a double's 17th significant digit of 0.06 is the 18th place).
     */
    private static final int MAX_DECIMAL_PLACES = 17;

    private FhirJson() {}

    public static ObjectNode resource(String type, String id) {
        ObjectNode r = JSON.createObjectNode().put("resourceType", type);
        if (id != null) r.put("id", id);
        return r;
    }

    public static ObjectNode coding(String system, String code, String display) {
        ObjectNode c = JSON.createObjectNode().put("system", system).put("code", code);
        if (display != null) c.put("display", display);
        return c;
    }

    public static ObjectNode concept(ObjectNode coding, String text) {
        ObjectNode c = JSON.createObjectNode();
        if (coding != null) c.putArray("coding").add(coding);
        if (text != null) c.put("text", text);
        return c;
    }

    public static ObjectNode text(String text) { return concept(null, text); }

    /** A literal reference to a resource LiverCast writes beside this one. */
    public static ObjectNode reference(String type, String id, String display) {
        ObjectNode r = JSON.createObjectNode().put("reference", type + "/" + id);
        if (display != null) r.put("display", display);
        return r;
    }

    /** A logical reference: what is meant is named by an identifier (a hash, a centre), not by a resource. */
    public static ObjectNode logicalReference(String type, String system, String value, String display) {
        ObjectNode r = JSON.createObjectNode();
        if (type != null) r.put("type", type);
        r.set("identifier", identifier(system, value));
        if (display != null) r.put("display", display);
        return r;
    }

    public static ObjectNode identifier(String system, String value) {
        return JSON.createObjectNode().put("system", system).put("value", value);
    }

    /** A UCUM quantity (e.g. {@code a} for years, {@code mo} for months). */
    public static ObjectNode quantity(double value, String unit, String ucumCode) {
        return JSON.createObjectNode().put("value", value).put("unit", unit).put("system", UCUM).put("code", ucumCode);
    }

    /** From 0 to {@code upper} of a UCUM unit: the period a prediction is about, counted from the assessment. */
    public static ObjectNode rangeFromZero(double upper, String unit, String ucumCode) {
        ObjectNode r = JSON.createObjectNode();
        r.set("low", quantity(0, unit, ucumCode));
        r.set("high", quantity(upper, unit, ucumCode));
        return r;
    }

    /**
     * The human-readable summary every resource should carry (dom-6), so that a system that does not know LiverCast's
     * codes still shows a reader what the resource says. {@code xhtml} is the div's content, already escaped.
     */
    public static ObjectNode narrative(String xhtml) {
        return JSON.createObjectNode().put("status", "generated").put("div", "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + xhtml + "</div>");
    }

    /** Text for the narrative's XHTML. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A FHIR instant (seconds, with the zone: R4 requires one) in UTC. */
    public static String instant(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** A stored double as the decimal it prints as (its shortest exact form), at most 17 decimal places. */
    public static java.math.BigDecimal decimal(double x) { return places(new java.math.BigDecimal(Double.toString(x))); }

    /**
     * 1 − x in decimal arithmetic on x's printed form: 1 − 0.97 is 0.03, not the 0.030000000000000027 of binary doubles —
     * the complement of a stored survival is a probability a reader should see as stored.
     */
    public static java.math.BigDecimal complement(double x) { return places(java.math.BigDecimal.ONE.subtract(new java.math.BigDecimal(Double.toString(x)))); }

    private static java.math.BigDecimal places(java.math.BigDecimal d) {
        return d.scale() > MAX_DECIMAL_PLACES ? d.setScale(MAX_DECIMAL_PLACES, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros() : d;
    }

    public static ArrayNode array() { return JSON.createArrayNode(); }
}
