package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.core.protocol.facts.Staging;

/**
 * LiverCast's own codes — what its models predict, which model said it, and the clinical template's columns that have no
 * standard code — as one FHIR CodeSystem, exported beside the
 * resources that use it so a receiving system (or a validator) can look every code up. Where a standard code exists it
 * is used instead (HL7's risk-probability for high and low risk, UCUM for times).
 */
public final class LiverCastCodes {
    public static final String SYSTEM = org.livercast.core.io.fhir.TemplateCodes.SYSTEM;
    /** Identifier systems: what a LiverCast hash or pseudonym is an identifier of. */
    public static final String MODEL_ID = "https://livercast.org/fhir/sid/model-sha256";
    public static final String INPUT_SHA256 = "https://livercast.org/fhir/sid/input-sha256";
    public static final String TRAINING_DATA_SHA256 = "https://livercast.org/fhir/sid/training-data-sha256";
    public static final String CENTRE = org.livercast.core.io.fhir.TemplateCodes.CENTRE;
    /** A patient's pseudonym is unique within its centre: one system per centre. */
    public static String patientSystem(String centreId) { return "https://livercast.org/fhir/sid/patient/" + centreId; }

    public static final String RISK_PROBABILITY = "http://terminology.hl7.org/CodeSystem/risk-probability";

    private static final Map<String, String[]> CODES = new LinkedHashMap<>();

    static {
        add("pre-model", "LiverCast PRE model", "Pre-operative model: MRI, radiology report, laboratory and clinical data; no slide or pathology");
        add("post-model", "LiverCast POST model", "Post-operative model: the pre-operative inputs with the resected tumour's slides and pathology");
        add("diagnosis-model", "LiverCast diagnosis model", "Benign against malignant, and HCC against intrahepatic cholangiocarcinoma, before surgery");
        add("therapy-model", "LiverCast adjuvant-therapy model", "Recurrence-free survival under each adjuvant strategy after resection");
        add("aggressive-recurrence", "Aggressive recurrence",
                "First recurrence beyond the Milan criteria (more than 3 nodules, a nodule over 5 cm, macrovascular invasion or spread"
                        + " outside the liver) after resection of hepatocellular carcinoma");
        add("recurrence-or-death", "Recurrence or death", "The end of recurrence-free survival: recurrence of the cancer, or death from any cause");
        add("death", "Death", "Death from any cause (overall survival)");
        add("malignant-lesion", "Malignant liver lesion", "The lesion is a primary liver cancer (HCC or intrahepatic cholangiocarcinoma)");
        add("hepatocellular-carcinoma", "Hepatocellular carcinoma", "The lesion is a hepatocellular carcinoma");
        add("intrahepatic-cholangiocarcinoma", "Intrahepatic cholangiocarcinoma", "The lesion is an intrahepatic cholangiocarcinoma");
        add("benign-lesion", "Benign liver lesion", "The lesion is benign");
        for (AdjuvantStrategy s : AdjuvantStrategy.values()) {
            add(strategy(s), s == AdjuvantStrategy.SURGERY_ALONE ? "Surgery alone" : "Surgery + " + s.label(),
                    "Adjuvant strategy after resection: " + s.label());
        }
        for (Staging.Kind k : Staging.KINDS) add(staging(k), k.label(), "Computed by LiverCast from the pre-operative record (" + k.fact() + ")");
        add("locked", "Locked prediction", "A prediction locked for a study protocol: it is never changed, only superseded with a reason");
        // The clinical template's columns that no standard code carries (a centre's export read as its tables, and written).
        org.livercast.core.io.fhir.TemplateCodes.DISPLAYS.forEach((column, display) -> add(org.livercast.core.io.fhir.TemplateCodes.code(column),
                display, "The clinical template's column " + column + " (docs/clinical-csv.md), as an Observation's value"));
    }

    private LiverCastCodes() {}

    private static void add(String code, String display, String definition) {
        if (CODES.put(code, new String[] {display, definition}) != null) throw new IllegalStateException("LiverCast code '" + code + "' defined twice");
    }

    /** The code of a staging ({@code bclc_stage} → {@code bclc-stage}). */
    public static String staging(Staging.Kind k) { return k.fact().replace('_', '-'); }

    public static String strategy(AdjuvantStrategy s) { return "strategy-" + s.id().replace('_', '-'); }

    /** A coding of one of LiverCast's codes, with its display; an unknown code is a programming error. */
    public static ObjectNode coding(String code) {
        String[] c = CODES.get(code);
        if (c == null) throw new IllegalArgumentException("no LiverCast code '" + code + "'");
        return FhirJson.coding(SYSTEM, code, c[0]);
    }

    public static String display(String code) { return CODES.get(code)[0]; }

    /** The CodeSystem resource itself (id {@code livercast}). */
    public static ObjectNode codeSystem(String version) {
        ObjectNode cs = FhirJson.resource("CodeSystem", "livercast");
        cs.set("text", FhirJson.narrative("<p>LiverCast's codes: what its models predict and which model predicted it ("
                + CODES.size() + " codes).</p>"));
        cs.put("url", SYSTEM).put("version", version).put("name", "LiverCast").put("title", "LiverCast codes").put("status", "active")
                .put("experimental", false).put("publisher", "LiverCast")
                .put("description", "What LiverCast's models predict after resection of hepatocellular carcinoma, and which model predicted it.")
                .put("caseSensitive", true).put("content", "complete").put("count", CODES.size());
        ArrayNode concepts = cs.putArray("concept");
        CODES.forEach((code, c) -> concepts.addObject().put("code", code).put("display", c[0]).put("definition", c[1]));
        return cs;
    }
}
