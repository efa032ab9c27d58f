package org.livercast.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Word files of an export's reports, made the way a hospital's would be: a .docx as a report system writes one
 * (python-docx: the report's first line, the hospital, in the page header, the rest a paragraph a line, a footer with
 * the page number), and a Word 97-2003 .doc as an office suite saves one — LibreOffice's (libreoffice-writer-nogui,
 * which .ci/run installs), headless. LiverCast reads .doc with Apache POI; a suite other than POI writes the test's
 * files, so the reader is not checked against its own writer.
 */
final class WordFiles {
    private WordFiles() {}

    private static final String TO_DOCX = """
            import sys, docx, os
            a = sys.argv[1:]
            for src, out in zip(a[::2], a[1::2]):
                lines = open(src, encoding='utf-8').read().rstrip('\\n').split('\\n')
                d = docx.Document()
                d.sections[0].header.paragraphs[0].text = lines[0]
                d.sections[0].footer.paragraphs[0].text = 'Page 1 of 1'
                for line in lines[1:]:
                    d.add_paragraph(line)
                d.save(out)
                os.remove(src)
            """;

    /** The export's report text files whose names end with one of {@code suffixes} ("_radiology.txt"), in name order. */
    static List<Path> reports(Path export, String... suffixes) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(export.resolve("reports"))) {
            return s.filter(p -> java.util.Arrays.stream(suffixes).anyMatch(x -> p.toString().endsWith(x))).sorted().toList();
        }
    }

    /** Each UTF-8 report text file written as a .docx beside it (python-docx), the text file removed. */
    static List<Path> docx(List<Path> reports) throws Exception {
        List<String> args = new ArrayList<>();
        List<Path> out = new ArrayList<>();
        for (Path p : reports) {
            Path d = p.resolveSibling(p.getFileName().toString().replaceAll("\\.txt$", ".docx"));
            args.add(p.toString());
            args.add(d.toString());
            out.add(d);
        }
        String err = Fixtures.python(TO_DOCX, args.toArray(String[]::new));
        if (!err.isEmpty()) throw new IOException("python-docx: " + err);
        return out;
    }

    static Optional<Path> soffice() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "soffice");
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Saves {@code src} (any document LibreOffice opens: .docx, Flat ODT) beside itself as {@code extension} ("doc", "docx"). */
    static Path saveAs(Path src, String extension, Path scratch) throws IOException, InterruptedException {
        String filter = extension.equals("doc") ? "doc:MS Word 97" : extension.equals("docx") ? "docx:MS Word 2007 XML" : extension;
        convert(List.of(src.toString()), filter, src.getParent(), scratch);
        Path out = src.resolveSibling(src.getFileName().toString().replaceAll("\\.[^.]+$", "." + extension));
        if (!Files.isRegularFile(out)) throw new IOException("LibreOffice wrote no " + out + ": " + Files.readString(scratch.resolve("soffice.log")));
        return out;
    }

    private static void convert(List<String> files, String filter, Path outDir, Path scratch) throws IOException, InterruptedException {
        Path soffice = soffice().orElseThrow(() -> new IllegalStateException("no soffice on the PATH"));
        // Its own profile, so parallel test JVMs do not share one.
        List<String> cmd = new ArrayList<>(List.of(soffice.toString(), "-env:UserInstallation=" + scratch.resolve("lo-profile").toUri(),
                "--headless", "--convert-to", filter, "--outdir", outDir.toString()));
        cmd.addAll(files);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(scratch.resolve("soffice.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("LibreOffice did not convert within 120 s: " + cmd);
        }
        if (p.exitValue() != 0) throw new IOException("LibreOffice exited " + p.exitValue() + ": " + Files.readString(scratch.resolve("soffice.log")));
    }

    /** Converts each .docx to a .doc beside it (one LibreOffice run a folder), deleting the .docx. */
    static List<Path> fromDocx(List<Path> docx, Path scratch) throws IOException, InterruptedException {
        List<Path> out = new ArrayList<>();
        // One run per folder: --outdir is a folder.
        for (Path dir : docx.stream().map(Path::getParent).distinct().toList()) {
            convert(docx.stream().filter(d -> d.getParent().equals(dir)).map(Path::toString).toList(), "doc:MS Word 97", dir, scratch);
        }
        for (Path d : docx) {
            Path doc = d.resolveSibling(d.getFileName().toString().replaceAll("\\.docx$", ".doc"));
            if (!Files.isRegularFile(doc)) throw new IOException("LibreOffice wrote no " + doc + ": " + Files.readString(scratch.resolve("soffice.log")));
            Files.delete(d);
            out.add(doc);
        }
        return out;
    }
}
