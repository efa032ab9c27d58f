package org.livercast.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.livercast.core.io.ClinicalCsvWriter;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.Slide;
import org.livercast.synth.files.CentreExport;
import org.livercast.synth.files.MriExam;
import org.livercast.synth.files.Reports;
import org.livercast.synth.files.ScannedReport;
import org.livercast.synth.files.SlideFile;

/**
 * Writes a synthetic multicentre cohort as the centres would export it — {@code centre-NN/clinical} (the CSV
 * template, keyed by hospital number), {@code centre-NN/imaging/<MRN>/} (DICOM series per phase and the tumour mask
 * as NIfTI), {@code centre-NN/slides/<MRN>-HE1.svs} (or, with {@link SlideFormat#DICOM}, a folder {@code <MRN>-HE1/} of DICOM whole-slide instances; with {@link SlideFormat#NDPI}, {@code <MRN>-HE1.ndpi}; with {@link SlideFormat#PHILIPS}, {@code <MRN>-HE1.tiff}; with {@link SlideFormat#MIRAX}, {@code <MRN>-HE1.mrxs} and its folder {@code <MRN>-HE1/}; with {@link SlideFormat#VENTANA}, {@code <MRN>-HE1.bif}; with {@link SlideFormat#VMS}, {@code <MRN>-HE1.vms} and the files it names), {@code centre-NN/reports/} — and {@code truth/} (latent
 * variables, true probabilities, counterfactual RFS per strategy, identifiers planted, slide artefacts). Patients are
 * generated deterministically from the seed and their files written in parallel, one patient per task.
 */
public final class CohortGenerator {
    /**
     * @param treatmentTruth the adjuvant effects the truth has ({@link TreatmentTruth#TRIALS} unless a study of priors asks otherwise)
     * @param slidePatients  with {@code slides}, how many patients get a slide file: the first ones generated, who alternate
     *                       between centres so each centre gets its share (a slide is ~8 MB and ~1 s to paint, so a large
     *                       development cohort can carry slides for a sample of its patients); every patient by default
     * @param imagePatients  with {@code images}, how many patients get an MRI exam: the first ones generated, as for slides
     *                       (an exam is ~100 DICOM files and ~0.15 s to paint); every patient by default
     * @param scannedReports the share of reports a centre sends on paper, scanned to a PDF without text
     *                       ({@link ScannedReport}; which ones, from the seed); 0 by default. Such an export is for ingest
     *                       with OCR: model training reads a cohort's report text files
     */
    public record Options(int patients, int centres, long seed, Path out, LocalDate cutoff, boolean images, boolean slides, int threads,
                          TreatmentTruth treatmentTruth, int slidePatients, int imagePatients, SlideFormat slideFormat,
                          ExportDialect exportDialect, double scannedReports) {
        public Options {
            if (!(scannedReports >= 0 && scannedReports <= 1)) throw new IllegalArgumentException("scannedReports must be from 0 to 1, not " + scannedReports);
            if (slideFormat == null) slideFormat = SlideFormat.SVS;
            if (exportDialect == null) exportDialect = ExportDialect.TEMPLATE;
            if (slidePatients < 0) throw new IllegalArgumentException("slidePatients must be 0 or more, not " + slidePatients);
            if (imagePatients < 0) throw new IllegalArgumentException("imagePatients must be 0 or more, not " + imagePatients);
        }

        public Options(int patients, int centres, long seed, Path out, LocalDate cutoff, boolean images, boolean slides, int threads,
                       TreatmentTruth treatmentTruth) {
            this(patients, centres, seed, out, cutoff, images, slides, threads, treatmentTruth, Integer.MAX_VALUE, Integer.MAX_VALUE, SlideFormat.SVS,
                    ExportDialect.TEMPLATE, 0);
        }

        public Options(int patients, int centres, long seed, Path out, LocalDate cutoff, boolean images, boolean slides, int threads) {
            this(patients, centres, seed, out, cutoff, images, slides, threads, TreatmentTruth.TRIALS);
        }

        public Options withTreatmentTruth(TreatmentTruth t) {
            return new Options(patients, centres, seed, out, cutoff, images, slides, threads, t, slidePatients, imagePatients, slideFormat, exportDialect, scannedReports);
        }

        /** Slides (when {@code slides}) for the first {@code n} patients only. */
        public Options withSlidePatients(int n) {
            return new Options(patients, centres, seed, out, cutoff, images, slides, threads, treatmentTruth, n, imagePatients, slideFormat, exportDialect, scannedReports);
        }

        /** MRI exams (when {@code images}) for the first {@code n} patients only. */
        public Options withImagePatients(int n) {
            return new Options(patients, centres, seed, out, cutoff, images, slides, threads, treatmentTruth, slidePatients, n, slideFormat, exportDialect, scannedReports);
        }

        /** Slides written as SVS, as DICOM whole-slide images, or by centre. */
        public Options withSlideFormat(SlideFormat f) {
            return new Options(patients, centres, seed, out, cutoff, images, slides, threads, treatmentTruth, slidePatients, imagePatients, f, exportDialect, scannedReports);
        }

        /** Tables and reports written as the template's, as a hospital's systems write them, or by centre. */
        public Options withExportDialect(ExportDialect d) {
            return new Options(patients, centres, seed, out, cutoff, images, slides, threads, treatmentTruth, slidePatients, imagePatients, slideFormat, d, scannedReports);
        }

        /** A share of reports sent on paper, scanned. */
        public Options withScannedReports(double share) {
            return new Options(patients, centres, seed, out, cutoff, images, slides, threads, treatmentTruth, slidePatients, imagePatients, slideFormat,
                    exportDialect, share);
        }

        /** Whether the report of {@code kind} of the patient with hospital number {@code mrn} comes on paper. */
        boolean scanned(String mrn, String kind) {
            return scannedReports > 0 && new java.util.SplittableRandom(seed * 31 + (mrn + "/" + kind).hashCode()).nextDouble() < scannedReports;
        }

        /** Whether the patient generated {@code index}-th (from 0) gets a slide file. */
        boolean slideFor(int index) { return slides && index < slidePatients; }

        /** Whether the patient generated {@code index}-th (from 0) gets an MRI exam. */
        boolean imagesFor(int index) { return images && index < imagePatients; }

        public static Options defaults(Path out) {
            return new Options(24, 2, 2026, out, LocalDate.of(2026, 6, 30), true, true, Runtime.getRuntime().availableProcessors());
        }
    }

    public record Summary(int patients, int centres, int dicomSeries, int slides, Path out) {}

    private CohortGenerator() {}

    public static Summary generate(Options o, Consumer<String> progress) throws IOException {
        Files.createDirectories(o.out().resolve("truth"));
        List<CentreProfile> centres = new ArrayList<>();
        for (int k = 0; k < o.centres(); k++) centres.add(CentreProfile.of(k, o.seed()));
        List<SyntheticPatient> all = new ArrayList<>();
        for (int i = 0; i < o.patients(); i++) {
            CentreProfile c = centres.get(i % o.centres());
            all.add(PatientSimulator.simulate(c, i / o.centres(), o.seed(), o.cutoff(), o.treatmentTruth()));
        }
        uniqueHospitalNumbers(all, o.seed());
        AtomicInteger series = new AtomicInteger();
        AtomicInteger slides = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<String[]> slideLog = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, o.threads()));
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                SyntheticPatient p = all.get(i);
                boolean slide = o.slideFor(i);
                boolean exam = o.imagesFor(i);
                jobs.add(pool.submit(() -> {
                    writePatientFiles(o, p, exam, slide, series, slides, slideLog);
                    int n = done.incrementAndGet();
                    if (n % Math.max(1, o.patients() / 10) == 0 || n == o.patients()) {
                        progress.accept(String.format(Locale.ROOT, "  patients %d/%d %s", n, o.patients(), bar(n, o.patients())));
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("writing patient files failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
        for (CentreProfile c : centres) {
            Path clinical = o.out().resolve(folder(c)).resolve("clinical");
            Files.createDirectories(clinical);
            List<PatientRecord> records = all.stream().filter(p -> p.centre() == c).map(CohortGenerator::exported).toList();
            ClinicalCsvWriter.write(records, clinical.resolve("patients.csv"), clinical.resolve("events.csv"));
            CentreExport.tables(o.exportDialect().formatFor(c.id()), clinical);
        }
        TruthFiles.write(o, all, slideLog);
        return new Summary(all.size(), centres.size(), series.get(), slides.get(), o.out());
    }

    /**
     * A hospital number is a centre's key for its patient, so no two may share one. Each is drawn with the patient (eight
     * random digits: about one cohort in two hundred of 3,000 patients drew a pair, seed 17 among them); a later patient
     * who drew one already taken draws again from a generator of their own, so every other patient stays as generated.
     */
    static void uniqueHospitalNumbers(List<SyntheticPatient> all, long seed) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            SyntheticPatient p = all.get(i);
            String mrn = p.identity().hospitalNumber();
            if (taken.add(mrn)) continue;
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 1_000_003L + i);
            while (!taken.add(mrn)) mrn = Identity.hospitalNumber(r, p.centre().id());
            all.set(i, p.withIdentity(p.identity().withHospitalNumber(mrn)));
        }
    }

    /** The record as the centre exports it: keyed by hospital number, slides named after it. */
    static PatientRecord exported(SyntheticPatient p) {
        PatientRecord r = p.record();
        String mrn = p.identity().hospitalNumber();
        List<Slide> slides = r.slides().stream().map(s -> new Slide(mrn + "-HE1", s.stain(), s.fileSha256(), s.qcAccepted())).toList();
        return new PatientRecord(r.patient().withId(mrn), r.imaging(), r.treatment(), r.pathology(), slides, r.reports(), r.events());
    }

    private static void writePatientFiles(Options o, SyntheticPatient p, boolean exam, boolean slide, AtomicInteger series, AtomicInteger slides,
                                          List<String[]> slideLog) {
        try {
            Path centre = o.out().resolve(folder(p.centre()));
            String mrn = p.identity().hospitalNumber();
            Path reports = centre.resolve("reports");
            Files.createDirectories(reports);
            ExportDialect dialect = o.exportDialect().formatFor(p.centre().id());
            for (String kind : List.of("pathology", "radiology")) {
                String text = kind.equals("pathology") ? Reports.pathology(p) : Reports.radiology(p);
                if (o.scanned(mrn, kind)) {
                    ScannedReport.write(CentreExport.reportText(dialect, text), reports.resolve(mrn + "_" + kind + ".pdf"), o.seed() * 31 + mrn.hashCode() + kind.length());
                } else {
                    Files.write(reports.resolve(mrn + "_" + kind + ".txt"), CentreExport.report(dialect, text));
                }
            }
            if (exam) series.addAndGet(MriExam.write(p, centre.resolve("imaging").resolve(mrn), o.seed()).size());
            if (slide) {
                Files.createDirectories(centre.resolve("slides"));
                String artefact;
                String name;
                switch (o.slideFormat().formatFor(p.centre().id())) {
                    case DICOM -> {
                        name = mrn + "-HE1/";
                        artefact = SlideFile.writeDicom(p, centre.resolve("slides").resolve(mrn + "-HE1"), o.seed());
                    }
                    case NDPI -> {
                        name = mrn + "-HE1.ndpi";
                        artefact = SlideFile.writeNdpi(p, centre.resolve("slides").resolve(name), o.seed());
                    }
                    case PHILIPS -> {
                        name = mrn + "-HE1.tiff";
                        artefact = SlideFile.writePhilips(p, centre.resolve("slides").resolve(name), o.seed());
                    }
                    case MIRAX -> {
                        name = mrn + "-HE1.mrxs";
                        artefact = SlideFile.writeMirax(p, centre.resolve("slides").resolve(name), o.seed());
                    }
                    case VENTANA -> {
                        name = mrn + "-HE1.bif";
                        artefact = SlideFile.writeVentana(p, centre.resolve("slides").resolve(name), o.seed());
                    }
                    case VMS -> {
                        name = mrn + "-HE1.vms";
                        artefact = SlideFile.writeVms(p, centre.resolve("slides").resolve(name), o.seed());
                    }
                    default -> {
                        name = mrn + "-HE1.svs";
                        artefact = SlideFile.write(p, centre.resolve("slides").resolve(name), o.seed());
                    }
                }
                slideLog.add(new String[] {p.truth().patientId(), name, artefact});
                slides.incrementAndGet();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String folder(CentreProfile c) { return "centre-" + c.id().substring(1); }

    private static String bar(int n, int total) {
        int filled = (int) Math.round(20.0 * n / total);
        return "[" + "#".repeat(filled) + " ".repeat(20 - filled) + "]";
    }
}
