package org.livercast.core.io.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.livercast.core.io.fhir.CentreCodes.Target;
import org.livercast.core.io.fhir.ClinicalCodes.Code;
import org.livercast.core.io.fhir.FhirNdjson.Entry;

/**
 * A chart's follow-up as the events table's rows: scans and finished encounters after the day of surgery, recurrences
 * (a Condition whose clinical status is recurrence, its nodules the Observations its evidence names), death
 * (Patient.deceasedDateTime and LiverCast's cause-of-death Observation) and adverse events — in the order of time.
 */
final class ChartEvents {
    private final Chart chart;

    ChartEvents(Chart chart) { this.chart = chart; }

    List<Map<String, String>> rows(CentreCodes codes) {
        List<Map<String, String>> out = new ArrayList<>();
        if (chart.surgeryDay != null) followUp(out);
        Map<String, Entry> observations = chart.observationsByName();
        for (Entry c : chart.recurrences()) {
            String day = Chart.recurrenceDay(c.resource());
            if (day == null) {
                chart.errors.add(c.where() + " onset[x]: a recurrence without its day");
                continue;
            }
            Map<String, String> r = event(day, "recurrence");
            List<String> sizes = new ArrayList<>();
            for (JsonNode ev : c.resource().path("evidence")) {
                for (JsonNode d : ev.path("detail")) {
                    Entry o = FhirValues.resolve(d.path("reference").asText(), observations).orElse(null);
                    if (o == null) {
                        chart.errors.add(c.where() + " evidence.detail: " + d.path("reference").asText() + " is not among the patient's Observations");
                        continue;
                    }
                    Optional<Target> t = chart.observationTarget(o.resource(), codes);
                    Chart.Cell v = t.map(tt -> chart.value(o, tt, codes)).orElse(null);
                    if (v == null) continue;
                    switch (t.get().column()) {
                        case "nodule" -> sizes.add(v.value());
                        case "macrovascular_invasion" -> r.put("recurrence_macrovascular_invasion", v.value());
                        case "extrahepatic_spread" -> r.put("recurrence_extrahepatic_spread", v.value());
                        default -> { }
                    }
                }
            }
            r.put("recurrence_nodule_sizes_mm", String.join(";", sizes));
            out.add(r);
        }
        for (Entry a : chart.all("AdverseEvent")) adverseEvent(a, out);
        String death = FhirValues.day(chart.patient.resource().get("deceasedDateTime"));
        if (death != null) {
            Map<String, String> d = event(death, "death");
            for (Entry o : chart.all("Observation")) {
                Optional<Target> t = chart.observationTarget(o.resource(), codes);
                if (t.isPresent() && t.get().column().equals("cause_of_death")) {
                    Chart.Cell v = chart.value(o, t.get(), codes);
                    if (v != null) d.put("cause", v.value());
                }
            }
            out.add(d);
        }
        // In the order of time, as a follow-up table is written (stable: on one day, a death after what happened that day).
        out.sort(java.util.Comparator.comparing(e -> e.get("event_date")));
        return out;
    }

    /** Follow-up after surgery: finished encounters are visits, scans are imaging (a recurrence's own day is the recurrence). */
    private void followUp(List<Map<String, String>> out) {
        Set<String> recurrenceDays = new HashSet<>();
        for (Entry c : chart.recurrences()) recurrenceDays.add(Chart.recurrenceDay(c.resource()));
        for (Entry s : chart.all("ImagingStudy")) {
            String day = FhirValues.day(s.resource().get("started"));
            if (day == null || day.compareTo(chart.surgeryDay) <= 0 || recurrenceDays.contains(day)) continue;
            Map<String, String> r = event(day, "imaging");
            r.put("note", s.resource().path("description").asText(""));
            out.add(r);
        }
        for (Entry v : chart.all("Encounter")) {
            JsonNode e = v.resource();
            String day = FhirValues.day(e.path("period").get("start"));
            if (!"finished".equals(e.path("status").asText()) || day == null || day.compareTo(chart.surgeryDay) <= 0) continue;
            Map<String, String> r = event(day, "visit");
            if (e.path("reasonCode").path(0).path("text").isTextual()) r.put("note", e.path("reasonCode").path(0).path("text").asText());
            out.add(r);
        }
    }

    private void adverseEvent(Entry a, List<Map<String, String>> out) {
        JsonNode r = a.resource();
        String day = FhirValues.day(r.get("date"));
        if (day == null) day = FhirValues.day(r.get("detected"));
        if (day == null) {
            chart.errors.add(a.where() + " date: an adverse event without its day");
            return;
        }
        Map<String, String> e = event(day, "adverse_event");
        String term = r.path("event").path("text").asText(null);
        if (term == null) term = FhirValues.codings(r.path("event")).stream().map(Code::display).filter(d -> d != null).findFirst().orElse(null);
        if (term == null) {
            chart.errors.add(a.where() + " event: no term (event.text or a coding's display, as CTCAE names it)");
            return;
        }
        e.put("ctcae_term", term);
        String grade = null;
        for (JsonNode x : r.path("extension")) if (x.path("url").asText().endsWith("ctcae-grade") && x.has("valueInteger")) grade = x.get("valueInteger").asText();
        if (grade == null) {
            String severity = FhirValues.codings(r.path("severity")).stream().map(Code::code).findFirst().orElse("");
            grade = switch (severity) { case "mild" -> "1"; case "moderate" -> "2"; case "severe" -> "3"; default -> null; };
        }
        if (grade == null) {
            chart.errors.add(a.where() + " severity: no CTCAE grade (the ctcae-grade extension, or severity mild, moderate or severe)");
            return;
        }
        e.put("ctcae_grade", grade);
        // R4's codes are Serious and Non-serious (and Serious… for the reason); some systems write them in lower case.
        String serious = FhirValues.codings(r.path("seriousness")).stream().map(Code::code).findFirst().orElse("").toLowerCase(Locale.ROOT);
        if (serious.startsWith("serious")) e.put("serious", "yes");
        else if (serious.equals("non-serious")) e.put("serious", "no");
        out.add(e);
    }

    private Map<String, String> event(String day, String type) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("patient_id", chart.hospitalNumber);
        e.put("event_date", day);
        e.put("event_type", type);
        return e;
    }

}
