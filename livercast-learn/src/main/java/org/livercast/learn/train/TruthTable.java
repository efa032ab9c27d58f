package org.livercast.learn.train;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A synthetic cohort's ground truth ({@code truth/truth.csv}), keyed by the centre's patient id: the true
 * probability of aggressive recurrence, the true log hazard and the counterfactual RFS per strategy. Used only to
 * measure models against the oracle; never an input. A real export has none, and the oracle columns stay empty.
 */
public final class TruthTable {
    private final Map<String, CSVRecord> byPatient;

    private TruthTable(Map<String, CSVRecord> byPatient) { this.byPatient = byPatient; }

    public static Optional<TruthTable> read(Path cohortDir) throws IOException {
        Path f = cohortDir.resolve("truth").resolve("truth.csv");
        if (!Files.exists(f)) return Optional.empty();
        Map<String, CSVRecord> map = new HashMap<>();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord rec : p) map.put(rec.get("hospital_number"), rec);
        }
        return Optional.of(new TruthTable(map));
    }

    public double pAggressive(String patientId) { return number(patientId, "p_aggressive_2y"); }

    public double logHazard(String patientId) { return number(patientId, "log_hazard"); }

    /** True 3-year RFS had the patient received {@code strategy} (counterfactual for every strategy but one). */
    public double rfs3y(String patientId, org.livercast.core.model.AdjuvantStrategy strategy) { return number(patientId, "rfs3y_" + strategy.id()); }

    public org.livercast.core.model.AdjuvantStrategy best(String patientId) {
        return org.livercast.core.model.AdjuvantStrategy.fromId(row(patientId).get("best_strategy"));
    }

    private CSVRecord row(String patientId) {
        CSVRecord r = byPatient.get(patientId);
        if (r == null) throw new IllegalArgumentException("truth.csv has no row for patient " + patientId);
        return r;
    }

    /** Any numeric column of truth.csv (the latent variables: aggressiveness, immune, dedifferentiation, …). */
    public double number(String patientId, String column) {
        CSVRecord r = byPatient.get(patientId);
        if (r == null) throw new IllegalArgumentException("truth.csv has no row for patient " + patientId);
        String v = r.get(column);
        return v.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(v);
    }
}
