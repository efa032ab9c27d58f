package org.livercast.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Word 97-2003 (.doc) files made the way a hospital's would be: by an office suite saving a document as "Word 97-2003"
 * — here LibreOffice's (libreoffice-writer-nogui, which .ci/run installs), headless, converting .docx files python-docx
 * wrote. LiverCast reads .doc with Apache POI; a suite other than POI writes the test's files, so the reader is not
 * checked against its own writer.
 */
final class Word97 {
    private Word97() {}

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
