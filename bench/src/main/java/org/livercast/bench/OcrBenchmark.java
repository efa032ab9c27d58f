package org.livercast.bench;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.livercast.core.io.TextEncoding;
import org.livercast.ingest.ocr.Ocr;
import org.livercast.ingest.ocr.ScannedPages;
import org.livercast.ingest.ocr.Tesseract;
import org.livercast.ingest.ocr.Transcript;
import org.livercast.learn.report.PathologyFindings;
import org.livercast.learn.report.PathologyReportReader;
import org.livercast.learn.report.RadiologyFindings;
import org.livercast.learn.report.RadiologyReportReader;

/**
 * Scanned reports read by LiverCast's OCR ({@link Ocr}: pages rendered from the PDF, single-threaded engine runs side
 * by side, the text cleaned up, Roman grades counted from their strokes) against the Tesseract command line as a user
 * runs it (each page image — rendered beforehand, not timed — read with its language, OpenMP on, page after page),
 * on the same scans, in one run: time, and how far each reading is from the text the centre printed — characters
 * (CER) and the findings LiverCast's models read from the report.
 * The scans are a synthetic cohort's reports (two centres: a Chinese hospital's and a European one's; three: and a
 * Taiwan hospital's, in traditional characters) printed and scanned ({@code --scanned-reports 1}); the text is the same
 * cohort written as text (same seed).
 * Usage: OcrBenchmark PATIENTS THREADS [CENTRES]
 */
public final class OcrBenchmark {
    private OcrBenchmark() {}

    public static void main(String[] args) throws Exception {
        int patients = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int centres = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path scanned = Files.createTempDirectory("ocr-bench-scanned");
        Path text = Files.createTempDirectory("ocr-bench-text");
        var options = new org.livercast.synth.CohortGenerator.Options(patients, centres, 2026, text, java.time.LocalDate.of(2026, 6, 30), false, false, threads)
                .withExportDialect(org.livercast.synth.ExportDialect.BY_CENTRE);
        org.livercast.synth.CohortGenerator.generate(options, s -> { });
        org.livercast.synth.CohortGenerator.generate(new org.livercast.synth.CohortGenerator.Options(patients, centres, 2026, scanned,
                java.time.LocalDate.of(2026, 6, 30), false, false, threads).withExportDialect(org.livercast.synth.ExportDialect.BY_CENTRE)
                .withScannedReports(1), s -> { });
        List<Path> scans;
        try (Stream<Path> s = Files.walk(scanned)) {
            scans = s.filter(p -> p.toString().endsWith(".pdf") && p.getParent().getFileName().toString().equals("reports")).sorted().toList();
        }
        Tesseract engine = Tesseract.find().orElseThrow(() -> new IllegalStateException("no tesseract on this machine"));
        Map<Path, String> truth = new LinkedHashMap<>();
        for (Path p : scans) truth.put(p, TextEncoding.read(text.resolve(scanned.relativize(p).toString().replace(".pdf", ".txt"))).text());

        // LiverCast: everything from the PDF on.
        Ocr ocr = Ocr.with(engine, threads);
        long t0 = System.nanoTime();
        ocr.readAhead(scans);
        double ours = (System.nanoTime() - t0) / 1e9;
        Map<Path, String> ourText = new LinkedHashMap<>();
        int illegible = 0;
        List<Double> confidence = new ArrayList<>();
        for (Path p : scans) {
            Transcript tr = ocr.transcribe(p);
            if (!tr.legible()) illegible++;
            confidence.add(tr.meanConfidence());
            ourText.put(p, tr.text());
        }
        double[] conf = confidence.stream().mapToDouble(Double::doubleValue).sorted().toArray();

        // The command line: the same pages, already images, in the language each report is written in.
        Path pages = Files.createTempDirectory("ocr-bench-pages");
        Map<Path, Path> image = new LinkedHashMap<>();
        for (Path p : scans) {
            BufferedImage page = ScannedPages.of(p).get(0);
            Path png = pages.resolve(image.size() + ".png");
            ImageIO.write(page, "png", png.toFile());
            image.put(p, png);
        }
        Map<Path, String> cliText = new LinkedHashMap<>();
        long t1 = System.nanoTime();
        for (Path p : scans) {
            // The language a user who knows the centre would give: English, traditional Chinese (Taiwan's), or simplified.
            String t = truth.get(p);
            String lang = t.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) ? "eng"
                    : !org.livercast.core.io.ChineseScript.simplified(t).equals(t) && engine.has("chi_tra") ? "chi_tra" : "chi_sim";
            Process proc = new ProcessBuilder(engine.program().toString(), image.get(p).toString(), "stdout", "-l", lang, "--dpi", "300")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            cliText.put(p, new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            if (proc.waitFor() != 0) throw new IllegalStateException("tesseract failed on " + p);
        }
        double theirs = (System.nanoTime() - t1) / 1e9;
        org.livercast.core.io.Folders.deleteTree(pages);
        org.livercast.core.io.Folders.deleteTree(scanned);
        org.livercast.core.io.Folders.deleteTree(text);

        System.out.printf(Locale.ROOT, "scanned reports: %d (1 page each), Tesseract %s, %d cores%n", scans.size(), engine.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "livercast   %.2f s  %.2f pages/s  (from the PDFs, %d threads; %d below the confidence floor)%n", ours,
                scans.size() / ours, threads, illegible);
        System.out.printf(Locale.ROOT, "            mean character confidence per report: min %.1f, median %.1f, max %.1f (floor %.0f)%n", conf[0],
                conf[conf.length / 2], conf[conf.length - 1], Transcript.MIN_MEAN_CONFIDENCE);
        System.out.printf(Locale.ROOT, "tesseract   %.2f s  %.2f pages/s  (page images given, OpenMP, page after page)%n", theirs, scans.size() / theirs);
        System.out.printf(Locale.ROOT, "ratio (tesseract s / livercast s) %.2f%n", theirs / ours);
        System.out.printf(Locale.ROOT, "character error rate (spaces aside), median / mean / max: livercast %s, tesseract %s%n",
                cer(truth, ourText), cer(truth, cliText));
        if (System.getenv("OCR_BENCH_SHOW") != null) {
            for (Path p : scans) System.out.println("--- " + p.getFileName() + "\n" + truth.get(p) + "\n+++\n" + ourText.get(p));
        }
        System.out.println("findings read as from the printed text (livercast / tesseract):");
        List<Path> path = scans.stream().filter(p -> p.toString().endsWith("_pathology.pdf")).toList();
        List<Path> rad = scans.stream().filter(p -> p.toString().endsWith("_radiology.pdf")).toList();
        Map<String, Function<PathologyFindings, Object>> pf = new LinkedHashMap<>();
        pf.put("diagnosis", PathologyFindings::diagnosis);
        pf.put("MVI grade", PathologyFindings::mvi);
        pf.put("Edmondson grade", PathologyFindings::edmondsonGrade);
        pf.put("satellites", PathologyFindings::satelliteNodules);
        pf.put("capsule", PathologyFindings::capsuleComplete);
        pf.put("margin", PathologyFindings::margin);
        pf.put("tumour sizes", PathologyFindings::tumourSizesMm);
        pf.put("report date", PathologyFindings::reportDate);
        for (var e : pf.entrySet()) agreement("pathology " + e.getKey(), path, truth, ourText, cliText, t -> e.getValue().apply(PathologyReportReader.read(t)));
        Map<String, Function<RadiologyFindings, Object>> rf = new LinkedHashMap<>();
        rf.put("largest size", RadiologyFindings::largestSizeMm);
        rf.put("segment", RadiologyFindings::segment);
        rf.put("non-rim APHE", RadiologyFindings::nonRimAphe);
        rf.put("washout", RadiologyFindings::washout);
        rf.put("capsule", RadiologyFindings::capsule);
        rf.put("LI-RADS", RadiologyFindings::liradsCategory);
        rf.put("exam date", RadiologyFindings::examDate);
        for (var e : rf.entrySet()) agreement("radiology " + e.getKey(), rad, truth, ourText, cliText, t -> e.getValue().apply(RadiologyReportReader.read(t)));
    }

    private static void agreement(String what, List<Path> files, Map<Path, String> truth, Map<Path, String> ours, Map<Path, String> theirs,
                                  Function<String, Object> finding) {
        int a = 0;
        int b = 0;
        int stated = 0;
        List<String> misses = new ArrayList<>();
        for (Path p : files) {
            Object want = finding.apply(truth.get(p));
            if (want != null) stated++;
            Object got = finding.apply(ours.get(p));
            if (java.util.Objects.equals(want, got)) a++;
            else misses.add(p.getFileName() + ": " + want + " read as " + got);
            if (java.util.Objects.equals(want, finding.apply(theirs.get(p)))) b++;
        }
        System.out.printf(Locale.ROOT, "  %-28s %5.1f%% / %5.1f%%  (%d reports, %d state it)%n", what, 100.0 * a / files.size(), 100.0 * b / files.size(),
                files.size(), stated);
        // Where LiverCast misread, the first two: what the next engineer looks at.
        misses.stream().limit(2).forEach(m -> System.out.println("      livercast: " + m));
    }

    private static String cer(Map<Path, String> truth, Map<Path, String> read) {
        List<Double> rates = new ArrayList<>();
        for (var e : truth.entrySet()) {
            rates.add(org.livercast.ingest.ocr.CharacterErrors.rate(e.getValue(), read.get(e.getKey())));
        }
        double[] r = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%.2f%% / %.2f%% / %.2f%%", 100 * r[r.length / 2], 100 * Arrays.stream(r).average().orElse(0), 100 * r[r.length - 1]);
    }
}
