package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.livercast.synth.CohortGenerator;
import org.livercast.synth.TreatmentTruth;
import org.livercast.synth.Oracle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livercast synth} and {@code livercast synth oracle DIR}. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic multicentre HCC cohort in the real formats (DICOM MRI, SVS slides, reports, clinical "
                + "CSVs), one folder per centre, with the ground truth in DIR/truth. Deterministic for a seed."},
        subcommands = {SynthCommand.OracleCommand.class})
final class SynthCommand extends Leaf {
    @Option(names = "--patients", defaultValue = "24", description = "Number of patients (default ${DEFAULT-VALUE}).") int patients;

    @Option(names = "--centres", defaultValue = "2", description = "Number of centres (default ${DEFAULT-VALUE}).") int centres;

    @Option(names = "--seed", defaultValue = "2026", description = "Random seed (default ${DEFAULT-VALUE}).") long seed;

    // Not required by picocli: it would then be demanded of `synth oracle DIR` too; call() asks for it.
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (required to generate).") Path out;

    @Option(names = "--cutoff", defaultValue = "2026-06-30", paramLabel = "YYYY-MM-DD", description = "Data cut-off (default ${DEFAULT-VALUE}).")
    LocalDate cutoff;

    @Option(names = "--no-images", description = "Skip the DICOM MRI.") boolean noImages;

    @Option(names = "--no-slides", description = "Skip the whole-slide images.") boolean noSlides;

    @Option(names = "--slide-patients", paramLabel = "N", description = "Slides for the first N patients only (they alternate between "
            + "centres; a slide is ~8 MB): a large cohort with a sample of slides (default: every patient).") Integer slidePatients;

    @Option(names = "--image-patients", paramLabel = "N", description = "MRI exams for the first N patients only (they alternate between "
            + "centres; an exam is ~100 DICOM files): a large cohort with a sample of scans (default: every patient).") Integer imagePatients;

    @Option(names = "--threads", description = "Worker threads (default: all cores).") Integer threads;

    @Option(names = "--slides-as", defaultValue = "svs", paramLabel = "svs|dicom|ndpi|philips|mirax|ventana|vms|by-centre",
            description = "Slides as Aperio SVS files, as DICOM whole-slide images (a folder of instances a slide), as Hamamatsu NDPI files,"
                    + " as Philips TIFF files, as 3DHISTECH MIRAX slides (.mrxs and its folder), as Roche Ventana BIF files, as Hamamatsu VMS slides"
                    + " (.vms and the JPEG files it names), or by centre (the first,"
                    + " seventh, ... centres SVS, the second, eighth, ... DICOM, the third, ninth, ... NDPI, the fourth, tenth, ... Philips, the fifth,"
                    + " eleventh, ... MIRAX, the sixth, twelfth, ... Ventana) (default ${DEFAULT-VALUE}).")
    String slidesAs;

    @picocli.CommandLine.Option(names = "--export-as", paramLabel = "DIALECT", defaultValue = "template",
            description = "Write each centre's tables and reports as the template's (comma-separated UTF-8, ISO dates), as a Chinese hospital"
                    + " system's (chinese-his: both tables in one Excel 97-2003 workbook under Chinese column names, with a columns.json; reports"
                    + " in GB18030), a Taiwan hospital's (taiwan-his: reports in traditional characters and Big5; 2024/1/12 dates), a European"
                    + " hospital's (european: semicolons, decimal commas, day-first dates declared in a columns.json), as an EHR's FHIR Bulk"
                    + " Data export instead of the tables (fhir: NDJSON), or by centre (the first, sixth, ... chinese-his, the second, seventh,"
                    + " ... european, the third ... taiwan-his, the fourth ... template, the fifth ... fhir)"
                    + " (default ${DEFAULT-VALUE}). Models train on template cohorts; the others are exports to ingest.")
    String exportAs;

    @Option(names = "--scanned-reports", defaultValue = "0", paramLabel = "SHARE",
            description = "The share of reports (0 to 1) each centre sends on paper: printed and scanned back to a PDF of the page image,"
                    + " without text, for `livercast ingest --ocr` to read (default ${DEFAULT-VALUE}). Printing Chinese needs"
                    + " fonts-droid-fallback (or a .ttf named in LIVERCAST_CJK_FONT).")
    double scannedReports;

    @Option(names = "--treatment-effects", defaultValue = "trials", paramLabel = "trials|none",
            description = "The adjuvant effects the truth has: as the trials report them, or none (toxicity only) — a population the "
                    + "trials do not transfer to, for measuring the therapy model's priors (default ${DEFAULT-VALUE}).")
    String treatmentEffects;

    @Override
    public Integer call() throws IOException {
        if (out == null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
        if (patients < 1 || centres < 1) throw new org.livercast.core.InvalidValueException("--patients/--centres", patients + "/" + centres, "must be positive");
        TreatmentTruth truth;
        try {
            truth = TreatmentTruth.parse(treatmentEffects);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--treatment-effects: " + e.getMessage());
        }
        var options = new CohortGenerator.Options(patients, centres, seed, out, cutoff, !noImages, !noSlides,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads, truth);
        try {
            options = options.withSlideFormat(org.livercast.synth.SlideFormat.parse(slidesAs));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--slides-as: " + e.getMessage());
        }
        try {
            options = options.withExportDialect(org.livercast.synth.ExportDialect.parse(exportAs));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--export-as: " + e.getMessage());
        }
        try {
            options = options.withScannedReports(scannedReports);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--scanned-reports: " + e.getMessage());
        }
        if (slidePatients != null) {
            if (slidePatients < 0) throw new org.livercast.core.InvalidValueException("--slide-patients", slidePatients.toString(), "must be 0 or more");
            options = options.withSlidePatients(slidePatients);
        }
        if (imagePatients != null) {
            if (imagePatients < 0) throw new org.livercast.core.InvalidValueException("--image-patients", imagePatients.toString(), "must be 0 or more");
            options = options.withImagePatients(imagePatients);
        }
        long t = System.nanoTime();
        out().printf("generating %d patients in %d centres (seed %d) into %s%n", patients, centres, seed, out);
        CohortGenerator.Summary s = CohortGenerator.generate(options, line -> out().println(line));
        out().printf("wrote %d patients, %d DICOM series, %d slides in %.1f s%n", s.patients(), s.dicomSeries(), s.slides(), (System.nanoTime() - t) / 1e9);
        return ExitCodes.OK;
    }

    @Command(name = "oracle", mixinStandardHelpOptions = true,
            description = "The oracle metrics of a generated cohort: what a perfect model would score on it.")
    static final class OracleCommand extends Leaf {
        @Parameters(paramLabel = "DIR", description = "A cohort folder `livercast synth` wrote (its truth/ inside).") Path dir;

        @Override
        public Integer call() throws IOException {
            print(out(), Oracle.compute(dir));
            return ExitCodes.OK;
        }

        static void print(java.io.PrintWriter out, Oracle.Report r) {
            out.printf("oracle on %d HCC patients (%d evaluable for aggressive recurrence)%n", r.hccPatients(), r.evaluable());
            out.printf("  AUC of the true probability of aggressive recurrence: %.3f%n", r.aucAggressive());
            out.printf("  Harrell's C of the true hazard for RFS:                %.3f%n", r.cIndexHazard());
            out.printf("  mean true 3-year RFS: best strategy %.3f, as treated %.3f%n", r.valueBest(), r.valueObserved());
            Map<String, Double> sorted = new TreeMap<>(r.valueAll());
            sorted.forEach((k, v) -> out.printf("    everyone %-14s %.3f%n", k, v));
        }
    }
}
