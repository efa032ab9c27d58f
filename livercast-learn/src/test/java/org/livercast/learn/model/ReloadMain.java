package org.livercast.learn.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.inputs.PreOperativeInputs;

/** Run in a fresh JVM by {@link ModelStoreTest}: loads a saved PRE model and prints every patient's prediction as JSON. */
public final class ReloadMain {
    private ReloadMain() {}

    public static void main(String[] args) throws Exception {
        var cohort = CohortExport.read(Path.of(args[1]), LocalDate.of(2026, 6, 30));
        try (PreModel m = new PreModel(ModelStore.load(Path.of(args[0])))) {
            ObjectMapper json = new ObjectMapper();
            for (PatientCase c : cohort.cases()) System.out.println(json.writeValueAsString(m.predict(PreOperativeInputs.of(c))));
        }
    }
}
