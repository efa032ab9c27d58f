package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import static org.livercast.core.io.fhir.FhirJson.esc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.livercast.study.models.ModelRegistry;

/**
 * A registered model as a FHIR Device (software), the performer of every assessment it made: its content hash (which
 * is its id: the same weights, calibration and preprocessing give the same hash), the code version that trained it, the
 * hash of its training data and what was measured of it on its held-out centre.
 */
public final class ModelDevice {
    private ModelDevice() {}

    /** The LiverCast code of a model kind ({@code pre} → {@code pre-model}). */
    public static String kindCode(String kind) {
        return switch (kind) {
            case "pre", "post", "diagnosis", "therapy" -> kind + "-model";
            default -> throw new IllegalArgumentException("model kind '" + kind + "' is not one of pre, post, diagnosis, therapy");
        };
    }

    /** How a page or a note names the model: its kind's name and the first 12 characters of its hash. */
    public static String name(String kind, String modelId) { return LiverCastCodes.display(kindCode(kind)) + " " + modelId.substring(0, 12); }

    /** What every model's Device says: its hash as id and identifier, its name and kind. */
    private static ObjectNode base(String modelId, String kind) {
        String code = kindCode(kind);
        ObjectNode d = FhirJson.resource("Device", modelId);
        d.putArray("identifier").add(FhirJson.identifier(LiverCastCodes.MODEL_ID, modelId));
        d.put("status", "active").put("manufacturer", "LiverCast");
        d.putArray("deviceName").addObject().put("name", name(kind, modelId)).put("type", "model-name");
        d.put("modelNumber", kind);
        d.set("type", FhirJson.concept(LiverCastCodes.coding(code), LiverCastCodes.display(code)));
        return d;
    }

    public static ObjectNode of(ModelRegistry.Summary m) {
        ObjectNode d = base(m.modelId(), m.kind());
        d.putArray("version").addObject().put("value", m.codeVersion());
        ArrayNode props = d.putArray("property");
        ObjectNode data = props.addObject();
        data.set("type", FhirJson.text("training data SHA-256"));
        data.putArray("valueCode").add(FhirJson.text(m.trainingDataSha256()));
        StringBuilder metrics = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : numbers(m.metricsJson())) {
            ObjectNode p = props.addObject();
            p.set("type", FhirJson.text("held-out " + e.getKey()));
            p.putArray("valueQuantity").addObject().put("value", e.getValue().asDouble());
            metrics.append(metrics.isEmpty() ? "" : ", ").append(esc(e.getKey())).append(' ').append(e.getValue().asText());
        }
        d.set("text", FhirJson.narrative("<p>" + esc(name(m.kind(), m.modelId())) + ", trained by " + esc(m.codeVersion())
                + (metrics.isEmpty() ? "" : "; on its held-out centre: " + metrics) + ".</p>"));
        return d;
    }

    /**
     * A model the registry does not hold, known only by the id its assessments recorded: an adjuvant-therapy ensemble
     * (identified by the hash of its whole folder) whose recommendations a store kept before ensembles were registered.
     * Every assessment's performer must resolve, so it is a Device too — saying what is not known.
     */
    public static ObjectNode unregistered(String modelId, String kind) {
        ObjectNode d = base(modelId, kind);
        String note = "Not in this store's model registry: identified by the SHA-256 of its model folder"
                + (kind.equals("therapy") ? " (an ensemble whose recommendations were stored before ensembles were registered)" : "") + ".";
        d.putArray("note").addObject().put("text", note);
        d.set("text", FhirJson.narrative("<p>" + FhirJson.esc(name(kind, modelId)) + ". " + FhirJson.esc(note) + "</p>"));
        return d;
    }

    /** The card's top-level numeric metrics (AUC, C-index, calibration slope…): what a Device property can carry. */
    private static Iterable<Map.Entry<String, JsonNode>> numbers(String metricsJson) {
        try {
            JsonNode metrics = FhirJson.JSON.readTree(metricsJson == null ? "{}" : metricsJson);
            return () -> java.util.stream.StreamSupport.stream(((Iterable<Map.Entry<String, JsonNode>>) metrics::fields).spliterator(), false)
                    .filter(e -> e.getValue().isNumber() && Double.isFinite(e.getValue().asDouble())).iterator();
        } catch (IOException e) {
            throw new UncheckedIOException("the model card's metrics do not parse: " + e.getMessage(), e);
        }
    }
}
