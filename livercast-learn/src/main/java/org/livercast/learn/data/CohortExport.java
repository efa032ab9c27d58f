package org.livercast.learn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.io.ClinicalData;
import org.livercast.core.model.PatientRecord;

/**
 * Reads a multicentre export laid out as the synthetic cohort and the centres write it: {@code centre-NN/clinical/
 * patients.csv + events.csv}, {@code centre-NN/reports/<ID>_radiology.txt | <ID>_pathology.txt},
 * {@code centre-NN/imaging/<ID>/}, {@code centre-NN/slides/<ID>-HE1.svs} (or {@code <ID>-HE1.ndpi}, {@code .tiff}, {@code .bif} or {@code .mrxs}, or a folder {@code <ID>-HE1/} of DICOM whole-slide instances). A centre whose clinical files do not
 * validate is refused whole, naming the file, row and field.
 */
public final class CohortExport {
    private CohortExport() {}

    public record Cohort(Path dir, LocalDate dataCutoff, List<PatientCase> cases) {
        public List<String> centres() { return cases.stream().map(PatientCase::centre).distinct().sorted().toList(); }
    }

    /** @param defaultCutoff used when the export does not state its data cut-off ({@code truth/cohort.json}) */
    public static Cohort read(Path dir, LocalDate defaultCutoff) throws IOException {
        List<PatientCase> cases = new ArrayList<>();
        List<Path> centres;
        try (Stream<Path> s = Files.list(dir)) {
            centres = s.filter(p -> Files.isDirectory(p.resolve("clinical"))).sorted().toList();
        }
        if (centres.isEmpty()) throw new UnusableInputException(dir + ": no centre folder with a clinical/ export (e.g. centre-01/clinical/patients.csv)");
        for (Path c : centres) {
            Path patients = c.resolve("clinical").resolve("patients.csv");
            Path events = c.resolve("clinical").resolve("events.csv");
            ClinicalData data = ClinicalCsv.read(patients, Files.exists(events) ? events : null);
            if (!data.valid()) throw new UnusableInputException(patients + ": " + data.errors().get(0));
            for (PatientRecord r : data.records()) {
                String id = r.id();
                cases.add(new PatientCase(c.getFileName().toString(), r, existing(c.resolve("reports").resolve(id + "_radiology.txt")),
                        existing(c.resolve("reports").resolve(id + "_pathology.txt")), existingDir(c.resolve("imaging").resolve(id)),
                        slide(c.resolve("slides"), id + "-HE1")));
            }
        }
        return new Cohort(dir, cutoff(dir).orElse(defaultCutoff), List.copyOf(cases));
    }

    private static Optional<LocalDate> cutoff(Path dir) throws IOException {
        Path json = dir.resolve("truth").resolve("cohort.json");
        if (!Files.exists(json)) return Optional.empty();
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).get("dataCutoff");
        return node == null ? Optional.empty() : Optional.of(LocalDate.parse(node.asText()));
    }

    private static Optional<Path> existing(Path p) { return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty(); }

    /**
     * The patient's slide: an SVS, NDPI, (Philips) TIFF, Ventana BIF, Hamamatsu VMS or VMU, Sakura .svslide, or MIRAX .mrxs file (before the folder of
     * the same name, which a MIRAX slide keeps beside it), or a folder of DICOM whole-slide instances of the same name.
     */
    private static Optional<Path> slide(Path slides, String name) {
        for (String extension : new String[] {".svs", ".ndpi", ".tiff", ".tif", ".bif", ".vms", ".vmu", ".svslide", ".mrxs"}) {
            Optional<Path> file = existing(slides.resolve(name + extension));
            if (file.isPresent()) return file;
        }
        return existingDir(slides.resolve(name));
    }

    private static Optional<Path> existingDir(Path p) { return Files.isDirectory(p) ? Optional.of(p) : Optional.empty(); }
}
