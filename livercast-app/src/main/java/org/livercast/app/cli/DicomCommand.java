package org.livercast.app.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.exam.LiverExam;
import org.livercast.imaging.exam.PhaseIdentifier;
import org.livercast.imaging.exam.PhaseMapping;
import org.livercast.imaging.nifti.NiftiWriter;
import org.livercast.imaging.series.Assembly;
import org.livercast.imaging.series.DicomSeries;
import org.livercast.imaging.series.ImageVolume;
import org.livercast.imaging.series.SeriesAssembler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livercast dicom info|to-nifti}. */
@Command(name = "dicom", mixinStandardHelpOptions = true, description = "Read DICOM exams.",
        subcommands = {DicomCommand.Info.class, DicomCommand.ToNifti.class})
final class DicomCommand {
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Summarise the DICOM files under DIR (found by content): studies, series, geometry, phase and the "
                    + "phases protocol P2 requires that are missing.")
    static final class Info extends Leaf {
        @Parameters(paramLabel = "DIR", description = "Folder of DICOM files (searched recursively).")
        Path dir;

        @Option(names = "--mapping", paramLabel = "FILE", description = "Centre phase-naming file (JSON).")
        Path mapping;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            if (!Files.isDirectory(dir)) throw new java.nio.file.NoSuchFileException(dir.toString());
            Assembly assembly = Assembly.ofDirectory(dir);
            List<DicomSeries> all = assembly.series();
            if (all.isEmpty() && assembly.unusable().isEmpty()) throw new NotFoundException("no DICOM image series under " + dir);
            if (all.isEmpty()) {
                throw new NotFoundException("no DICOM series under " + dir + " is a volume: " + assembly.unusable().stream()
                        .map(u -> u.firstFile() + ": " + u.reason()).toList());
            }
            PhaseIdentifier identifier = new PhaseIdentifier(mapping == null ? PhaseMapping.none() : PhaseMapping.read(mapping));
            Map<String, List<DicomSeries>> byStudy = new LinkedHashMap<>();
            all.forEach(s -> byStudy.computeIfAbsent(String.valueOf(s.studyInstanceUid()), k -> new ArrayList<>()).add(s));
            List<Map<String, Object>> studies = new ArrayList<>();
            for (var e : byStudy.entrySet()) {
                LiverExam exam = LiverExam.of(e.getValue(), identifier);
                List<Map<String, Object>> series = new ArrayList<>();
                for (LiverExam.Entry en : exam.series()) {
                    ImageVolume v = en.series().volume();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("seriesInstanceUid", en.series().seriesInstanceUid());
                    m.put("seriesNumber", en.series().attribute(Tag.SeriesNumber));
                    m.put("description", en.series().description());
                    m.put("modality", en.series().modality());
                    m.put("transferSyntax", en.series().first().transferSyntaxUid());
                    m.put("sopClass", en.series().attribute(Tag.SOPClassUID));
                    // A file a slice, or one multi-frame (Enhanced) file holding every slice as a frame.
                    m.put("files", en.series().slices().size());
                    m.put("size", new int[] {v.nx(), v.ny(), v.nz()});
                    m.put("spacingMm", v.spacing());
                    m.put("phase", en.phase().phase().id());
                    m.put("phaseEvidence", en.phase().evidence());
                    m.put("warnings", en.series().warnings());
                    series.add(m);
                }
                Map<String, Object> study = new LinkedHashMap<>();
                study.put("studyInstanceUid", e.getKey());
                study.put("frameOfReferenceUid", exam.frameOfReferenceUid());
                study.put("series", series);
                study.put("phasesFound", exam.phases().stream().map(p -> p.id()).toList());
                study.put("missingForP2", exam.missing(LiverExam.P2_REQUIRED).stream().map(p -> p.id()).toList());
                studies.add(study);
            }
            if (json) {
                out().println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                        .writeValueAsString(Map.of("studies", studies, "notVolumes", assembly.unusable())));
                return ExitCodes.OK;
            }
            for (Map<String, Object> st : studies) {
                out().println("study " + st.get("studyInstanceUid"));
                for (Object o : (List<?>) st.get("series")) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    int[] size = (int[]) m.get("size");
                    double[] sp = (double[]) m.get("spacingMm");
                    int files = (Integer) m.get("files");
                    String storage = files == 1 && size[2] > 1 ? "1 multi-frame file" : files + (files == 1 ? " file" : " files");
                    out().printf("  #%-4s %-36s %-3s %3dx%3dx%3d  %.3fx%.3fx%.3f mm  %-18s %-14s %s%n", m.get("seriesNumber"), m.get("description"),
                            m.get("modality"), size[0], size[1], size[2], sp[0], sp[1], sp[2], storage, m.get("phase"), m.get("phaseEvidence"));
                }
                out().println("  phases: " + st.get("phasesFound") + "; missing for P2: " + st.get("missingForP2"));
            }
            for (Assembly.Unusable u : assembly.unusable()) {
                if (u.seriesInstanceUid() == null && u.description() == null) {
                    out().printf("not read: %s: %s%n", u.firstFile(), u.reason());
                    continue;
                }
                out().printf("not a volume: %s (%d %s, %s): %s%n", u.description() == null ? u.seriesInstanceUid() : "'" + u.description() + "'",
                        u.files(), u.files() == 1 ? "file" : "files", u.firstFile(), u.reason());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "to-nifti", mixinStandardHelpOptions = true,
            description = "Write a DICOM series as NIfTI-1 (.nii or .nii.gz) with the correct voxel-to-RAS affine (sform and qform).")
    static final class ToNifti extends Leaf {
        @Parameters(index = "0", paramLabel = "DIR", description = "Folder holding the series.")
        Path dir;

        @Parameters(index = "1", paramLabel = "OUT", description = "Output .nii or .nii.gz.")
        Path out;

        @Option(names = "--series", paramLabel = "UID", description = "Which series, when the folder holds several.")
        String seriesUid;

        @Override
        public Integer call() throws IOException {
            if (!Files.isDirectory(dir)) throw new java.nio.file.NoSuchFileException(dir.toString());
            List<DicomSeries> all = SeriesAssembler.readDirectory(dir);
            List<DicomSeries> chosen = seriesUid == null ? all : all.stream().filter(s -> s.seriesInstanceUid().equals(seriesUid)).toList();
            if (chosen.isEmpty()) throw new NotFoundException("no series " + (seriesUid == null ? "" : seriesUid + " ") + "under " + dir);
            if (chosen.size() > 1) {
                throw new NotFoundException(dir + " holds " + chosen.size() + " series; pick one with --series: "
                        + chosen.stream().map(s -> s.seriesInstanceUid() + " (" + s.description() + ")").toList());
            }
            DicomSeries s = chosen.get(0);
            NiftiWriter.write(s.volume(), out, s.description());
            ImageVolume v = s.volume();
            out().printf("wrote %s: %dx%dx%d voxels of %.3fx%.3fx%.3f mm from series %s%n", out, v.nx(), v.ny(), v.nz(), v.spacing()[0],
                    v.spacing()[1], v.spacing()[2], s.seriesInstanceUid());
            return ExitCodes.OK;
        }
    }
}
