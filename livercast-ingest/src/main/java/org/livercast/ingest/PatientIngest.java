package org.livercast.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.io.ClinicalData;
import org.livercast.core.io.RowError;
import org.livercast.core.model.ImagingStudy;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.Phase;
import org.livercast.core.model.Report;
import org.livercast.core.model.Slide;
import org.livercast.imaging.deid.DicomDeidentifier;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomHeader;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.exam.LiverExam;
import org.livercast.imaging.exam.PhaseIdentifier;
import org.livercast.imaging.exam.PhaseMapping;
import org.livercast.imaging.nifti.NiftiImage;
import org.livercast.imaging.nifti.NiftiReader;
import org.livercast.imaging.nifti.NiftiWriter;
import org.livercast.imaging.series.Assembly;
import org.livercast.imaging.series.DicomSeries;
import org.livercast.imaging.series.VolumeSplit;
import org.livercast.ingest.PreparedPatient.Staged;
import org.livercast.ingest.deid.ClinicalTables;
import org.livercast.ingest.deid.DateShift;
import org.livercast.ingest.deid.Identifiers;
import org.livercast.ingest.deid.PseudonymKey;
import org.livercast.ingest.deid.TextScrubber;
import org.livercast.ingest.discover.ExportFile;
import org.livercast.ingest.discover.FileKind;
import org.livercast.ingest.discover.ReportText;
import org.livercast.ingest.ocr.Ocr;
import org.livercast.ingest.ocr.Transcript;
import org.livercast.ingest.qc.Finding;
import org.livercast.ingest.qc.QcPolicy;
import org.livercast.ingest.store.ContentStore;
import org.livercast.pathology.analysis.QcReport;
import org.livercast.pathology.analysis.SlideQc;
import org.livercast.pathology.leica.LeicaSlide;
import org.livercast.pathology.mirax.MiraxSlide;
import org.livercast.pathology.slide.PhilipsMetadata;
import org.livercast.pathology.slide.SlideDeidentifier;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.dicom.DicomSlide;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.ndpi.NdpiTags;
import org.livercast.pathology.tiff.TiffFile;
import org.livercast.pathology.write.DeidentifiedCopy;
import org.livercast.pathology.write.PyramidCopy;

/**
 * Reads, checks and de-identifies one patient's files and table rows, storing nothing: first every identifier of the
 * patient is gathered from all sources, then each file is de-identified and checked again for any identifier left,
 * then the protocol QC decides. Every problem becomes a {@link Finding} naming the file, field and reason; any
 * rejection means the patient is stored not at all.
 */
final class PatientIngest {
    /**
     * JPEG quality for a slide level coded again on its way into the store: a DICOM level that cannot be copied tile for
     * tile (native, sparse), an NDPI level (whose restart intervals are one MCU row high, not tiles a viewer wants), a
     * TIFF level not in JPEG.
     */
    private static final float RECODED_SLIDE_QUALITY = 0.9f;
    private static final Pattern REPORT_DATE = Pattern.compile("(报告日期|检查日期|Exam date|Date)\\s*[:：]\\s*(\\d{4}-\\d{2}-\\d{2})");

    private final String centre;
    private final PseudonymKey key;
    private final ClinicalTables tables;
    private final QcPolicy policy;
    private final Path staging;
    private final Timings timings;
    private final Ocr ocr;

    /** @param ocr reads scanned and photographed reports (or {@link Ocr#OFF}) */
    PatientIngest(String centre, PseudonymKey key, ClinicalTables tables, QcPolicy policy, Path staging, Timings timings, Ocr ocr) {
        this.ocr = ocr;
        this.centre = centre;
        this.key = key;
        this.tables = tables;
        this.policy = policy;
        this.staging = staging;
        this.timings = timings;
    }

    String centre() { return centre; }

    private static boolean maybeScan(FileKind k) {
        return k == FileKind.PATHOLOGY_REPORT || k == FileKind.RADIOLOGY_REPORT || k == FileKind.OTHER;
    }

    String pseudonym(String hospitalNumber) { return key.patientPseudonym(centre, hospitalNumber); }

    /** What a patient's inputs hash to: the same export, key and rules give the same hash, so a re-run can skip it. */
    String inputSha256(String hospitalNumber, List<ExportFile> files) throws IOException {
        StringBuilder s = new StringBuilder(policy.version()).append('\n').append(key.fingerprint()).append('\n');
        s.append(tables.patientRow(hospitalNumber)).append('\n').append(tables.eventRows(hospitalNumber)).append('\n');
        s.append(tables.errorsOf(hospitalNumber)).append('\n');
        List<ExportFile> sorted = new ArrayList<>(files);
        sorted.sort(java.util.Comparator.comparing(ExportFile::relative));
        for (ExportFile f : sorted) s.append(f.relative()).append(':').append(ContentStore.sha256(f.path())).append('\n');
        // A scan is read differently with OCR than without (or by another engine): the same files are then new input.
        // Only a report or a file not otherwise ingested can be a scan: DICOM, slides and masks are not opened again.
        if (ocr.on() && sorted.stream().anyMatch(f -> maybeScan(f.kind()) && ReportText.scanned(f.path()))) s.append("ocr: ").append(ocr.describe()).append('\n');
        return ContentStore.sha256(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    PreparedPatient prepare(String hn, List<ExportFile> files, String inputSha) throws IOException {
        String pseudonym = key.patientPseudonym(centre, hn);
        List<Finding> reject = new ArrayList<>();
        List<Finding> warn = new ArrayList<>();
        Map<String, Integer> actions = new TreeMap<>();
        Map<String, String> row = tables.patientRow(hn);
        for (RowError e : tables.errorsOf(hn)) reject.add(new Finding(e.file() + ":" + e.line(), e.field(), e.reason() + (e.value() == null || e.value().isEmpty() ? "" : " (value '" + e.value() + "')")));
        if (row == null) {
            List<String> where = files.stream().map(ExportFile::relative).limit(3).toList();
            reject.add(new Finding(tables.patientsFile().getFileName().toString(), "patient_id",
                    "hospital number " + hn + " has " + (files.isEmpty() ? "events" : "files (" + String.join(", ", where) + (files.size() > 3 ? ", …" : "") + ")")
                            + " but no row in the patients table"));
        }
        LocalDate anchor = row == null ? null : tables.anchorDate(row);
        if (row != null && anchor == null) reject.add(new Finding(tables.patientsFile().getFileName().toString(), "surgery_date",
                "neither surgery_date nor screening_date is given: dates cannot be kept as offsets from surgery"));
        DateShift shift = new DateShift(anchor == null ? DateShift.ANCHOR : anchor);

        // 1. Gather every identifier of the patient before scrubbing anything.
        Identifiers ids = new Identifiers(hn);
        if (row != null) ids.birthDate(tables.date(row.get("birth_date")));
        TextScrubber scrubber = new TextScrubber(ids, pseudonym, shift, tables.dateOrder());
        Map<ExportFile, DicomFile> dicoms = new LinkedHashMap<>();
        Map<ExportFile, String> texts = new LinkedHashMap<>();
        Map<ExportFile, Transcript> transcribed = new HashMap<>();
        Map<String, List<ExportFile>> dicomSlides = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (ExportFile f : files) {
            switch (f.kind()) {
                case DICOM -> {
                    try {
                        DicomFile d = DicomReader.read(f.path());
                        if (d.truncated().isPresent()) {
                            reject.add(new Finding(f.relative(), "", "truncated DICOM: " + d.truncated().get()));
                            continue;
                        }
                        // A dynamic series in one multi-frame file is stored as one file a volume, each with its own phase.
                        List<VolumeSplit.Part> parts;
                        try {
                            parts = VolumeSplit.split(d);
                        } catch (RuntimeException notSplit) {
                            parts = List.of(new VolumeSplit.Part("", d));   // kept whole; the series step names what is wrong
                        }
                        for (VolumeSplit.Part part : parts) {
                            dicoms.put(part.label().isEmpty() ? f : new ExportFile(f.path(), f.relative() + "#" + part.label().replaceAll("[^A-Za-z0-9]+", "-"),
                                    f.kind(), f.sizeBytes(), f.hospitalNumber(), f.note()), part.file());
                        }
                        if (parts.size() > 1) actions.merge("DICOM multi-frame file split into its " + parts.size() + " volumes", 1, Integer::sum);
                        ids.name(d.string(Tag.PatientName));
                        ids.name(d.string(0x00101001));
                        ids.otherId(d.string(0x00101000));
                        ids.phone(d.string(0x00102154));
                        ids.birthDate(daDate(d.string(Tag.PatientBirthDate)));
                    } catch (RuntimeException e) {
                        reject.add(new Finding(f.relative(), "", "unreadable DICOM: " + e.getMessage()));
                    }
                }
                case DICOM_SLIDE -> {
                    // A whole-slide image's instances: one series is one slide; only headers are read here.
                    try {
                        DicomObject d = DicomHeader.read(f.path()).dataSet();
                        dicomSlides.computeIfAbsent(String.valueOf(d.string(Tag.SeriesInstanceUID)), k -> new ArrayList<>()).add(f);
                        ids.name(d.string(Tag.PatientName));
                        ids.name(d.string(0x00101001));
                        ids.otherId(d.string(0x00101000));
                        ids.otherId(d.string(0x00400512));                              // Container Identifier: the slide's barcode
                        ids.phone(d.string(0x00102154));
                        ids.birthDate(daDate(d.string(Tag.PatientBirthDate)));
                    } catch (RuntimeException e) {
                        reject.add(new Finding(f.relative(), "", "unreadable DICOM whole-slide image: " + e.getMessage()));
                    }
                }
                case SLIDE -> {
                    // An NDPI's reference is what the scanner read from the slide's barcode or the operator typed: the
                    // pathology number, at times the patient's name. An unreadable slide is named when QC opens it.
                    // A Philips TIFF's barcode is base64 in its XML, where text scrubbing would never see it.
                    // A MIRAX slide's name (what the operator typed) and barcode are in its Slidedat.ini.
                    if (MiraxSlide.is(f.path())) {
                        try {
                            MiraxSlide.identifiers(f.path()).forEach(ids::otherId);
                        } catch (IOException | RuntimeException unreadable) {
                            // named when QC opens it
                        }
                        break;
                    }
                    try (TiffFile t = TiffFile.open(f.path())) {
                        if (t.ndpi()) ids.otherId(t.ifds().get(0).text(NdpiTags.REFERENCE));
                        if (PhilipsMetadata.is(t.ifds().get(0))) ids.otherId(PhilipsMetadata.parse(t.ifds().get(0).description(), f.relative()).barcode());
                        if (LeicaSlide.is(t)) ids.otherId(LeicaSlide.barcode(t));
                    } catch (IOException | RuntimeException unreadable) {
                        // named below
                    }
                }
                case PATHOLOGY_REPORT, RADIOLOGY_REPORT -> {
                    // Chinese hospital systems still export GB18030 (GBK), and information systems print reports to PDF: read as
                    // written, stored as UTF-8 text (a PDF's images and metadata are not kept: they can carry identifiers).
                    ReportText report = ReportText.read(f.path(), ocr);
                    if (report.transcribed()) {
                        warn.add(new Finding(f.relative(), "OCR", "read " + report.readAs() + "; stored as UTF-8 text, marked as read by OCR: check it against the scan"
                                + (report.transcript().doubtful().isEmpty() ? "" : "; " + report.transcript().doubtfulWords())
                                + (report.transcript().corrections().isEmpty() ? "" : "; put back to the report's phrases: "
                                        + String.join(", ", report.transcript().corrections()))));
                        transcribed.put(f, report.transcript());
                    } else if (report.readAs() != null) {
                        warn.add(new Finding(f.relative(), "encoding", "read " + report.readAs() + "; stored as UTF-8 text"));
                    }
                    String text = report.text();
                    texts.put(f, text);
                    scrubber.learnFrom(text);
                }
                default -> { }
            }
        }
        timings.add("read and parse", t0);

        List<Staged> staged = new ArrayList<>();
        // 2. MRI: assemble series (decodes every slice), identify phases, de-identify each file.
        List<String> phasesFound = new ArrayList<>();
        List<String> phasesMissing = new ArrayList<>();
        String studyUid = null;
        if (!dicoms.isEmpty()) {
            long t1 = System.nanoTime();
            // By file: the phases of a dynamic acquisition written as one series share its Series Instance UID.
            Map<String, String> phaseOfFile = new HashMap<>();
            try {
                // A series that is no volume (a three-plane localizer, a dose report, a series with a slice missing) is
                // named in a warning and stored as it came; the exam is made of the others.
                Map<String, String> relativeOf = new HashMap<>();
                dicoms.forEach((file, d) -> relativeOf.put(d.path(), file.relative()));
                Assembly assembly = Assembly.of(List.copyOf(dicoms.values()));
                for (Assembly.Unusable u : assembly.unusable()) {
                    warn.add(new Finding(relativeOf.getOrDefault(u.firstFile(), u.firstFile()), "series",
                            "series " + (u.description() == null ? u.seriesInstanceUid() : "'" + u.description() + "'") + " (" + u.files()
                                    + (u.files() == 1 ? " file" : " files") + ") is not a volume and is not used: " + u.reason()));
                }
                if (assembly.series().isEmpty()) throw new IllegalArgumentException("no series is a volume (" + assembly.unusable().size() + " series, each named in a warning)");
                List<DicomSeries> series = assembly.series();
                LiverExam exam = LiverExam.of(series, new PhaseIdentifier(PhaseMapping.none()));
                for (LiverExam.Entry e : exam.series()) {
                    for (DicomFile f : e.series().slices()) phaseOfFile.put(f.path(), e.phase().phase().id());
                }
                exam.phases().forEach(p -> phasesFound.add(p.id()));
                if (policy.requireMri()) exam.missing(policy.requiredPhases()).forEach(p -> phasesMissing.add(p.id()));
            } catch (RuntimeException e) {
                reject.add(new Finding(files.stream().filter(f -> f.kind() == FileKind.DICOM).findFirst().map(ExportFile::relative).orElse(""),
                        "series", "MRI not usable: " + e.getMessage()));
            }
            timings.add("MRI series and phases", t1);
            if (!phasesMissing.isEmpty()) reject.add(new Finding("imaging", "phases", "required MRI phases missing: " + String.join(", ", phasesMissing)));
            long t2 = System.nanoTime();
            for (var e : dicoms.entrySet()) {
                DicomDeidentifier.Result r = DicomDeidentifier.deidentify(e.getValue(),
                        new DicomDeidentifier.Plan(pseudonym, key::uid, shift.days(), scrubber));
                r.actions().forEach((k, v) -> actions.merge("DICOM " + k, v, Integer::sum));
                if (r.burnedIn()) reject.add(new Finding(e.getKey().relative(), "(0028,0301)", "burned-in annotation: " + r.burnedInReason()
                        + "; pixels would need cleaning before release"));
                List<String> left = scrubber.leftovers(new String(r.bytes(), 0, headerLength(r.bytes()), StandardCharsets.UTF_8));
                if (!left.isEmpty()) reject.add(new Finding(e.getKey().relative(), "", "identifiers survive de-identification: " + left));
                studyUid = r.studyUid();
                String phase = phaseOfFile.get(e.getValue().path());
                staged.add(new Staged(FileKind.DICOM, e.getKey().relative(), r.bytes(), null, r.seriesUid(), phase, Map.of()));
            }
            timings.add("DICOM de-identification", t2);
        } else if (policy.requireMri()) {
            reject.add(new Finding("imaging", "", "no MRI for this patient, while the export carries MRI for others"));
        }

        // 3. Slides: QC on the original, then a de-identified copy that must still open, without label or macro. A DICOM
        // whole-slide series is stored as a tiled TIFF of its own pyramid (its JPEG frames copied), and so is an NDPI
        // (coded again), so every reader of the store sees one slide format.
        List<PreparedPatient.SlideQc> slideQc = new ArrayList<>();
        List<Slide> slides = new ArrayList<>();
        SlideSink sink = new SlideSink(reject, warn, actions, slideQc, slides, staged, scrubber);
        for (ExportFile f : files) {
            if (f.kind() != FileKind.SLIDE) continue;
            prepareSlide(f.relative(), stem(f.path()).replace(hn, pseudonym), () -> Slides.open(f.path()), out -> {
                try (WholeSlide s = Slides.open(f.path())) {
                    return DeidentifiedCopy.write(s, f.path(), out, scrubber, RECODED_SLIDE_QUALITY);
                }
            }, sink);
        }
        int rank = 0;
        for (List<ExportFile> series : dicomSlides.values()) {
            rank++;
            List<Path> paths = series.stream().map(ExportFile::path).toList();
            Path folder = paths.get(0).getParent();
            String relative = series.get(0).relative();
            String where = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/') + 1) : relative;
            String name = folder == null ? "" : folder.getFileName().toString();
            // The folder names the slide when it carries the hospital number; otherwise (a PACS's UID folders, an
            // accession number) the slide is named by pseudonym and rank.
            String slideId = name.contains(hn) ? name.replace(hn, pseudonym) : pseudonym + "-WSI" + rank;
            prepareSlide(where, slideId, () -> DicomSlide.open(paths), out -> {
                try (DicomSlide s = DicomSlide.open(paths)) {
                    PyramidCopy.Result copy = PyramidCopy.write(s, out, RECODED_SLIDE_QUALITY);
                    Map<String, Integer> done = new TreeMap<>();
                    done.put("DICOM whole-slide image stored as tiled TIFF (" + series.size() + " instances; " + copy.levelsCopied()
                            + " levels' frames copied, " + copy.levelsCodedAgain() + " coded again)", 1);
                    if (!s.associatedImages().isEmpty()) done.put("DICOM slide label/overview images not stored", s.associatedImages().size());
                    return done;
                }
            }, sink);
        }
        if (policy.requireSlides() && slideQc.isEmpty()) {
            reject.add(new Finding("slides", "", "no readable H&E slide for this patient, while the export carries slides for others"));
        } else if (policy.rejectFailedSlides() && !slideQc.isEmpty() && slideQc.stream().noneMatch(PreparedPatient.SlideQc::accepted)) {
            reject.add(new Finding("slides", "slide QC", "no slide passes QC (" + slideQc.size() + " failed): P4 excludes faded, folded,"
                    + " blurred slides and slides with too little tissue"));
        }

        // 4. Reports and masks.
        List<Report> reports = new ArrayList<>();
        for (var e : texts.entrySet()) {
            Transcript t = transcribed.get(e.getKey());
            // An identifier OCR misread by a character is caught too; what cannot be told from a word stays a word.
            String clean = t != null ? scrubber.applyToTranscript(e.getValue()) : scrubber.apply(e.getValue());
            List<String> left = scrubber.leftovers(clean);
            if (!left.isEmpty()) reject.add(new Finding(e.getKey().relative(), "", "identifiers survive de-identification: " + left));
            byte[] bytes = clean.getBytes(StandardCharsets.UTF_8);
            staged.add(new Staged(e.getKey().kind(), e.getKey().relative(), bytes, null, null, null, Map.of()));
            Matcher m = REPORT_DATE.matcher(org.livercast.core.io.ChineseScript.simplified(clean));
            LocalDate d = m.find() ? date(m.group(2)) : null;
            boolean chinese = clean.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            reports.add(new Report(e.getKey().kind() == FileKind.PATHOLOGY_REPORT ? Report.Kind.PATHOLOGY : Report.Kind.RADIOLOGY, d,
                    chinese ? "zh" : "en", clean, t == null ? null : t.readAs()));
        }
        for (ExportFile f : files) {
            if (f.kind() != FileKind.MASK) continue;
            try {
                NiftiImage img = NiftiReader.read(f.path());
                Path out = Files.createTempFile(staging, "mask-", ".nii.gz");
                NiftiWriter.write(img.dims(), img.data(), img.zooms(), img.affineRas(), out, "");
                staged.add(new Staged(FileKind.MASK, f.relative(), Files.readAllBytes(out), null, null, null, Map.of()));
                Files.delete(out);
                actions.merge("NIfTI header rewritten", 1, Integer::sum);
            } catch (IOException | RuntimeException ex) {
                reject.add(new Finding(f.relative(), "", "unreadable NIfTI mask: " + ex.getMessage()));
            }
        }
        for (ExportFile f : files) if (f.kind() == FileKind.OTHER) warn.add(new Finding(f.relative(), "", "not ingested: " + f.note()));

        // 5. The clinical record, de-identified, with the files' facts attached.
        PatientRecord record = null;
        List<String> fieldsMissing = new ArrayList<>();
        if (row != null && anchor != null && tables.errorsOf(hn).isEmpty()) {
            byte[][] csv = tables.deidentified(hn, pseudonym, centre, shift, scrubber);
            ClinicalData data = ClinicalCsv.read("patients.csv (de-identified)", new ByteArrayInputStream(csv[0]), "events.csv (de-identified)",
                    csv[1] == null ? null : new ByteArrayInputStream(csv[1]));
            for (RowError e : data.errors()) reject.add(new Finding(e.file(), e.field(), e.reason()));
            if (!data.records().isEmpty()) record = withFiles(data.records().get(0), slides, reports, studyUid);
            Map<String, String> deRow = tables.deidentifiedRow(csv[0]);
            for (String field : policy.requiredFields()) {
                if (deRow.getOrDefault(field, "").isBlank()) fieldsMissing.add(field);
            }
            if (!fieldsMissing.isEmpty()) reject.add(new Finding(tables.patientsFile().getFileName().toString(), String.join(", ", fieldsMissing),
                    "required clinical fields missing"));
            staged.add(new Staged(FileKind.PATIENTS_TABLE, "patients table row", csv[0], null, null, null, Map.of()));
            if (csv[1] != null) staged.add(new Staged(FileKind.EVENTS_TABLE, "events table rows", csv[1], null, null, null, Map.of()));
            scrubber.counts().forEach((k, v) -> actions.merge("text " + k, v, Integer::sum));
        }
        if (record == null && reject.isEmpty()) reject.add(new Finding(tables.patientsFile().getFileName().toString(), "", "no usable clinical record"));
        PreparedPatient.Summary summary = new PreparedPatient.Summary(phasesFound, phasesMissing, slideQc, dicoms.size(), texts.size(), fieldsMissing);
        return new PreparedPatient(hn, pseudonym, inputSha, record, staged, reject, warn, summary, actions);
    }

    /** Where a patient's slides, their QC and findings go while the patient is prepared. */
    private record SlideSink(List<Finding> reject, List<Finding> warn, Map<String, Integer> actions, List<PreparedPatient.SlideQc> qc,
                             List<Slide> slides, List<Staged> staged, TextScrubber scrubber) {}

    private interface SlideOpener {
        WholeSlide open() throws IOException;
    }

    private interface SlideCopier {
        /** Writes the de-identified copy to {@code out}; returns what was done, counted. */
        Map<String, Integer> copy(Path out) throws IOException;
    }

    /** One slide: QC on the original, then the de-identified copy, which must open without label or macro. */
    private void prepareSlide(String relative, String slideId, SlideOpener opener, SlideCopier copier, SlideSink sink) throws IOException {
        long t3 = System.nanoTime();
        QcReport qc;
        try (WholeSlide s = opener.open()) {
            qc = SlideQc.assess(s);
            s.readTile(0, 0, 0);
        } catch (IOException | RuntimeException e) {
            sink.reject().add(new Finding(relative, "", "unreadable slide: " + e.getMessage()));
            return;
        } finally {
            timings.add("slide QC", t3);
        }
        sink.qc().add(new PreparedPatient.SlideQc(relative, qc.accepted(), qc.reasons(), qc.tissueAreaMm2()));
        if (!qc.accepted()) sink.warn().add(new Finding(relative, "slide QC", String.join("; ", qc.reasons())));
        long t4 = System.nanoTime();
        Path out = Files.createTempFile(staging, "slide-", ".svs");
        try {
            copier.copy(out).forEach((k, v) -> sink.actions().merge("slide " + k, v, Integer::sum));
            try (TiffSlide check = TiffSlide.open(out)) {
                if (check.associatedImages().stream().anyMatch(SlideDeidentifier.ASSOCIATED_REMOVED::contains)) {
                    sink.reject().add(new Finding(relative, "associated images", "label or macro still present after removal"));
                }
                check.properties().forEach((k, v) -> {
                    if (!sink.scrubber().leftovers(v).isEmpty()) sink.reject().add(new Finding(relative, k, "identifiers survive in slide metadata"));
                });
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            sink.reject().add(new Finding(relative, "", "slide could not be de-identified: " + e.getMessage()));
            return;
        } finally {
            timings.add("slide de-identification", t4);
        }
        String sha = ContentStore.sha256(out);
        sink.staged().add(new Staged(FileKind.SLIDE, relative, null, out, null, null, Map.of("slide_id", slideId, "qc_accepted", qc.accepted(),
                "qc_reasons", qc.reasons(), "tissue_area_mm2", qc.tissueAreaMm2())));
        sink.slides().add(new Slide(slideId, "HE", sha, qc.accepted()));
    }

    private static PatientRecord withFiles(PatientRecord r, List<Slide> slides, List<Report> reports, String studyUid) {
        List<ImagingStudy> imaging = r.imaging();
        if (studyUid != null && !imaging.isEmpty()) {
            ImagingStudy first = imaging.get(0);
            List<ImagingStudy> copy = new ArrayList<>(imaging);
            copy.set(0, new ImagingStudy(studyUid, first.date(), first.modality(), first.contrastEnhanced(), first.quality(), first.phases(), first.series()));
            imaging = copy;
        }
        return new PatientRecord(r.patient(), imaging, r.treatment(), r.pathology(), slides.isEmpty() ? r.slides() : slides, reports, r.events());
    }

    /** The bytes before Pixel Data (7FE0,0010): where identifiers could be; pixel bytes would only give false alarms. */
    private static int headerLength(byte[] b) {
        for (int i = 132; i + 4 <= b.length; i++) {
            if (b[i] == (byte) 0xE0 && b[i + 1] == 0x7F && b[i + 2] == 0x10 && b[i + 3] == 0x00) return i;
        }
        return b.length;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.indexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static LocalDate date(String v) { return org.livercast.core.io.ClinicalDates.orNull(v); }

    private static LocalDate daDate(String v) {
        if (v == null || v.length() < 8) return null;
        try {
            return LocalDate.parse(v.substring(0, 8), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
