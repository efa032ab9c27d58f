package org.livercast.synth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.livercast.core.endpoint.BinaryOutcome;
import org.livercast.core.endpoint.Endpoints;
import org.livercast.core.endpoint.RfsEvents;
import org.livercast.core.endpoint.TimeToEvent;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.io.ClinicalData;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.core.model.Diagnosis;
import org.livercast.core.model.PatientRecord;
import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.binary.Roc;
import org.livercast.stats.survival.Concordance;
import org.livercast.stats.survival.SurvivalData;

/**
 * The ceiling every model is measured against, from a cohort's truth and its exported outcomes: the AUC of the true
 * probability for observed aggressive recurrence, Harrell's C of the true log hazard for observed RFS, and the value
 * (mean true 3-year RFS) of the truly best strategy versus what was actually given.
 */
public final class Oracle {
    public record Report(int hccPatients, int evaluable, double aucAggressive, double cIndexHazard, double valueBest,
                         double valueObserved, Map<String, Double> valueAll) {}

    private Oracle() {}

    public static Report compute(Path dir) throws IOException {
        String cohort = Files.readString(dir.resolve("truth").resolve("cohort.json"));
        LocalDate cutoff = LocalDate.parse(cohort.replaceAll("(?s).*\"dataCutoff\": \"([0-9-]+)\".*", "$1").strip());
        Map<String, CSVRecord> truth = new HashMap<>();
        try (Reader r = Files.newBufferedReader(dir.resolve("truth").resolve("truth.csv"), StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord rec : p) truth.put(rec.get("hospital_number"), rec);
        }
        List<PatientRecord> records = new ArrayList<>();
        try (Stream<Path> centres = Files.list(dir)) {
            for (Path c : centres.filter(d -> d.getFileName().toString().startsWith("centre-")).sorted().toList()) {
                // The centre's tables as its systems wrote them (a CSV pair, or one workbook: ExportDialect).
                Path clinical = c.resolve("clinical");
                Path patientsTable = org.livercast.core.io.TableFile.patientsTableIn(clinical)
                        .orElseThrow(() -> new IOException(clinical + ": no patients table"));
                Path eventsCsv = clinical.resolve("events.csv");
                ClinicalData data = ClinicalCsv.read(patientsTable, Files.isRegularFile(eventsCsv) ? eventsCsv : null);
                if (!data.valid()) throw new IOException(c + ": clinical files invalid: " + data.errors().get(0));
                records.addAll(data.records());
            }
        }
        List<Boolean> y = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        List<double[]> surv = new ArrayList<>();
        double best = 0;
        double observed = 0;
        Map<String, Double> all = new HashMap<>();
        int hcc = 0;
        for (PatientRecord r : records) {
            CSVRecord t = truth.get(r.id());
            if (t == null || r.pathology().diagnosis() != Diagnosis.HCC) continue;
            hcc++;
            Endpoints e = Endpoints.of(r, cutoff);
            BinaryOutcome o = e.aggressiveRecurrence();
            if (o.evaluable()) {
                y.add(o.value() == BinaryOutcome.Value.YES);
                p.add(Double.parseDouble(t.get("p_aggressive_2y")));
            }
            TimeToEvent rfs = e.rfs(RfsEvents.RECURRENCE);
            surv.add(new double[] {rfs.days(), rfs.event() ? 1 : 0, Double.parseDouble(t.get("log_hazard"))});
            best += Double.parseDouble(t.get("rfs3y_" + t.get("best_strategy")));
            observed += Double.parseDouble(t.get("rfs3y_" + t.get("observed_strategy")));
            for (AdjuvantStrategy s : AdjuvantStrategy.values()) all.merge(s.id(), Double.parseDouble(t.get("rfs3y_" + s.id())), Double::sum);
        }
        final int n = hcc;
        all.replaceAll((k, v) -> v / n);
        boolean[] yy = new boolean[y.size()];
        double[] pp = new double[p.size()];
        for (int i = 0; i < yy.length; i++) {
            yy[i] = y.get(i);
            pp[i] = p.get(i);
        }
        boolean both = y.contains(true) && y.contains(false);
        double[] time = surv.stream().mapToDouble(s -> s[0]).toArray();
        int[] status = surv.stream().mapToInt(s -> (int) s[1]).toArray();
        double[] lp = surv.stream().mapToDouble(s -> s[2]).toArray();
        double c = surv.stream().anyMatch(s -> s[1] == 1) ? Concordance.harrell(SurvivalData.of(time, status), lp, null).concordance() : Double.NaN;
        return new Report(hcc, yy.length, both ? Roc.of(new BinaryData(yy, pp)).auc() : Double.NaN, c, best / n, observed / n, all);
    }
}
