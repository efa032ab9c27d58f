package org.livercast.core.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.io.ClinicalData;
import org.livercast.core.model.PatientRecord;

/** The bundled example patients (examples/clinical), read through the real CSV template reader. */
public final class ExamplePatients {
    private ExamplePatients() {}

    public static List<PatientRecord> all() {
        String base = "/org/livercast/core/examples/clinical/";
        try (InputStream p = ExamplePatients.class.getResourceAsStream(base + "patients.csv");
             InputStream e = ExamplePatients.class.getResourceAsStream(base + "events.csv")) {
            ClinicalData data = ClinicalCsv.read("patients.csv", p, "events.csv", e);
            if (!data.valid()) throw new IllegalStateException("bundled examples are invalid: " + data.errors());
            return data.records();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static PatientRecord get(String id) {
        return all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
