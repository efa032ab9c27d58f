package org.livercast.ingest.discover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.ingest.ocr.Ocr;
import org.livercast.ingest.ocr.ScannedPages;
import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.DicomHeader;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.imaging.dicom.Tag;
import org.livercast.pathology.mirax.MiraxSlide;
import org.livercast.pathology.sakura.SakuraSlide;
import org.livercast.pathology.vms.VmsIndexFile;

/**
 * Finds what an export holds by reading each file's content: DICOM by its "DICM" prefix (or a bare data set starting
 * with a group-0008 element), slides by the TIFF/BigTIFF magic (a MIRAX slide by its .mrxs file and the folder beside
 * it, whose files are the slide's), NIfTI by "n+1", tables by their CSV header, reports as
 * UTF-8 text; a DICOM file of the VL Whole Slide Microscopy class is a slide. Then links each file to a hospital number:
 * DICOM by Patient ID, reports by their MRN / 住院号 field, slides
 * and masks by the folder or name they share with the patient's other files. Hidden files are skipped.
 */
public final class ExportScanner {
    static final Pattern REPORT_ID = Pattern.compile("(住院号|病案号|病历号|MRN|Hospital (?:No\\.?|number))\\s*[:：]\\s*([A-Za-z0-9-]{3,})",
            Pattern.CASE_INSENSITIVE);

    private ExportScanner() {}

    public static Export scan(Path root) throws IOException { return scan(root, Ocr.OFF); }

    /** The export at {@code root}, its scanned and photographed reports read by {@code ocr} when it is on. */
    public static Export scan(Path root, Ocr ocr) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.filter(Files::isRegularFile).filter(p -> !hidden(root, p)).sorted().toList();
        }
        // A MIRAX slide is NAME.mrxs and the folder NAME/ beside it: the folder's files (Slidedat.ini, Index.dat, data
        // files of gigabytes) are the slide's, not files of their own.
        List<Path> miraxFolders = paths.stream().filter(ExportScanner::mrxs).map(MiraxSlide::folder).filter(Files::isDirectory).toList();
        paths = paths.stream().filter(p -> miraxFolders.stream().noneMatch(f -> p.startsWith(f))).toList();
        // A Hamamatsu VMS or VMU is NAME.vms (or .vmu), a key file, and the image files it names beside it: those are
        // the slide's too. A key file that cannot be read, or whose files are not all there, is named with why.
        Map<Path, VmsIndexFile> hamamatsu = new HashMap<>();
        Map<Path, String> hamamatsuProblem = new HashMap<>();
        java.util.Set<Path> hamamatsuParts = new java.util.HashSet<>();
        for (Path p : paths) {
            if (!VmsIndexFile.named(p)) continue;
            try {
                VmsIndexFile index = VmsIndexFile.read(p);
                List<String> missing = index.files().stream().filter(f -> !Files.isRegularFile(f)).map(f -> f.getFileName().toString()).toList();
                if (missing.isEmpty()) hamamatsu.put(p, index);
                else hamamatsuProblem.put(p, "a Hamamatsu " + (index.compressed() ? "VMS" : "VMU") + " slide without " + String.join(", ", missing)
                        + ": send the key file with every file it names");
                index.files().stream().skip(1).map(Path::normalize).forEach(hamamatsuParts::add);
            } catch (IOException | RuntimeException e) {
                hamamatsuProblem.put(p, e.getMessage());
            }
        }
        paths = paths.stream().filter(p -> !hamamatsuParts.contains(p.toAbsolutePath().normalize())).toList();
        // A Trestle slide's macro is NAME.Full beside its NAME.tif: the slide's, not a file of its own. A centre's column
        // mapping (columns.json beside its tables) belongs to the tables, which read it.
        // A FHIR Bulk Data export's manifest (its $export answer, naming the NDJSON files beside it) and the centre's
        // fhir.json belong to the export's FHIR files, which are read whole.
        paths = paths.stream().filter(p -> !trestleMacro(p) && !p.getFileName().toString().equals(org.livercast.core.io.ColumnMapping.FILE_NAME)
                && !p.getFileName().toString().equals(org.livercast.core.io.fhir.CentreCodes.FILE_NAME) && !bulkManifest(p)).toList();
        // Scanned reports are read by OCR first, side by side: one after the other they would take half a second a page.
        if (ocr.on()) ocr.readAhead(paths.stream().filter(ReportText::scanned).toList());
        List<ExportFile> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<Path, String> dicomOwnerOfFolder = new HashMap<>();
        for (Path p : paths) {
            String rel = root.relativize(p).toString();
            long size = Files.size(p);
            byte[] head = head(p, 512);
            FileKind kind = mrxs(p) ? (MiraxSlide.is(p) ? FileKind.SLIDE : FileKind.OTHER)
                    : hamamatsu.containsKey(p) ? FileKind.SLIDE : hamamatsuProblem.containsKey(p) ? FileKind.OTHER
                    : SakuraSlide.named(p) ? (sqlite(head) ? FileKind.SLIDE : FileKind.OTHER) : kind(head, p, ocr);
            String id = null;
            String note = hamamatsuProblem.get(p);
            if (SakuraSlide.named(p) && kind == FileKind.OTHER) note = "a Sakura .svslide that is not an SQLite database: the file is damaged or not a slide";
            if (hamamatsu.containsKey(p)) {
                for (Path part : hamamatsu.get(p).files().subList(1, hamamatsu.get(p).files().size())) size += Files.size(part);
            }
            if (kind == FileKind.OTHER && orphanMiraxFile(p)) {
                note = "part of a 3DHISTECH MIRAX slide whose " + p.getParent().getFileName() + MiraxSlide.EXTENSION
                        + " is missing: send the .mrxs file with its folder";
            }
            if (mrxs(p)) {
                if (kind == FileKind.SLIDE) size += folderBytes(MiraxSlide.folder(p));
                else note = "a 3DHISTECH MIRAX slide without its folder " + MiraxSlide.folder(p).getFileName() + "/ (Slidedat.ini, Index.dat, Data*.dat):"
                        + " send the .mrxs file with the folder of the same name beside it";
            }
            switch (kind) {
                case DICOM -> {
                    try {
                        // The header only: a whole-slide level can be gigabytes of frames.
                        DicomObject d = header(p);
                        id = d.string(Tag.PatientID);
                        if (id == null) note = "no Patient ID (0010,0020)";
                        if (org.livercast.imaging.write.Uids.VL_WHOLE_SLIDE_MICROSCOPY.equals(d.string(Tag.SOPClassUID))) kind = FileKind.DICOM_SLIDE;
                    } catch (RuntimeException e) {
                        note = e.getMessage();
                    }
                    if (id != null) owner(dicomOwnerOfFolder, p.getParent(), id);
                }
                case PATHOLOGY_REPORT, RADIOLOGY_REPORT -> {
                    Matcher m = REPORT_ID.matcher(org.livercast.core.io.ChineseScript.simplified(ReportText.read(p, ocr).text()));
                    if (m.find()) id = m.group(2);
                    else note = "no MRN / 住院号 field";
                }
                // A slide in a vendor format that is not read is named as such, with what to send instead.
                case OTHER -> {
                    if (note == null) note = org.livercast.pathology.dicom.Slides.notRead(p).orElse(null);
                    if (note == null && (ReportText.isPdf(head) || ScannedPages.isImage(head) || word(head, p))) note = documentNote(p, ocr);
                }
                default -> { }
            }
            files.add(new ExportFile(p, rel, kind, size, id, note));
        }
        List<ExportFile> linked = new ArrayList<>();
        for (ExportFile f : files) {
            if (f.hospitalNumber() != null || f.kind() == FileKind.PATIENTS_TABLE || f.kind() == FileKind.EVENTS_TABLE || f.kind() == FileKind.FHIR) {
                linked.add(f);
                continue;
            }
            String owner = switch (f.kind()) {
                case MASK -> dicomOwnerOfFolder.get(f.path().getParent());
                case SLIDE, PATHOLOGY_REPORT, RADIOLOGY_REPORT -> stemId(f.path());
                default -> null;
            };
            if (owner != null && !"?".equals(owner)) linked.add(f.linkedTo(owner));
            else linked.add(new ExportFile(f.path(), f.relative(), f.kind(), f.sizeBytes(), null,
                    f.note() != null ? f.note() : f.kind() == FileKind.OTHER ? "not a file LiverCast ingests" : "cannot tell which patient it belongs to"));
        }
        // A file LiverCast does not ingest (a scanned report, a slide in a format it does not read) named after a patient
        // whose other files are here is that patient's: its note then stands in the patient's report, where the data
        // manager looks for what became of the patient's files, not only in the export's list of unlinked files.
        java.util.Set<String> known = new java.util.HashSet<>();
        for (ExportFile f : linked) if (f.hospitalNumber() != null) known.add(f.hospitalNumber());
        List<ExportFile> withOthers = new ArrayList<>();
        for (ExportFile f : linked) {
            String stem = f.kind() == FileKind.OTHER && f.hospitalNumber() == null ? stemId(f.path()) : null;
            withOthers.add(stem != null && known.contains(stem) ? f.linkedTo(stem) : f);
        }
        return Export.of(root, withOthers, problems);
    }

    /** A DICOM file's attributes without its pixels; a file the header reader cannot take (deflated) is read whole. */
    private static DicomObject header(Path p) throws IOException {
        try {
            return DicomHeader.read(p).dataSet();
        } catch (DicomFileException e) {
            DicomFile whole = DicomReader.read(p);
            return whole.dataSet();
        }
    }

    /** The folder of a series and its parent (the patient's imaging folder) belong to the patient of its DICOM files. */
    private static void owner(Map<Path, String> owners, Path folder, String id) {
        owners.merge(folder, id, ExportScanner::same);
        if (folder.getParent() != null) owners.merge(folder.getParent(), id, ExportScanner::same);
    }

    private static String same(String a, String b) { return a.equals(b) ? a : "?"; }

    /** "C0155350991-HE1.svs", "C0155350991_pathology.txt" → "C0155350991". */
    private static String stemId(Path p) {
        String name = p.getFileName().toString();
        int cut = name.length();
        for (char c : new char[] {'-', '_', '.'}) {
            int i = name.indexOf(c);
            if (i > 0) cut = Math.min(cut, i);
        }
        return cut >= 3 ? name.substring(0, cut) : null;
    }

    static FileKind kind(byte[] h, Path p, Ocr ocr) throws IOException {
        if (DicomReader.isDicom(h)) return FileKind.DICOM;
        if (h.length >= 4 && (h[0] == 'I' && h[1] == 'I' && (h[2] == 42 || h[2] == 43) && h[3] == 0
                || h[0] == 'M' && h[1] == 'M' && h[2] == 0 && (h[3] == 42 || h[3] == 43))) return FileKind.SLIDE;
        if (isNifti(h) || h.length >= 2 && (h[0] & 0xFF) == 0x1F && (h[1] & 0xFF) == 0x8B && isNifti(gunzipHead(p))) return FileKind.MASK;
        if (h.length >= 8 && bareDataSet(h)) return FileKind.DICOM;
        // The clinical tables as the hospital's EHR exports them: FHIR resources, a line each (Bulk Data NDJSON) or a Bundle.
        if (org.livercast.core.io.fhir.FhirNdjson.named(p) && (org.livercast.core.io.fhir.FhirNdjson.isFhir(h)
                || p.getFileName().toString().endsWith(".gz") && org.livercast.core.io.fhir.FhirNdjson.isFhir(gunzipHead(p)))) return FileKind.FHIR;
        String text;
        // Clinical tables sent as an Excel workbook (.xlsx, or Excel 97-2003's .xls): the sheets' headers say which tables it
        // holds; one with a patients sheet is the patients table (an events sheet beside it is read with it).
        if (org.livercast.core.io.TableFile.isWorkbook(p)) {
            try {
                return org.livercast.core.io.TableFile.kind(p).map(ExportScanner::tableKind).orElse(FileKind.OTHER);
            } catch (IOException unreadable) {
                return FileKind.OTHER;
            }
        }
        if (ReportText.isPdf(h) || word(h, p) || ScannedPages.isImage(h)) {
            // A report a laboratory or radiology system printed to PDF (its text layer is the report; none: a scan, read
            // by OCR when it is on), one written in Word, or a page scanned or photographed as an image (OCR only).
            try {
                text = ReportText.read(p, ocr).text();
            } catch (IOException unreadable) {
                return FileKind.OTHER;
            }
            if (text.isBlank()) return FileKind.OTHER;
            // A letterhead typed above a report pasted as pictures is not the report: without OCR it is named, not stored.
            if (!ocr.on() && (word(h, p) || ReportText.isPdf(h)) && ReportText.scanned(p)) return FileKind.OTHER;
            return reportKind(text);
        }
        java.util.Optional<String> plain = text(p);
        if (plain.isEmpty()) return FileKind.OTHER;
        // A table by its header (comma-, semicolon- or tab-separated, its names through the centre's columns.json), else a report.
        return org.livercast.core.io.TableFile.isEvents(plain.get(), p).map(ExportScanner::tableKind).orElseGet(() -> reportKind(plain.get()));
    }

    /** A Word document: a .docx, or a .doc (Word 97-2003, or WPS's .wps in that format). */
    private static boolean word(byte[] h, Path p) {
        return DocxText.isZip(h) && DocxText.isDocx(p) || DocText.isOle2(h) && DocText.isDoc(p);
    }

    private static FileKind tableKind(boolean events) { return events ? FileKind.EVENTS_TABLE : FileKind.PATIENTS_TABLE; }

    /** A pathology or radiology report by its words, else no file LiverCast ingests. */
    public static FileKind reportKind(String text) {
        String lower = org.livercast.core.io.ChineseScript.simplified(text).toLowerCase(Locale.ROOT);   // 病理診斷, 檢查 too
        if (lower.contains("病理") || lower.contains("pathology")) return FileKind.PATHOLOGY_REPORT;
        if (lower.contains("mri") || lower.contains("检查") || lower.contains("impression") || lower.contains(" ct ") || lower.contains("ct检查"))
            return FileKind.RADIOLOGY_REPORT;
        return FileKind.OTHER;
    }

    /** Why a PDF, Word document or image is not ingested: no text (a scan without OCR, or one OCR cannot read), unreadable, or not a report. */
    private static String documentNote(Path p, Ocr ocr) {
        boolean pdf;
        boolean image;
        ReportText read;
        try {
            pdf = ReportText.isPdf(p);
            image = ScannedPages.isImage(p);
            read = ReportText.read(p, ocr);
        } catch (IOException e) {
            return e.getMessage();
        }
        String what = pdf ? "PDF" : image ? "image" : "Word document";
        if (read.transcript() != null && !read.transcribed()) return (pdf || image ? "a scanned " + what : "a Word document whose report is pasted as pictures,") + " " + read.transcript().whyNotUsed();
        // (A PDF without any text layer is named below, as a scanned page.)
        if (!image && !ocr.on() && !(pdf && read.text().isBlank()) && ReportText.scanned(p)) {
            return pdf ? "a PDF whose text layer holds a letterhead at most, the report an image of the page: its text is read only with OCR (livercast ingest --ocr); or export the report as text"
                    : "a Word document whose report is pasted as pictures of its pages: they are read only with OCR (livercast ingest --ocr); or export the report as text";
        }
        if (!read.text().isBlank()) return "a " + what + (read.transcribed() ? " " + read.readAs() : "") + " that is neither a pathology nor a radiology report";
        if (image) return "an image (a scanned or photographed page?): its text is read only with OCR (livercast ingest --ocr)";
        return pdf ? "a PDF without a text layer (a scanned page): its text is read only with OCR (livercast ingest --ocr); or export the report as text or as a PDF with its text"
                : "a Word document without text";
    }

    private static boolean isNifti(byte[] h) {
        return h.length >= 348 && h[344] == 'n' && (h[345] == '+' || h[345] == 'i') && h[346] == '1' && h[347] == 0;
    }

    /** A data set without preamble: little-endian group 0008 first, as old exports write. */
    private static boolean bareDataSet(byte[] h) {
        int group = (h[0] & 0xFF) | (h[1] & 0xFF) << 8;
        return group == 0x0008 && (h[2] & 0xFF) < 0x20 && h[3] == 0;
    }

    /** Bytes of a file looked at to tell text from binary: a slide's data file can be gigabytes. */
    private static final int TEXT_PROBE_BYTES = 1 << 16;

    /**
     * The file's text when it is text in an encoding a hospital system writes (UTF-8, UTF-16 with its mark, GB18030:
     * {@link org.livercast.core.io.TextEncoding}): judged by its first 64 KiB (a binary file shows itself long before, and
     * a slide's data file is not read whole), then read whole once.
     */
    private static java.util.Optional<String> text(Path p) throws IOException {
        byte[] b = head(p, TEXT_PROBE_BYTES);
        if (b.length < TEXT_PROBE_BYTES) return org.livercast.core.io.TextEncoding.decode(b, true).map(org.livercast.core.io.TextEncoding.Decoded::text);
        // Not the end of input when the file goes on: a character cut at the probe's end is not an error.
        if (org.livercast.core.io.TextEncoding.decode(b, false).isEmpty()) return java.util.Optional.empty();
        return org.livercast.core.io.TextEncoding.decode(Files.readAllBytes(p), true).map(org.livercast.core.io.TextEncoding.Decoded::text);
    }

    private static byte[] head(Path p, int n) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(n);
        }
    }

    private static byte[] gunzipHead(Path p) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readNBytes(352);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** A file in a folder holding a MIRAX Slidedat.ini, with no .mrxs of the folder's name beside the folder. */
    private static boolean orphanMiraxFile(Path p) {
        Path folder = p.getParent();
        return folder != null && folder.getParent() != null && Files.isRegularFile(folder.resolve("Slidedat.ini"))
                && !Files.exists(folder.resolveSibling(folder.getFileName() + MiraxSlide.EXTENSION));
    }

    /** NAME.Full beside a NAME.tif or NAME.tiff: a Trestle slide's photograph of the glass. */
    private static boolean trestleMacro(Path p) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".Full")) return false;
        String stem = name.substring(0, name.length() - ".Full".length());
        return Files.isRegularFile(p.resolveSibling(stem + ".tif")) || Files.isRegularFile(p.resolveSibling(stem + ".tiff"));
    }

    /** A FHIR Bulk Data manifest: a small JSON object with the $export answer's transactionTime and output. */
    private static boolean bulkManifest(Path p) {
        try {
            if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") || Files.size(p) > 1 << 20) return false;
            String text = Files.readString(p, StandardCharsets.UTF_8);
            return text.stripLeading().startsWith("{") && text.contains("\"transactionTime\"") && text.contains("\"output\"");
        } catch (IOException | java.io.UncheckedIOException e) {   // not UTF-8 text, unreadable: not a manifest
            return false;
        }
    }

    /** A Sakura slide is an SQLite database: its first bytes say so. */
    private static boolean sqlite(byte[] head) {
        byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        return head.length >= magic.length && java.util.Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private static boolean mrxs(Path p) { return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(MiraxSlide.EXTENSION); }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            long total = 0;
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) total += Files.size(f);
            return total;
        }
    }

    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) if (part.toString().startsWith(".")) return true;
        return false;
    }
}
