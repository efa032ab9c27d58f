package org.livercast.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.livercast.core.io.TextEncoding;
import org.livercast.ingest.discover.ReportText;
import org.livercast.ingest.ocr.CharacterErrors;

/**
 * Word 97-2003 (.doc) reports read by LiverCast (Apache POI's HWPF through {@link ReportText}) against the two
 * command-line readers Debian has — antiword and catdoc — on the same files, in one run: time, and how much of the
 * report each gives back. The reports are a synthetic two-centre cohort's (a Chinese hospital's and a European one's),
 * written as Word does them (python-docx: the first line, the hospital, in the page header, a footer with the page
 * number) and saved as Word 97 by LibreOffice — setup, not timed.
 * Usage: DocBenchmark PATIENTS
 */
public final class DocBenchmark {
    private DocBenchmark() {}

    private static final String TO_DOCX = """
            import sys, docx
            a = sys.argv[1:]
            for src, out in zip(a[::2], a[1::2]):
                lines = open(src, encoding='utf-8').read().rstrip('\\n').split('\\n')
                d = docx.Document()
                d.sections[0].header.paragraphs[0].text = lines[0]
                d.sections[0].footer.paragraphs[0].text = 'Page 1 of 1'
                for line in lines[1:]:
                    d.add_paragraph(line)
                d.save(out)
            """;

    public static void main(String[] args) throws Exception {
        int patients = Integer.parseInt(args[0]);
        Path work = Files.createTempDirectory("doc-bench");
        Path cohort = work.resolve("cohort");
        org.livercast.synth.CohortGenerator.generate(new org.livercast.synth.CohortGenerator.Options(patients, 2, 2026, cohort,
                java.time.LocalDate.of(2026, 6, 30), false, false, 2).withExportDialect(org.livercast.synth.ExportDialect.BY_CENTRE), s -> { });
        List<Path> texts;
        try (Stream<Path> s = Files.walk(cohort)) {
            texts = s.filter(p -> p.getParent().getFileName().toString().equals("reports") && p.toString().endsWith(".txt")).sorted().toList();
        }
        Path docxDir = Files.createDirectories(work.resolve("docx"));
        Map<Path, String> truth = new LinkedHashMap<>();
        List<String> pyArgs = new ArrayList<>();
        for (Path t : texts) {
            Path utf8 = docxDir.resolve(t.getFileName());
            Files.writeString(utf8, TextEncoding.read(t).text());
            pyArgs.add(utf8.toString());
            pyArgs.add(docxDir.resolve(t.getFileName().toString().replace(".txt", ".docx")).toString());
        }
        List<String> py = new ArrayList<>(List.of("/usr/bin/python3", "-c", TO_DOCX));
        py.addAll(pyArgs);
        run(py, work);
        Path docDir = Files.createDirectories(work.resolve("doc"));
        // A hundred files a LibreOffice run: one run of a thousand stopped after 247, saying nothing.
        for (int from = 1; from < pyArgs.size(); from += 200) {
            List<String> lo = new ArrayList<>(List.of("soffice", "-env:UserInstallation=" + work.resolve("lo-profile").toUri(), "--headless",
                    "--convert-to", "doc:MS Word 97", "--outdir", docDir.toString()));
            for (int i = from; i < Math.min(pyArgs.size(), from + 200); i += 2) lo.add(pyArgs.get(i));
            run(lo, work);
        }
        List<Path> docs = new ArrayList<>();
        for (Path t : texts) {
            Path d = docDir.resolve(t.getFileName().toString().replace(".txt", ".doc"));
            docs.add(d);
            truth.put(d, TextEncoding.read(t).text());
        }
        long bytes = 0;
        for (Path d : docs) bytes += Files.size(d);

        // LiverCast: one JVM reading every file, as ingest does; a first pass warms it (class loading, JIT), the second is timed.
        Map<Path, String> ours = new LinkedHashMap<>();
        for (Path d : docs) ReportText.read(d);
        long t0 = System.nanoTime();
        for (Path d : docs) ours.put(d, ReportText.read(d).text());
        double oursS = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        Map<Path, String> antiword = new LinkedHashMap<>();
        for (Path d : docs) antiword.put(d, peer(List.of("antiword", "-m", "UTF-8.txt", "-w", "0", d.toString()), work));
        double antiwordS = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        Map<Path, String> catdoc = new LinkedHashMap<>();
        for (Path d : docs) catdoc.put(d, peer(List.of("catdoc", "-d", "utf-8", "-w", d.toString()), work));
        double catdocS = (System.nanoTime() - t2) / 1e9;
        // A JVM started for one file, as a user running LiverCast's reader once would pay: measured on the first file.
        String cp = System.getProperty("java.class.path");
        long t3 = System.nanoTime();
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp, "org.livercast.bench.DocBenchmark$ReadOne",
                docs.get(0).toString()), work);
        double coldS = (System.nanoTime() - t3) / 1e9;
        org.livercast.core.io.Folders.deleteTree(work);

        System.out.printf(Locale.ROOT, ".doc reports: %d (saved as Word 97 by LibreOffice from python-docx), %.1f KB each, %d cores%n", docs.size(),
                bytes / 1024.0 / docs.size(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "livercast   %.3f s  %6.0f files/s  (POI HWPF, one JVM, warm)%n", oursS, docs.size() / oursS);
        System.out.printf(Locale.ROOT, "antiword    %.3f s  %6.0f files/s  (a process per file)%n", antiwordS, docs.size() / antiwordS);
        System.out.printf(Locale.ROOT, "catdoc      %.3f s  %6.0f files/s  (a process per file)%n", catdocS, docs.size() / catdocS);
        System.out.printf(Locale.ROOT, "ratio (antiword s / livercast s) %.2f, (catdoc s / livercast s) %.2f%n", antiwordS / oursS, catdocS / oursS);
        System.out.printf(Locale.ROOT, "livercast cold, one file in a fresh JVM: %.2f s%n", coldS);
        for (var e : Map.of("livercast", ours, "antiword", antiword, "catdoc", catdoc).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            System.out.printf(Locale.ROOT, "%-10s  %s%n", e.getKey(), fidelity(truth, e.getValue()));
        }
    }

    /** How each reading compares with the report's text: reports given back line for line, letterhead kept, footer left out, CER. */
    private static String fidelity(Map<Path, String> truth, Map<Path, String> read) {
        int exact = 0;
        int refused = 0;
        int letterhead = 0;
        int body = 0;
        int footer = 0;
        double cerSum = 0;
        double cerMax = 0;
        for (var e : truth.entrySet()) {
            String want = lines(e.getValue());
            if (read.get(e.getKey()) == null) refused++;
            String got = lines(read.get(e.getKey()) == null ? "" : read.get(e.getKey()));
            if (got.equals(want)) exact++;
            String head = want.lines().findFirst().orElse("") + "\n";
            if (got.startsWith(head)) letterhead++;
            // The body (the report's lines after its letterhead) as one run of lines, wherever the reader put the header.
            if (got.contains(want.substring(head.length()))) body++;
            if (got.contains("Page 1 of 1")) footer++;
            double cer = CharacterErrors.rate(want, got.replace("Page 1 of 1", ""));
            cerSum += cer;
            cerMax = Math.max(cerMax, cer);
        }
        int n = truth.size();
        return String.format(Locale.ROOT, "refused %5.1f%%, the report line for line %5.1f%%, its body %5.1f%%, letterhead first %5.1f%%, footer left out %5.1f%%, CER mean %.2f%% max %.2f%%",
                100.0 * refused / n, 100.0 * exact / n, 100.0 * body / n, 100.0 * letterhead / n, 100.0 * (n - footer) / n, 100 * cerSum / n, 100 * cerMax);
    }

    /** Lines stripped, blank ones and a table's frame dropped: the readers lay a page out their own ways. */
    private static String lines(String s) {
        StringBuilder out = new StringBuilder();
        for (String l : s.split("\n")) {
            String t = l.strip();
            if (!t.isEmpty()) out.append(t).append('\n');
        }
        return out.toString();
    }

    private static String run(List<String> cmd, Path work) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(work.resolve("stderr.log").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd.get(0) + " failed: " + Files.readString(work.resolve("stderr.log")));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** A peer's reading; null where it refuses the file (antiword: "the text stream of this file is too small to handle"). */
    private static String peer(List<String> cmd, Path work) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException(cmd.get(0) + " hung on " + cmd.get(cmd.size() - 1));
        return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
    }

    /** Reads one file and prints its text: the cold-start measurement. */
    public static final class ReadOne {
        public static void main(String[] args) throws Exception {
            System.out.print(ReportText.read(Path.of(args[0])).text());
        }
    }
}
