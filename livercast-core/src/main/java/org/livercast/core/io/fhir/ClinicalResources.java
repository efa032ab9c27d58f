package org.livercast.core.io.fhir;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.livercast.core.io.ClinicalCsvWriter;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.io.fhir.ClinicalCodes.Code;

/**
 * A patient's clinical record — the clinical template's two tables' rows — as the FHIR R4 resources a hospital's
 * system exports (FHIR Bulk Data): Patient (hospital number as its MR identifier, sex, birth date, death), laboratory
 * Observations (LOINC, UCUM), Conditions (diagnosis, cirrhosis, ascites and hepatic encephalopathy with their severity;
 * absent as refuted; a recurrence as clinical status "recurrence" with its nodules as evidence), Procedures (the
 * operation, planned or done; adjuvant TACE), MedicationStatements, Encounters (follow-up visits), ImagingStudies
 * (surveillance scans), AdverseEvents, Specimens (the H&E slides, by id), and Observations with LiverCast's codes for the template's columns no standard
 * code carries ({@link TemplateCodes}). {@link ClinicalTablesReader} reads them back into the same rows.
 *
 * <p>The template has no dates for laboratory values or adjuvant therapy: laboratory values are dated by the screening
 * (else imaging) date when there is one, and adjuvant therapy's period starts on the day of surgery — a bound, not its
 * true start; neoadjuvant drugs' period ends on it.
 */
public final class ClinicalResources {
    /** CTCAE grade of an adverse event (R4's AdverseEvent.severity knows only mild, moderate, severe). */
    public static final String CTCAE_GRADE_EXTENSION = "https://livercast.org/fhir/StructureDefinition/ctcae-grade";

    private final String mrnSystem;
    private final List<ObjectNode> out = new ArrayList<>();
    private final String patientId;
    private final Map<String, String> row;
    private int serial;

    private ClinicalResources(String mrnSystem, Map<String, String> row) {
        this.mrnSystem = mrnSystem;
        this.row = row;
        this.patientId = "pt-" + sha(mrnSystem + "|" + row.get("patient_id"));
    }

    /** A record's resources; {@code mrnSystem} is the identifier system of the centre's hospital numbers. */
    public static List<ObjectNode> of(PatientRecord record, String mrnSystem) {
        List<Map<String, String>> events = new ArrayList<>();
        for (TimelineEvent e : record.events()) events.add(ClinicalCsvWriter.eventRow(record.id(), e));
        return of(ClinicalCsvWriter.patientRow(record), events, mrnSystem);
    }

    /** The resources of a patients-table row and its events-table rows. */
    public static List<ObjectNode> of(Map<String, String> patientRow, List<Map<String, String>> eventRows, String mrnSystem) {
        ClinicalResources w = new ClinicalResources(mrnSystem, patientRow);
        w.patient(eventRows);
        w.baseline();
        w.treatment();
        for (Map<String, String> e : eventRows) w.event(e);
        for (ObjectNode r : w.out) if (!r.has("text")) r.set("text", FhirJson.narrative("<p>" + FhirJson.esc(Narratives.summary(r)) + "</p>"));
        return w.out;
    }

    private void patient(List<Map<String, String>> events) {
        ObjectNode p = FhirJson.resource("Patient", patientId);
        ObjectNode id = p.putArray("identifier").addObject();
        id.set("type", FhirJson.concept(FhirJson.coding(ClinicalCodes.V2_IDENTIFIER_TYPE, "MR", "Medical record number"), null));
        id.put("system", mrnSystem).put("value", row.get("patient_id"));
        if (!blank("sex")) p.put("gender", row.get("sex"));
        if (!blank("birth_date")) p.put("birthDate", row.get("birth_date"));
        for (Map<String, String> e : events) if ("death".equals(e.get("event_type"))) p.put("deceasedDateTime", e.get("event_date"));
        p.set("managingOrganization", FhirJson.logicalReference("Organization", TemplateCodes.CENTRE, row.get("centre_id"), null));
        p.set("text", FhirJson.narrative("<p>Patient " + FhirJson.esc(row.get("patient_id")) + "</p>"));
        out.add(p);
    }

    private void baseline() {
        String labDate = first("screening_date", "imaging_date");
        if (!blank("age_years") && blank("birth_date")) {
            ObjectNode o = observation(new Code(ClinicalCodes.LOINC, "30525-0", "Age"), labDate, "survey");
            o.putObject("valueQuantity").put("value", Integer.parseInt(row.get("age_years"))).put("unit", "years").put("system", ClinicalCodes.UCUM).put("code", "a");
        }
        for (Map.Entry<String, List<Code>> lab : ClinicalCodes.LABS.entrySet()) {
            String column = lab.getKey();
            if (blank(column)) continue;
            String unit = row.getOrDefault(column + "_unit", "");
            // Bilirubin and creatinine: LOINC tells mass from moles, so the code follows the unit (their second code is the moles one).
            boolean moles = (column.equals("total_bilirubin") || column.equals("creatinine")) && unit.toLowerCase(java.util.Locale.ROOT).contains("mol");
            Code code = lab.getValue().get(moles ? 1 : 0);
            labQuantity(observation(code, labDate, "laboratory"), column, unit);
        }
        if (!blank("pivka_ii")) labQuantity(observation(livercast("pivka_ii"), labDate, "laboratory"), "pivka_ii", row.getOrDefault("pivka_ii_unit", ""));
        for (Map.Entry<String, List<Code>> s : ClinicalCodes.SEROLOGIES.entrySet()) {
            if (blank(s.getKey())) continue;
            Code answer = yes(s.getKey()) ? ClinicalCodes.POSITIVE : ClinicalCodes.NEGATIVE;
            observation(s.getValue().get(0), labDate, "laboratory").set("valueCodeableConcept", concept(answer));
        }
        if (!blank("ecog")) observation(ClinicalCodes.ECOG.get(0), labDate, "survey").put("valueInteger", Integer.parseInt(row.get("ecog")));
        if (!blank("cirrhosis")) condition(ClinicalCodes.CIRRHOSIS, yes("cirrhosis"), null, labDate);
        if (!blank("ascites")) {
            String a = row.get("ascites");
            condition(ClinicalCodes.ASCITES, !a.equals("none"), a.equals("mild") ? ClinicalCodes.MILD : ClinicalCodes.SEVERE, labDate);
        }
        if (!blank("encephalopathy")) {
            String e = row.get("encephalopathy");
            condition(ClinicalCodes.HEPATIC_ENCEPHALOPATHY, !e.equals("none"), e.equals("grade_1_2") ? ClinicalCodes.MILD : ClinicalCodes.SEVERE, labDate);
        }
        String imagingDate = row.get("imaging_date");
        nodules(row.get("nodule_sizes_mm"), row.get("nodule_segments"), imagingDate);
        for (String c : List.of("macrovascular_invasion", "extrahepatic_spread")) templateObservation(c, row.get(c), imagingDate);
        if (!blank("clinical_diagnosis")) diagnosis(row.get("clinical_diagnosis"), first("screening_date", "imaging_date"), false);
        if (!blank("imaging_date")) {
            ObjectNode s = resource("ImagingStudy");
            s.put("status", "available");
            s.set("subject", FhirJson.reference("Patient", patientId, null));
            s.put("started", imagingDate);
            if (!blank("imaging_modality")) {
                s.putArray("modality").add(FhirJson.coding("http://dicom.nema.org/resources/ontology/DCM", row.get("imaging_modality").toUpperCase(java.util.Locale.ROOT),
                        row.get("imaging_modality").equals("mr") ? "Magnetic Resonance" : "Computed Tomography"));
            }
            s.put("description", "Pre-operative liver imaging");
        }
        for (String c : List.of("imaging_contrast_enhanced", "imaging_quality", "imaging_phases")) templateObservation(c, row.get(c), imagingDate);
        for (String c : List.of("screening_date", "informed_consent", "follow_up_consent", "prior_therapy_without_baseline", "severe_vital_organ_disease",
                "nyha_class", "severe_renal_dysfunction", "uncontrolled_hypertension", "other_malignancy_within_5y", "other_primary_malignancy",
                "regimen_hypersensitivity")) {
            templateObservation(c, row.get(c), row.get("screening_date"));
        }
    }

    private void treatment() {
        String surgery = row.get("surgery_date");
        String planned = row.getOrDefault("planned_procedure", "");
        Code operation = ClinicalCodes.PROCEDURES.get(planned);
        if (operation != null) {
            ObjectNode p = procedure(operation, blank("surgery_date") ? "preparation" : "completed");
            if (!blank("surgery_date")) p.put("performedDateTime", surgery);
        } else if (!planned.isEmpty()) {
            templateObservation("planned_procedure", planned, row.get("screening_date"));
        }
        for (String drug : list("neoadjuvant_drugs")) medication(drug, null, surgery);
        String strategy = row.getOrDefault("adjuvant_strategy", "");
        if (strategy.startsWith("tace")) procedure(ClinicalCodes.TACE, "completed").putObject("performedPeriod").put("start", surgery);
        for (String drug : list("adjuvant_drugs")) medication(drug, surgery, null);
        if (!blank("histologic_diagnosis")) diagnosis(row.get("histologic_diagnosis"), surgery, true);
        // The resected tumour's H&E slides, by the ids their files carry (the files themselves come beside the export).
        for (String slide : list("slide_ids")) {
            ObjectNode sp = resource("Specimen");
            sp.putArray("identifier").add(FhirJson.identifier(mrnSystem + "/slide", slide));
            sp.set("type", FhirJson.text(ClinicalCodes.SLIDE_TYPE_TEXT));
            sp.set("subject", FhirJson.reference("Patient", patientId, null));
            if (!blank("surgery_date")) sp.putObject("collection").put("collectedDateTime", surgery);
        }
        for (String c : List.of("resection_margin", "mvi", "edmondson_grade", "satellite_nodules", "capsule_complete", "major_vessel_involvement",
                "adjacent_organ_invasion", "regional_node_metastasis")) {
            templateObservation(c, row.get(c), surgery);
        }
    }

    private void event(Map<String, String> e) {
        String date = e.get("event_date");
        String note = e.getOrDefault("note", "");
        switch (e.get("event_type")) {
            case "visit" -> {
                ObjectNode v = resource("Encounter");
                v.put("status", "finished");
                v.set("class", FhirJson.coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
                v.set("subject", FhirJson.reference("Patient", patientId, null));
                v.putObject("period").put("start", date);
                if (!note.isEmpty()) v.putArray("reasonCode").add(FhirJson.text(note));
            }
            case "imaging" -> {
                ObjectNode s = resource("ImagingStudy");
                s.put("status", "available");
                s.set("subject", FhirJson.reference("Patient", patientId, null));
                s.put("started", date);
                if (!note.isEmpty()) s.put("description", note);
            }
            case "recurrence" -> {
                List<ObjectNode> evidence = new ArrayList<>(nodules(e.get("recurrence_nodule_sizes_mm"), null, date));
                ObjectNode macro = templateObservation("macrovascular_invasion", e.get("recurrence_macrovascular_invasion"), date);
                ObjectNode spread = templateObservation("extrahepatic_spread", e.get("recurrence_extrahepatic_spread"), date);
                if (macro != null) evidence.add(macro);
                if (spread != null) evidence.add(spread);
                String diagnosis = !blank("histologic_diagnosis") ? row.get("histologic_diagnosis") : blank("clinical_diagnosis") ? "hcc" : row.get("clinical_diagnosis");
                ObjectNode c = resource("Condition");
                c.set("clinicalStatus", FhirJson.concept(FhirJson.coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "recurrence", "Recurrence"), null));
                c.set("verificationStatus", verification("confirmed"));
                c.set("code", diagnosisConcept(diagnosis));
                c.set("subject", FhirJson.reference("Patient", patientId, null));
                c.put("onsetDateTime", date);
                if (!evidence.isEmpty()) {
                    ArrayNode detail = c.putArray("evidence").addObject().putArray("detail");
                    for (ObjectNode o : evidence) detail.add(FhirJson.reference("Observation", o.get("id").asText(), null));
                }
            }
            case "death" -> templateObservation("cause_of_death", e.get("cause"), date);
            case "adverse_event" -> {
                ObjectNode a = resource("AdverseEvent");
                int grade = Integer.parseInt(e.get("ctcae_grade"));
                a.putArray("extension").addObject().put("url", CTCAE_GRADE_EXTENSION).put("valueInteger", grade);
                a.put("actuality", "actual");
                a.set("event", FhirJson.text(e.get("ctcae_term")));
                a.set("subject", FhirJson.reference("Patient", patientId, null));
                a.put("date", date);
                if (e.get("serious") != null && !e.get("serious").isEmpty()) {
                    boolean serious = "yes".equals(e.get("serious"));
                    a.set("seriousness", FhirJson.concept(FhirJson.coding("http://terminology.hl7.org/CodeSystem/adverse-event-seriousness",
                            serious ? "Serious" : "Non-serious", serious ? "Serious" : "Non-serious"), null));
                }
                String severity = grade == 1 ? "mild" : grade == 2 ? "moderate" : "severe";
                a.set("severity", FhirJson.concept(FhirJson.coding("http://terminology.hl7.org/CodeSystem/adverse-event-severity", severity,
                        Character.toUpperCase(severity.charAt(0)) + severity.substring(1)), null));
            }
            default -> throw new IllegalArgumentException("event_type " + e.get("event_type"));
        }
    }

    /** One tumour-size Observation a nodule (mm), with its Couinaud segment as the body site. */
    private List<ObjectNode> nodules(String sizes, String segments, String date) {
        List<ObjectNode> made = new ArrayList<>();
        if (sizes == null || sizes.isBlank()) return made;
        String[] mm = sizes.split(";");
        String[] seg = segments == null || segments.isBlank() ? new String[0] : segments.split(";");
        for (int i = 0; i < mm.length; i++) {
            ObjectNode o = observation(ClinicalCodes.TUMOUR_SIZE.get(0), date, "imaging");
            o.putObject("valueQuantity").put("value", new java.math.BigDecimal(mm[i].trim())).put("unit", "mm").put("system", ClinicalCodes.UCUM).put("code", "mm");
            if (i < seg.length) o.set("bodySite", FhirJson.text("Couinaud segment " + seg[i].trim().replaceFirst("^[Ss]", "")));
            made.add(o);
        }
        return made;
    }

    private void diagnosis(String diagnosis, String recorded, boolean histologic) {
        ObjectNode c = resource("Condition");
        c.set("clinicalStatus", FhirJson.concept(FhirJson.coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"), null));
        c.set("verificationStatus", verification(histologic ? "confirmed" : "provisional"));
        c.set("code", diagnosisConcept(diagnosis));
        c.set("subject", FhirJson.reference("Patient", patientId, null));
        if (recorded != null && !recorded.isEmpty()) c.put("recordedDate", recorded);
        if (histologic) c.putArray("note").addObject().put("text", "Histologic diagnosis of the resected specimen");
    }

    private static ObjectNode diagnosisConcept(String diagnosis) {
        ObjectNode concept = FhirJson.JSON.createObjectNode();
        ArrayNode codings = concept.putArray("coding");
        for (Code c : ClinicalCodes.DIAGNOSES.get(diagnosis)) codings.add(FhirJson.coding(c.system(), c.code(), c.display()));
        return concept;
    }

    /** Present (confirmed) or absent (refuted: R4 then has no clinical status); a severity when present. */
    private void condition(Code code, boolean present, Code severity, String recorded) {
        ObjectNode c = resource("Condition");
        if (present) c.set("clinicalStatus", FhirJson.concept(FhirJson.coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"), null));
        c.set("verificationStatus", verification(present ? "confirmed" : "refuted"));
        if (present && severity != null) c.set("severity", concept(severity));
        c.set("code", concept(code));
        c.set("subject", FhirJson.reference("Patient", patientId, null));
        if (recorded != null && !recorded.isEmpty()) c.put("recordedDate", recorded);
    }

    private ObjectNode procedure(Code code, String status) {
        ObjectNode p = resource("Procedure");
        p.put("status", status);
        p.set("code", concept(code));
        p.set("subject", FhirJson.reference("Patient", patientId, null));
        return p;
    }

    private void medication(String drug, String start, String end) {
        ObjectNode m = resource("MedicationStatement");
        m.put("status", "completed");
        ObjectNode concept = FhirJson.JSON.createObjectNode();
        ClinicalCodes.DRUGS_BY_ATC.entrySet().stream().filter(e -> e.getValue().equals(drug)).findFirst()
                .ifPresent(e -> concept.putArray("coding").add(FhirJson.coding(ClinicalCodes.ATC, e.getKey(), drug)));
        concept.put("text", drug);
        m.set("medicationCodeableConcept", concept);
        m.set("subject", FhirJson.reference("Patient", patientId, null));
        if (start != null && !start.isEmpty() || end != null && !end.isEmpty()) {
            ObjectNode period = m.putObject("effectivePeriod");
            if (start != null && !start.isEmpty()) period.put("start", start);
            if (end != null && !end.isEmpty()) period.put("end", end);
        }
    }

    /** An Observation with LiverCast's code for a template column and the cell as its value; none for an empty cell. */
    private ObjectNode templateObservation(String column, String value, String date) {
        if (value == null || value.isBlank()) return null;
        ObjectNode o = observation(livercast(column), date, null);
        if (TemplateCodes.yesNo(column)) o.put("valueBoolean", value.equals("yes"));
        else if (TemplateCodes.integer(column)) o.put("valueInteger", Integer.parseInt(value));
        else if (TemplateCodes.date(column)) o.put("valueDateTime", value);
        else o.put("valueString", value);
        return o;
    }

    private void labQuantity(ObjectNode o, String column, String unit) {
        ObjectNode q = o.putObject("valueQuantity");
        q.put("value", new java.math.BigDecimal(row.get(column).trim()));
        if (unit.isEmpty()) return;
        q.put("unit", unit);
        String ucum = ClinicalCodes.UCUM_OF_UNIT.get(unit);
        if (ucum != null) q.put("system", ClinicalCodes.UCUM).put("code", ucum);
    }

    private ObjectNode observation(Code code, String date, String category) {
        ObjectNode o = resource("Observation");
        o.put("status", "final");
        if (category != null) {
            o.putArray("category").add(FhirJson.concept(FhirJson.coding("http://terminology.hl7.org/CodeSystem/observation-category", category,
                    switch (category) { case "laboratory" -> "Laboratory"; case "imaging" -> "Imaging"; default -> "Survey"; }), null));
        }
        o.set("code", concept(code));
        o.set("subject", FhirJson.reference("Patient", patientId, null));
        if (date != null && !date.isEmpty()) o.put("effectiveDateTime", date);
        o.putArray("performer").add(FhirJson.logicalReference("Organization", TemplateCodes.CENTRE, row.get("centre_id"), "centre " + row.get("centre_id")));
        return o;
    }

    private ObjectNode resource(String type) {
        ObjectNode r = FhirJson.resource(type, patientId + "-" + type.toLowerCase(java.util.Locale.ROOT) + "-" + (++serial));
        out.add(r);
        return r;
    }

    private static ObjectNode verification(String code) {
        return FhirJson.concept(FhirJson.coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", code,
                Character.toUpperCase(code.charAt(0)) + code.substring(1)), null);
    }

    private static Code livercast(String column) { return new Code(TemplateCodes.SYSTEM, TemplateCodes.code(column), TemplateCodes.DISPLAYS.get(column)); }

    private static ObjectNode concept(Code c) { return FhirJson.concept(FhirJson.coding(c.system(), c.code(), c.display()), null); }

    private boolean blank(String column) { return row.get(column) == null || row.get(column).isBlank(); }

    private boolean yes(String column) { return "yes".equals(row.get(column)); }

    private String first(String... columns) {
        for (String c : columns) if (!blank(c)) return row.get(c);
        return null;
    }

    private List<String> list(String column) { return blank(column) ? List.of() : List.of(row.get(column).split(";")); }

    private static String sha(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
