package org.livercast.ingest.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.livercast.core.io.Folders;

/**
 * The Tesseract OCR engine (5.x, its LSTM models), run as its command-line program, as OCRmyPDF runs it: a page image in,
 * the page's text and each word's confidence (its "txt" and "tsv" outputs) out. Debian's {@code tesseract-ocr} with
 * {@code tesseract-ocr-chi-sim} gives the two languages LiverCast's centres write reports in.
 *
 * <p>Each run is single-threaded ({@code OMP_THREAD_LIMIT=1}): Tesseract's OpenMP threads cost more than they give on a
 * report page (a page took 2.6 s with them, 0.5 s without, on 2 cores), so LiverCast runs pages side by side instead.
 *
 * @param program  the {@code tesseract} executable
 * @param version  as it reports itself ("5.3.0")
 * @param languages the trained languages installed beside it ("chi_sim", "eng", …)
 */
public record Tesseract(Path program, String version, List<String> languages) {
    /** Where LiverCast looks for the program when {@code LIVERCAST_TESSERACT} names none. */
    public static final String PROGRAM_NAME = "tesseract";
    /** The environment variable naming the program, for an installation outside the PATH. */
    public static final String PROGRAM_VARIABLE = "LIVERCAST_TESSERACT";
    /** A page that takes longer than this is not a report page (or the engine hangs): named, not waited for. */
    private static final long PAGE_TIMEOUT_SECONDS = 120;

    /** The engine on this machine: {@code LIVERCAST_TESSERACT}, else {@code tesseract} on the PATH; empty when there is none. */
    public static Optional<Tesseract> find() {
        String named = System.getenv(PROGRAM_VARIABLE);
        Path program = named != null && !named.isBlank() ? Path.of(named) : onPath(PROGRAM_NAME);
        if (program == null || !Files.isExecutable(program)) return Optional.empty();
        try {
            return Optional.of(at(program));
        } catch (IOException notTesseract) {
            return Optional.empty();
        }
    }

    /** The engine at {@code program}; @throws IOException when it does not run as Tesseract 4 or later */
    public static Tesseract at(Path program) throws IOException {
        String versionOut = run(List.of(program.toString(), "--version"));
        // "tesseract 5.3.0\n leptonica-1.82.0 …"
        String first = versionOut.lines().findFirst().orElse("").trim();
        if (!first.startsWith("tesseract ")) throw new IOException(program + ": not Tesseract (its --version says '" + first + "')");
        String version = first.substring("tesseract ".length()).trim();
        if (!version.matches("[4-9]\\..*")) throw new IOException(program + ": Tesseract " + version + " is older than 4 (no LSTM models)");
        // "List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):\nchi_sim\neng\nosd"
        List<String> langs = run(List.of(program.toString(), "--list-langs")).lines().skip(1).map(String::trim).filter(l -> !l.isEmpty()).toList();
        return new Tesseract(program, version, langs);
    }

    /** Whether the trained data for {@code language} ("chi_sim", "eng") is installed. */
    public boolean has(String language) { return languages.contains(language); }

    /**
     * Reads one page.
     *
     * @param page     the page as an image (rendered at {@code dpi})
     * @param dpi      its resolution, which Tesseract uses to judge letter sizes
     * @param language the trained language ("chi_sim": simplified Chinese with the Latin letters and digits reports mix in)
     * @throws IOException naming why the engine gave no text
     */
    public PageText read(BufferedImage page, int dpi, String language) throws IOException {
        if (!has(language)) throw new IOException("Tesseract " + version + " at " + program + " has no '" + language + "' language data (installed: "
                + String.join(", ", languages) + ")");
        Path dir = Files.createTempDirectory("livercast-ocr-");
        try {
            Path in = dir.resolve("page.png");
            ImageIO.write(page, "png", in.toFile());
            // Page segmentation 4, one column of lines: a report's page is one. The default (3) looks for columns and
            // can take the end of a long first line — a date after a wide gap — for a block of its own, read last.
            run(List.of(program.toString(), in.toString(), dir.resolve("page").toString(), "-l", language, "--dpi", Integer.toString(dpi),
                    "--psm", "4", "txt", "tsv"));
            return PageText.of(Files.readString(dir.resolve("page.txt"), StandardCharsets.UTF_8),
                    Files.readString(dir.resolve("page.tsv"), StandardCharsets.UTF_8), page, language);
        } finally {
            Folders.deleteTree(dir);
        }
    }

    /** Runs the program single-threaded; its standard output, or @throws IOException with its messages when it fails or hangs. */
    private static String run(List<String> command) throws IOException {
        // Output to a file, not a pipe: a hung engine is then timed out instead of blocking the read.
        Path out = Files.createTempFile("livercast-ocr-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("OMP_THREAD_LIMIT", "1");
            Process p = pb.start();
            p.getOutputStream().close();
            try {
                if (!p.waitFor(PAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(command.get(0) + " took longer than " + PAGE_TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(command.get(0) + " interrupted", e);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + text.strip());
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) return Path.of(d, name);
        }
        return null;
    }
}
