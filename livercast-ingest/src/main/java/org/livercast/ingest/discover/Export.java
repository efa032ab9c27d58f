package org.livercast.ingest.discover;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a centre's folder holds: its tables (a patients table and an events table, or the FHIR files its EHR exported
 * them as), each patient's files by hospital number, and what could not be linked.
 */
public record Export(Path root, ExportFile patientsTable, ExportFile eventsTable, List<ExportFile> fhirFiles, Map<String, List<ExportFile>> byPatient,
                     List<ExportFile> unlinked, List<String> problems) {
    public static Export of(Path root, List<ExportFile> files, List<String> problems) {
        ExportFile patients = null;
        ExportFile events = null;
        List<String> all = new ArrayList<>(problems);
        Map<String, List<ExportFile>> by = new TreeMap<>();
        List<ExportFile> unlinked = new ArrayList<>();
        List<ExportFile> fhir = new ArrayList<>();
        for (ExportFile f : files) {
            switch (f.kind()) {
                case PATIENTS_TABLE -> {
                    if (patients != null) all.add(f.relative() + ": a second patients table (the first is " + patients.relative() + ")");
                    else patients = f;
                }
                case EVENTS_TABLE -> {
                    if (events != null) all.add(f.relative() + ": a second events table (the first is " + events.relative() + ")");
                    else events = f;
                }
                case FHIR -> fhir.add(f);
                default -> {
                    if (f.hospitalNumber() == null) unlinked.add(f);
                    else by.computeIfAbsent(f.hospitalNumber(), k -> new ArrayList<>()).add(f);
                }
            }
        }
        if (patients != null && !fhir.isEmpty()) {
            all.add(patients.relative() + " and " + fhir.get(0).relative() + ": both a patients table and a FHIR export; send the clinical data one way");
        }
        if (patients == null && fhir.isEmpty()) all.add("no patients table (a CSV whose header has patient_id and sex, or a FHIR export with Patient resources) in " + root);
        return new Export(root, patients, events, List.copyOf(fhir), by, unlinked, all);
    }

    /** This export with more files (a FHIR export's reports, written out), each linked to its patient or listed as unlinked. */
    public Export with(List<ExportFile> more) {
        Map<String, List<ExportFile>> by = new TreeMap<>();
        byPatient.forEach((k, v) -> by.put(k, new ArrayList<>(v)));
        List<ExportFile> stray = new ArrayList<>(unlinked);
        for (ExportFile f : more) {
            if (f.hospitalNumber() == null) stray.add(f);
            else by.computeIfAbsent(f.hospitalNumber(), k -> new ArrayList<>()).add(f);
        }
        return new Export(root, patientsTable, eventsTable, fhirFiles, by, stray, problems);
    }
}
