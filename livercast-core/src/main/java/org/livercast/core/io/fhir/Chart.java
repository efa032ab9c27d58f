package org.livercast.core.io.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.livercast.core.io.fhir.CentreCodes.Target;
import org.livercast.core.io.fhir.ClinicalCodes.Code;
import org.livercast.core.io.fhir.FhirNdjson.Entry;

/**
 * One Patient of an export with the resources about them, read into the template's patients row ({@link #patientRow}):
 * the operation first (its day decides what is pre-operative), then Observations and Conditions by code, the slides,
 * the pre-operative scan and the therapy around the operation; and its events rows ({@link ChartEvents}).
 */
final class Chart {
    static final Set<String> READ_TYPES = Set.of("Observation", "Condition", "Procedure", "MedicationStatement", "MedicationAdministration",
            "MedicationRequest", "Encounter", "ImagingStudy", "AdverseEvent", "Specimen", "DiagnosticReport", "Consent");
    /** Therapy that starts this long after surgery, or after the first recurrence, is not adjuvant. */
    static final int ADJUVANT_WINDOW_DAYS = 180;
    /** Columns read from the pathology of the resected specimen (the latest value, whatever its date). */
    private static final Set<String> POSTOPERATIVE = Set.of("resection_margin", "mvi", "edmondson_grade", "satellite_nodules", "capsule_complete",
            "major_vessel_involvement", "adjacent_organ_invasion", "regional_node_metastasis", "histologic_diagnosis", "cause_of_death");
    private static final Pattern SEGMENT = Pattern.compile("(?i)(?:segment|S)\\s*([1-8])\\b|\\b([1-8])\\b");

    static final class ChartException extends Exception {
        private final List<String> errors;

        ChartException(List<String> errors) {
            super(String.join("; ", errors));
            this.errors = errors;
        }

        List<String> errors() { return errors; }
    }

    /** A value for a column, when it was observed, and where it came from. */
    record Cell(String value, String unit, String day, Entry from) {}

    final Entry patient;
    final String hospitalNumber;
    private final Map<String, List<Entry>> byType = new LinkedHashMap<>();
    final List<String> errors = new ArrayList<>();
    String surgeryDay;

    Chart(Entry patient, String hospitalNumber) {
        this.patient = patient;
        this.hospitalNumber = hospitalNumber;
    }

    JsonNode patient() { return patient.resource(); }

    void add(Entry e) { byType.computeIfAbsent(e.type(), k -> new ArrayList<>()).add(e); }

    List<Entry> all(String... types) {
        List<Entry> out = new ArrayList<>();
        for (String t : types) out.addAll(byType.getOrDefault(t, List.of()));
        return out.stream().filter(e -> !"entered-in-error".equals(e.resource().path("status").asText())).toList();
    }

    Map<String, String> patientRow(String centreId, CentreCodes codes, Map<String, Integer> leftOut) throws ChartException {
        Map<String, String> row = new LinkedHashMap<>();
        JsonNode p = patient.resource();
        row.put("patient_id", hospitalNumber);
        row.put("centre_id", centreId);
        String gender = p.path("gender").asText("");
        if (gender.equals("male") || gender.equals("female")) row.put("sex", gender);
        // A death without its day cannot be an event (survival needs the day): counted for the data manager, not guessed.
        if (p.path("deceasedBoolean").asBoolean(false)) leftOut.merge("Patient deceasedBoolean (a death without its day: no death event)", 1, Integer::sum);
        String partialBirth = null;
        if (p.has("birthDate")) {
            String birth = FhirValues.day(p.get("birthDate"));
            if (birth == null) partialBirth = p.get("birthDate").asText();
            else row.put("birth_date", birth);
        }
        operation(row, codes);
        Map<String, List<Cell>> cells = new LinkedHashMap<>();
        Set<String> recurrenceEvidence = recurrenceEvidence();
        List<Cell> nodules = new ArrayList<>();
        for (Entry o : all("Observation")) {
            if (o.names().stream().anyMatch(recurrenceEvidence::contains) || "cancelled".equals(o.resource().path("status").asText())) continue;
            Optional<Target> t = observationTarget(o.resource(), codes);
            if (t.isEmpty()) {
                List<Code> c = FhirValues.codings(o.resource().path("code"));
                // By code and what it is called, so the data manager can map it in fhir.json.
                String text = o.resource().path("code").path("text").asText(c.isEmpty() ? "without a code" : c.get(0).display() == null ? "" : c.get(0).display());
                leftOut.merge("Observation " + (c.isEmpty() ? text : c.get(0).key() + (text.isEmpty() ? "" : " (" + text + ")")), 1, Integer::sum);
                continue;
            }
            Cell cell = value(o, t.get(), codes);
            if (cell == null) continue;
            if (t.get().column().equals("nodule")) nodules.add(cell);
            else cells.computeIfAbsent(t.get().column(), k -> new ArrayList<>()).add(cell);
        }
        for (Entry c : all("Condition")) condition(c, codes, cells);
        for (Entry c : all("Consent")) consent(c, codes, cells);
        cells.forEach((column, list) -> choose(column, list).ifPresent(cell -> {
            if (!column.equals("cause_of_death")) row.put(column, cell.value());
            if (cell.unit() != null && org.livercast.core.io.ClinicalCsv.PATIENT_COLUMNS.contains(column + "_unit")) row.put(column + "_unit", cell.unit());
        }));
        if (partialBirth != null && !row.containsKey("age_years")) ageFromPartialBirth(row, partialBirth);
        preoperativeNodules(row, nodules);
        slides(row, codes);
        preoperativeImaging(row, leftOut);
        therapy(row, codes);
        if (!errors.isEmpty()) throw new ChartException(errors);
        return row;
    }

    /**
     * A birth date given as a year or a year and month (as a de-identified export gives it, HIPAA's Safe Harbor keeping
     * the year): the age on the screening day, else the day of surgery — the template's day of age — counted from the
     * middle of the year or month, so within half a year of the true age (the template keeps whole years).
     */
    private void ageFromPartialBirth(Map<String, String> row, String birth) {
        String on = row.containsKey("screening_date") ? row.get("screening_date") : row.get("surgery_date");
        java.time.LocalDate middle;
        try {
            middle = birth.length() == 4 ? java.time.LocalDate.of(Integer.parseInt(birth), 7, 1)
                    : java.time.YearMonth.parse(birth.substring(0, 7)).atDay(15);
        } catch (RuntimeException e) {
            errors.add(patient.where() + " birthDate = '" + birth + "': not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)");
            return;
        }
        if (on == null) {
            errors.add(patient.where() + " birthDate = '" + birth + "': a year or month alone gives the age only on a known day (screening or surgery), and there is none");
            return;
        }
        row.put("age_years", Integer.toString(Math.max(0, java.time.Period.between(middle, java.time.LocalDate.parse(on)).getYears())));
    }

    /** The operation done (a completed Procedure: its day is surgery) or planned (in preparation). */
    private void operation(Map<String, String> row, CentreCodes codes) {
        for (String status : List.of("completed", "preparation")) {
            for (Entry e : all("Procedure")) {
                if (!status.equals(e.resource().path("status").asText())) continue;
                Optional<String> kind = procedureKind(e.resource(), codes);
                if (kind.isEmpty() || kind.get().equals("tace")) continue;
                row.putIfAbsent("planned_procedure", kind.get());
                if (status.equals("completed") && surgeryDay == null) {
                    surgeryDay = FhirValues.performed(e.resource());
                    if (surgeryDay == null) errors.add(e.where() + " performed[x]: the operation has no day; surgery needs one");
                    else row.put("surgery_date", surgeryDay);
                }
            }
        }
    }

    static Optional<String> procedureKind(JsonNode p, CentreCodes codes) {
        for (Code c : FhirValues.codings(p.path("code"))) {
            Optional<Target> t = codes.target(c.system(), c.code());
            if (t.isPresent()) return Optional.of(t.get().column().equals("tace") ? "tace" : t.get().value());
            Optional<String> k = ClinicalCodes.procedure(c.system(), c.code());
            if (k.isPresent()) return k;
        }
        return Optional.empty();
    }

    Optional<Target> observationTarget(JsonNode o, CentreCodes codes) {
        for (Code c : FhirValues.codings(o.path("code"))) {
            Optional<Target> t = codes.target(c.system(), c.code());
            if (t.isPresent()) return t;
        }
        for (Code c : FhirValues.codings(o.path("code"))) {
            for (Map.Entry<String, List<Code>> lab : ClinicalCodes.LABS.entrySet()) if (contains(lab.getValue(), c)) return target(lab.getKey());
            for (Map.Entry<String, List<Code>> s : ClinicalCodes.SEROLOGIES.entrySet()) if (contains(s.getValue(), c)) return target(s.getKey());
            if (contains(ClinicalCodes.ECOG, c)) return target("ecog");
            if (contains(ClinicalCodes.TUMOUR_SIZE, c)) return target("nodule");
            if (c.system().equals(ClinicalCodes.LOINC) && c.code().equals("30525-0")) return target("age_years");
            if (c.system().equals(TemplateCodes.SYSTEM)) {
                Optional<String> column = TemplateCodes.column(c.code());
                if (column.isPresent()) return target(column.get());
            }
        }
        return Optional.empty();
    }

    /** An Observation's value as the column's cell; an error (and null) for one the column cannot take. */
    Cell value(Entry e, Target t, CentreCodes codes) {
        JsonNode o = e.resource();
        String day = FhirValues.effective(o);
        String column = t.column();
        if (t.value() != null) return new Cell(t.value(), null, day, e);
        if (o.has("valueQuantity")) {
            JsonNode q = o.get("valueQuantity");
            if (!q.path("value").isNumber()) {
                errors.add(e.where() + " valueQuantity.value: not a number");
                return null;
            }
            String unit = q.has("code") && ClinicalCodes.UCUM.equals(q.path("system").asText()) ? ClinicalCodes.templateUnit(q.get("code").asText())
                    : q.has("unit") ? q.get("unit").asText() : null;
            String comparator = q.path("comparator").asText("");
            String number = FhirValues.decimal(q.get("value"));
            if (column.equals("nodule")) {
                double mm = q.get("value").asDouble() * ("cm".equals(unit) ? 10 : 1);
                if (unit != null && !unit.equals("mm") && !unit.equals("cm")) {
                    errors.add(e.where() + " valueQuantity.unit = '" + unit + "': a tumour's size in mm or cm");
                    return null;
                }
                return new Cell(org.livercast.core.io.ClinicalCsvWriter.num(Math.round(mm * 1000) / 1000.0), segment(o), day, e);
            }
            if (column.equals("age_years")) return new Cell(Long.toString(q.get("value").asLong()), null, day, e);
            // An analyser's "beyond range" (>1210) as the template reads it: at the limit.
            return new Cell((comparator.startsWith(">") || comparator.startsWith("<") ? comparator.substring(0, 1) : "") + number, unit, day, e);
        }
        if (o.has("valueBoolean")) return new Cell(o.get("valueBoolean").asBoolean() ? "yes" : "no", null, day, e);
        if (o.has("valueInteger")) return new Cell(o.get("valueInteger").asText(), null, day, e);
        if (o.has("valueString")) return new Cell(o.get("valueString").asText().strip(), null, day, e);
        if (o.has("valueDateTime")) return new Cell(FhirValues.day(o.get("valueDateTime")), null, day, e);
        if (o.has("valueCodeableConcept")) {
            JsonNode v = o.get("valueCodeableConcept");
            for (Code c : FhirValues.codings(v)) {
                Optional<Target> mapped = codes.target(c.system(), c.code());
                if (mapped.isPresent() && mapped.get().value() != null) return new Cell(mapped.get().value(), null, day, e);
                if (c.key().equals(ClinicalCodes.POSITIVE.key())) return new Cell("yes", null, day, e);
                if (c.key().equals(ClinicalCodes.NEGATIVE.key())) return new Cell("no", null, day, e);
                int ecog = ClinicalCodes.ECOG_ANSWERS.indexOf(c.code());
                if (column.equals("ecog") && ecog >= 0) return new Cell(Integer.toString(ecog), null, day, e);
            }
            if (v.path("text").isTextual()) return new Cell(v.get("text").asText().strip(), null, day, e);
            errors.add(e.where() + " valueCodeableConcept: a code " + column + " has no value for (map it in " + CentreCodes.FILE_NAME + " as \"SYSTEM|CODE\": \"" + column + "=VALUE\")");
            return null;
        }
        if (o.has("dataAbsentReason")) return null;
        errors.add(e.where() + " value[x]: none; " + column + " needs a value");
        return null;
    }

    /** A diagnosis, a liver condition (present, refuted, how severe), or a centre's mapped condition; a recurrence is an event. */
    private void condition(Entry e, CentreCodes codes, Map<String, List<Cell>> cells) {
        JsonNode c = e.resource();
        String clinical = FhirValues.status(c, "clinicalStatus");
        if (clinical.equals("recurrence") || clinical.equals("relapse")) return;
        boolean refuted = FhirValues.status(c, "verificationStatus").equals("refuted");
        String day = FhirValues.day(c.get("recordedDate")) != null ? FhirValues.day(c.get("recordedDate")) : FhirValues.day(c.get("onsetDateTime"));
        for (Code code : FhirValues.codings(c.path("code"))) {
            Optional<Target> t = codes.target(code.system(), code.code());
            if (t.isPresent()) {
                String value = t.get().value() != null ? (refuted ? null : t.get().value()) : refuted ? "no" : "yes";
                if (value != null) cells.computeIfAbsent(t.get().column(), k -> new ArrayList<>()).add(new Cell(value, null, day, e));
                return;
            }
        }
        Optional<String> diagnosis = Optional.empty();
        for (Code code : FhirValues.codings(c.path("code"))) {
            Optional<String> d = ClinicalCodes.diagnosis(code.system(), code.code());
            if (d.isPresent() && (diagnosis.isEmpty() || code.system().equals(ClinicalCodes.ICD_O3))) diagnosis = d;
            Optional<String> liver = ClinicalCodes.liverCondition(code.system(), code.code());
            if (liver.isPresent()) {
                String value = liverValue(liver.get(), refuted, c, e);
                if (value != null) cells.computeIfAbsent(liver.get(), k -> new ArrayList<>()).add(new Cell(value, null, day, e));
                return;
            }
        }
        if (diagnosis.isEmpty() || refuted) return;
        // The pathologist's diagnosis: confirmed and recorded on or after the day of surgery; any other is the clinical one.
        boolean histologic = surgeryDay != null && day != null && day.compareTo(surgeryDay) >= 0
                && FhirValues.status(c, "verificationStatus").equals("confirmed");
        cells.computeIfAbsent(histologic ? "histologic_diagnosis" : "clinical_diagnosis", k -> new ArrayList<>()).add(new Cell(diagnosis.get(), null, day, e));
    }

    /**
     * A Consent: to research (scope {@code research}) is informed_consent; one whose category or provision code the
     * centre maps (to follow_up_consent, say) is that column. Active is yes, unless its provision denies; rejected is no;
     * a draft, a proposal or an inactive consent says nothing.
     */
    private void consent(Entry e, CentreCodes codes, Map<String, List<Cell>> cells) {
        JsonNode c = e.resource();
        String status = c.path("status").asText("");
        boolean deny = "deny".equals(c.path("provision").path("type").asText(""));
        String value = status.equals("active") ? (deny ? "no" : "yes") : status.equals("rejected") ? "no" : null;
        if (value == null) return;
        String column = null;
        List<Code> coded = new ArrayList<>();
        for (JsonNode cat : c.path("category")) coded.addAll(FhirValues.codings(cat));
        for (JsonNode code : c.path("provision").path("code")) coded.addAll(FhirValues.codings(code));
        for (Code code : coded) {
            Optional<Target> t = codes.target(code.system(), code.code());
            if (t.isPresent()) column = t.get().column();
        }
        if (column == null && FhirValues.codings(c.path("scope")).stream().anyMatch(x -> x.code().equals("research"))) column = "informed_consent";
        if (column == null) return;
        String day = FhirValues.day(c.get("dateTime"));
        cells.computeIfAbsent(column, k -> new ArrayList<>()).add(new Cell(value, null, day, e));
    }

    private String liverValue(String condition, boolean refuted, JsonNode c, Entry e) {
        if (condition.equals("cirrhosis")) return refuted ? "no" : "yes";
        if (refuted) return "none";
        String severity = FhirValues.codings(c.path("severity")).stream().filter(s -> s.system().equals(ClinicalCodes.SNOMED)).map(Code::code).findFirst().orElse("");
        boolean mild = severity.equals(ClinicalCodes.MILD.code());
        boolean moderate = severity.equals(ClinicalCodes.MODERATE.code());
        boolean severe = severity.equals(ClinicalCodes.SEVERE.code());
        if (!mild && !moderate && !severe) {
            errors.add(e.where() + " severity: " + condition + " without a severity (mild, moderate or severe; SNOMED 255604002, 6736007, 24484000)"
                    + " cannot be graded for Child-Pugh");
            return null;
        }
        if (condition.equals("ascites")) return mild ? "mild" : "moderate_severe";
        return severe ? "grade_3_4" : "grade_1_2";
    }

    /** The cell a column takes: pre-operative columns the latest on or before surgery; the specimen's, the latest. */
    private Optional<Cell> choose(String column, List<Cell> cells) {
        boolean preoperative = !POSTOPERATIVE.contains(column);
        Cell best = null;
        for (Cell c : cells) {
            if (preoperative && surgeryDay != null && c.day() != null && c.day().compareTo(surgeryDay) > 0) continue;
            if (best == null || c.day() != null && (best.day() == null || c.day().compareTo(best.day()) >= 0)) best = c;
        }
        return Optional.ofNullable(best);
    }

    /** The H&E slides' ids: Specimens whose type is a slide (or the centre's mapped code), their first identifier. */
    private void slides(Map<String, String> row, CentreCodes codes) {
        List<String> ids = new ArrayList<>();
        for (Entry e : all("Specimen")) {
            JsonNode type = e.resource().path("type");
            boolean slide = FhirValues.codings(type).stream().anyMatch(c -> codes.target(c.system(), c.code()).map(t -> t.column().equals("slide_ids")).orElse(false))
                    || ClinicalCodes.slide(type.path("text").asText("") + " " + String.join(" ", FhirValues.codings(type).stream().map(c -> String.valueOf(c.display())).toList()));
            String id = e.resource().path("identifier").path(0).path("value").asText("");
            if (slide && !id.isBlank()) ids.add(id);
        }
        if (!ids.isEmpty()) row.put("slide_ids", String.join(";", ids));
    }

    /** The tumours of the latest pre-operative scan that measured them, in the export's order. */
    private void preoperativeNodules(Map<String, String> row, List<Cell> nodules) {
        String latest = null;
        for (Cell n : nodules) {
            if (surgeryDay != null && n.day() != null && n.day().compareTo(surgeryDay) > 0) continue;
            if (latest == null || n.day() != null && n.day().compareTo(latest) > 0) latest = n.day();
        }
        List<String> sizes = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        for (Cell n : nodules) {
            if (n.day() != null && !n.day().equals(latest) || n.day() == null && latest != null && surgeryDay != null) continue;
            sizes.add(n.value());
            segments.add(n.unit());
        }
        if (sizes.isEmpty()) return;
        row.put("nodule_sizes_mm", String.join(";", sizes));
        if (segments.stream().allMatch(s -> s != null)) row.put("nodule_segments", String.join(";", segments));
    }

    /** Words of a contrast-enhanced study's series (its phases), in English and Chinese. */
    private static final Pattern CONTRAST = Pattern.compile("(?i)arterial|portal|venous|delayed|hepatobiliary|contrast|gadoxetic|增强|动脉期|门脉期|门静脉期|延迟期|肝胆期|平衡期");

    /**
     * The latest ImagingStudy on or before surgery: the day and modality of the pre-operative study, when whether it was
     * contrast-enhanced is known (observed, or its series are phases after contrast) — the template needs it with the day.
     */
    private void preoperativeImaging(Map<String, String> row, Map<String, Integer> leftOut) {
        Entry latest = null;
        for (Entry s : all("ImagingStudy")) {
            String day = FhirValues.day(s.resource().get("started"));
            if (day == null || surgeryDay != null && day.compareTo(surgeryDay) > 0) continue;
            if (latest == null || day.compareTo(FhirValues.day(latest.resource().get("started"))) > 0) latest = s;
        }
        if (latest == null) return;
        JsonNode study = latest.resource();
        StringBuilder words = new StringBuilder(study.path("description").asText(""));
        for (JsonNode series : study.path("series")) words.append(' ').append(series.path("description").asText(""));
        if (!row.containsKey("imaging_contrast_enhanced") && CONTRAST.matcher(words).find()) row.put("imaging_contrast_enhanced", "yes");
        if (!row.containsKey("imaging_contrast_enhanced")) {
            leftOut.merge("ImagingStudy (pre-operative, not said whether contrast-enhanced)", 1, Integer::sum);
            return;
        }
        row.put("imaging_date", FhirValues.day(study.get("started")));
        List<String> modalities = new ArrayList<>();
        for (JsonNode m : study.path("modality")) modalities.add(m.path("code").asText());
        for (JsonNode series : study.path("series")) modalities.add(series.path("modality").path("code").asText());
        if (modalities.contains("MR")) row.put("imaging_modality", "mr");
        else if (modalities.contains("CT")) row.put("imaging_modality", "ct");
    }

    /** Neoadjuvant drugs (before surgery) and the adjuvant strategy: TACE and systemic therapy started after it. */
    private void therapy(Map<String, String> row, CentreCodes codes) {
        List<String> neo = new ArrayList<>();
        List<String> adjuvant = new ArrayList<>();
        String recurrence = firstRecurrenceDay();
        for (Entry m : all("MedicationStatement", "MedicationAdministration", "MedicationRequest")) {
            JsonNode r = m.resource();
            // Taken (active, completed, stopped, intended): a drug not taken, cancelled or drafted was not given.
            if (Set.of("not-taken", "cancelled", "draft").contains(r.path("status").asText())) continue;
            Optional<String> drug = drug(r.path("medicationCodeableConcept"), codes);
            if (drug.isEmpty()) continue;
            String start = FhirValues.day(r.get("effectiveDateTime"));
            if (start == null) start = FhirValues.day(r.path("effectivePeriod").get("start"));
            if (start == null) start = FhirValues.day(r.get("authoredOn"));
            String end = FhirValues.day(r.path("effectivePeriod").get("end"));
            if (surgeryDay == null) continue;
            if (start != null ? start.compareTo(surgeryDay) < 0 : end != null && end.compareTo(surgeryDay) <= 0) add(neo, drug.get());
            else if (start != null && adjuvantDay(start, recurrence)) add(adjuvant, drug.get());
        }
        boolean tace = false;
        for (Entry p : all("Procedure")) {
            if (!"completed".equals(p.resource().path("status").asText()) || !procedureKind(p.resource(), codes).equals(Optional.of("tace"))) continue;
            String day = FhirValues.performed(p.resource());
            if (surgeryDay != null && day != null && adjuvantDay(day, recurrence)) tace = true;
        }
        if (!neo.isEmpty()) row.put("neoadjuvant_drugs", String.join(";", neo));
        if (!adjuvant.isEmpty()) row.put("adjuvant_drugs", String.join(";", adjuvant));
        // The export is the patient's whole record: a resection without adjuvant therapy is surgery alone.
        if (surgeryDay != null && "curative_resection".equals(row.get("planned_procedure"))) {
            row.put("adjuvant_strategy", tace ? (adjuvant.isEmpty() ? "tace" : "tace_systemic") : adjuvant.isEmpty() ? "surgery_alone" : "systemic");
        }
    }

    private boolean adjuvantDay(String day, String recurrence) {
        LocalDate d = LocalDate.parse(day);
        LocalDate s = LocalDate.parse(surgeryDay);
        return !d.isBefore(s) && !d.isAfter(s.plusDays(ADJUVANT_WINDOW_DAYS)) && (recurrence == null || d.isBefore(LocalDate.parse(recurrence)));
    }

    private static Optional<String> drug(JsonNode concept, CentreCodes codes) {
        for (Code c : FhirValues.codings(concept)) {
            Optional<Target> t = codes.target(c.system(), c.code());
            if (t.isPresent() && t.get().column().equals("drug")) return Optional.of(t.get().value());
            if (c.system().equals(ClinicalCodes.ATC) && ClinicalCodes.DRUGS_BY_ATC.containsKey(c.code())) return Optional.of(ClinicalCodes.DRUGS_BY_ATC.get(c.code()));
        }
        if (concept.path("text").isTextual()) return Optional.of(concept.get("text").asText().strip().toLowerCase(Locale.ROOT));
        return FhirValues.codings(concept).stream().map(Code::display).filter(d -> d != null).map(d -> d.strip().toLowerCase(Locale.ROOT)).findFirst();
    }

    private static void add(List<String> drugs, String drug) { if (!drugs.contains(drug)) drugs.add(drug); }

    // The recurrences: events, and the bound of adjuvant therapy.

    List<Entry> recurrences() {
        return all("Condition").stream().filter(c -> Set.of("recurrence", "relapse").contains(FhirValues.status(c.resource(), "clinicalStatus"))).toList();
    }

    static String recurrenceDay(JsonNode c) {
        String d = FhirValues.day(c.get("onsetDateTime"));
        if (d == null) d = FhirValues.day(c.path("onsetPeriod").get("start"));
        return d != null ? d : FhirValues.day(c.get("recordedDate"));
    }

    private String firstRecurrenceDay() {
        return recurrences().stream().map(c -> recurrenceDay(c.resource())).filter(d -> d != null).min(String::compareTo).orElse(null);
    }

    /** The names (Type/id, fullUrl) of the Observations a recurrence gives as its evidence: they are not pre-operative values. */
    private Set<String> recurrenceEvidence() {
        Map<String, Entry> observations = observationsByName();
        Set<String> names = new HashSet<>();
        for (Entry c : recurrences()) {
            for (JsonNode ev : c.resource().path("evidence")) {
                for (JsonNode d : ev.path("detail")) FhirValues.resolve(d.path("reference").asText(), observations).ifPresent(o -> names.addAll(o.names()));
            }
        }
        return names;
    }

    /** The patient's Observations by every name a reference may give them. */
    Map<String, Entry> observationsByName() {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Entry o : all("Observation")) for (String n : o.names()) out.put(n, o);
        return out;
    }

    /** The events-table rows: {@link ChartEvents}. */
    List<Map<String, String>> eventRows(CentreCodes codes) throws ChartException {
        List<Map<String, String>> out = new ChartEvents(this).rows(codes);
        if (!errors.isEmpty()) throw new ChartException(errors);
        return out;
    }

    private static String segment(JsonNode o) {
        JsonNode site = o.path("bodySite");
        List<String> texts = new ArrayList<>();
        if (site.path("text").isTextual()) texts.add(site.get("text").asText());
        FhirValues.codings(site).stream().map(Code::display).filter(d -> d != null).forEach(texts::add);
        for (String t : texts) {
            Matcher m = SEGMENT.matcher(t);
            if (m.find()) return m.group(1) != null ? m.group(1) : m.group(2);
        }
        return null;
    }

    private static boolean contains(List<Code> codes, Code c) { return codes.stream().anyMatch(x -> x.key().equals(c.key())); }

    private static Optional<Target> target(String column) { return Optional.of(new Target(column, null)); }
}
