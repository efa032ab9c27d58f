package org.livercast.synth;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.livercast.core.model.AdjuvantStrategy;

/**
 * The truth folder: cohort.json, truth.csv (latent, true risks, counterfactual RFS at 2/3 years and the best
 * strategy), curves.csv (true RFS and OS at 1–5 years under each strategy), identifiers.csv, slides.csv and
 * slide-regions.csv (where each slide shows its lymphoid aggregates, invaded and uninvolved vessels and necrosis).
 */
final class TruthFiles {
    private TruthFiles() {}

    static final List<String> TRUTH_COLUMNS = columns();

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("patient_id", "centre_id", "hospital_number", "lesion", "aggressiveness",
                "vascular_propensity", "immune", "dedifferentiation", "liver_damage", "observed_strategy", "log_hazard", "p_aggressive_2y"));
        for (AdjuvantStrategy s : AdjuvantStrategy.values()) {
            c.add("rfs2y_" + s.id());
            c.add("rfs3y_" + s.id());
        }
        c.add("best_strategy");
        return List.copyOf(c);
    }

    static void write(CohortGenerator.Options o, List<SyntheticPatient> all, List<String[]> slides) throws IOException {
        Path truth = o.out().resolve("truth");
        Files.writeString(truth.resolve("cohort.json"), String.format(Locale.ROOT,
                "{\"schemaVersion\": 1, \"seed\": %d, \"patients\": %d, \"centres\": %d, \"dataCutoff\": \"%s\", \"treatmentEffects\": \"%s\", "
                        + "\"generator\": \"livercast-synth\"}%n",
                o.seed(), o.patients(), o.centres(), o.cutoff(), o.treatmentTruth().id()));
        try (Writer w = Files.newBufferedWriter(truth.resolve("truth.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(TRUTH_COLUMNS.toArray(String[]::new)).get())) {
            for (SyntheticPatient s : all) {
                Truth t = s.truth();
                List<Object> row = new ArrayList<>(List.of(t.patientId(), t.centreId(), s.identity().hospitalNumber(), s.findings().lesion(),
                        f(t.latent().aggressiveness()), f(t.latent().vascularPropensity()), f(t.latent().immune()), f(t.latent().dedifferentiation()),
                        f(t.latent().liverDamage()), t.observed().id(), Double.isInfinite(t.logHazard()) ? "-Inf" : f(t.logHazard()), f(t.pAggressive2y())));
                for (AdjuvantStrategy st : AdjuvantStrategy.values()) {
                    row.add(f(t.rfs2y3y().get(st)[0]));
                    row.add(f(t.rfs2y3y().get(st)[1]));
                }
                row.add(t.best().id());
                p.printRecord(row);
            }
        }
        try (Writer w = Files.newBufferedWriter(truth.resolve("curves.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("patient_id", "strategy", "endpoint", "year", "survival").get())) {
            for (SyntheticPatient s : all) {
                for (AdjuvantStrategy st : AdjuvantStrategy.values()) {
                    double[][] c = s.truth().curves().get(st);
                    for (int y = 0; y < Truth.CURVE_YEARS.length; y++) {
                        p.printRecord(s.truth().patientId(), st.id(), "rfs", Truth.CURVE_YEARS[y], f(c[0][y]));
                        p.printRecord(s.truth().patientId(), st.id(), "os", Truth.CURVE_YEARS[y], f(c[1][y]));
                    }
                }
            }
        }
        try (Writer w = Files.newBufferedWriter(truth.resolve("identifiers.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("patient_id", "kind", "value").get())) {
            for (SyntheticPatient s : all) {
                Identity id = s.identity();
                p.printRecord(s.truth().patientId(), "name_pinyin", id.namePinyin());
                p.printRecord(s.truth().patientId(), "name_pinyin_spaced", id.namePinyin().replace('^', ' '));
                p.printRecord(s.truth().patientId(), "name_hanzi", id.nameHanzi());
                p.printRecord(s.truth().patientId(), "hospital_number", id.hospitalNumber());
                p.printRecord(s.truth().patientId(), "phone", id.phone());
                p.printRecord(s.truth().patientId(), "birth_date", id.birthDate().toString());
            }
        }
        try (Writer w = Files.newBufferedWriter(truth.resolve("slides.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("patient_id", "file", "artefact").get())) {
            for (String[] s : slides.stream().sorted((a, b) -> a[0].compareTo(b[0])).toList()) p.printRecord((Object[]) s);
        }
        // Where each slide shows its local findings (level-0 pixels): what an attention heat map is measured against.
        java.util.Set<String> withSlide = new java.util.HashSet<>();
        for (String[] s : slides) withSlide.add(s[0]);
        try (Writer w = Files.newBufferedWriter(truth.resolve("slide-regions.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("patient_id", "hospital_number", "kind", "x_px", "y_px", "radius_px").get())) {
            for (SyntheticPatient s : all.stream().sorted(java.util.Comparator.comparing((SyntheticPatient x) -> x.truth().patientId())).toList()) {
                if (!withSlide.contains(s.truth().patientId())) continue;
                for (org.livercast.synth.files.SlideRegion r : org.livercast.synth.files.SlideRegion.of(s, o.seed())) {
                    p.printRecord(s.truth().patientId(), s.identity().hospitalNumber(), r.kind(), r.xPx(), r.yPx(), r.radiusPx());
                }
            }
        }
    }

    private static String f(double v) { return String.format(Locale.ROOT, "%.6f", v); }
}
