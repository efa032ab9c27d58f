package org.livercast.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.io.ClinicalData;
import org.livercast.core.model.Phase;
import org.livercast.imaging.exam.LiverExam;
import org.livercast.imaging.exam.PhaseIdentifier;
import org.livercast.imaging.exam.PhaseMapping;
import org.livercast.imaging.nifti.NiftiReader;
import org.livercast.imaging.series.SeriesAssembler;
import org.livercast.pathology.slide.TiffSlide;

/** A small generated cohort: every file opens in the project's readers and the field's own tools, and matches the truth. */
class GeneratedFilesTest {
    @TempDir
    static Path dir;

    static CohortGenerator.Summary summary;

    @BeforeAll
    static void generate() throws Exception {
        summary = CohortGenerator.generate(new CohortGenerator.Options(6, 2, 99, dir, LocalDate.of(2026, 6, 30), true, true, 2), s -> { });
    }

    @Test
    void clinicalExportsParseAndAreKeyedByHospitalNumber() throws Exception {
        for (String c : List.of("centre-01", "centre-02")) {
            ClinicalData d = ClinicalCsv.read(dir.resolve(c).resolve("clinical/patients.csv"), dir.resolve(c).resolve("clinical/events.csv"));
            assertThat(d.errors()).isEmpty();
            assertThat(d.records()).hasSize(3);
            assertThat(d.records()).allSatisfy(r -> assertThat(r.id()).matches("C0[12]\\d{8}"));
        }
        assertThat(Files.readString(dir.resolve("truth/truth.csv"))).contains("p_aggressive_2y").contains("rfs3y_tace_systemic");
        assertThat(Files.readAllLines(dir.resolve("truth/identifiers.csv"))).hasSize(1 + 6 * 6);
    }

    @Test
    void mriExamsAssembleWithTheirPhasesAndMasks() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("centre-01/imaging"))) {
            Path patient = s.sorted().findFirst().orElseThrow();
            LiverExam exam = LiverExam.of(SeriesAssembler.readDirectory(patient), new PhaseIdentifier(PhaseMapping.none()));
            assertThat(exam.phases()).contains(Phase.NON_CONTRAST, Phase.ARTERIAL, Phase.PORTAL_VENOUS);
            var mask = NiftiReader.read(patient.resolve("tumour_mask.nii.gz"));
            double voxels = 0;
            for (float v : mask.data()) voxels += v;
            assertThat(voxels).isPositive();
            // The tumour enhances in the arterial phase: brighter than in the non-contrast phase inside the mask.
            var art = exam.series(Phase.ARTERIAL).orElseThrow().volume();
            var pre = exam.series(Phase.NON_CONTRAST).orElseThrow().volume();
            double a = 0;
            double p = 0;
            for (int i = 0; i < mask.data().length; i++) {
                if (mask.data()[i] > 0) {
                    a += art.voxels()[i];
                    p += pre.voxels()[i];
                }
            }
            assertThat(a).isGreaterThan(p);
            assertThat(exam.series().get(0).series().first().string(org.livercast.imaging.dicom.Tag.PatientName)).contains("^");
        }
    }

    /**
     * Centre 1's scanner writes a file a slice; centre 2's one Enhanced MR file for the pre-contrast and dynamic phases,
     * a temporal position each of 20 frames.
     */
    @Test
    void dicomOpensInDcmtkAndPydicom() throws Exception {
        for (String centre : List.of("centre-01", "centre-02")) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir.resolve(centre + "/imaging"))) {
                files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
            }
            Path file = files.get(0);
            boolean enhanced = centre.equals("centre-02");
            assertThat(file.getFileName().toString()).isEqualTo(enhanced ? "enhanced_mr.dcm" : "IM000001.dcm");
            assertThat(file.getParent().getFileName().toString()).isEqualTo(enhanced ? "01_dynamic" : "01_non_contrast");
            if (Files.isExecutable(Path.of("/usr/bin/dcmdump"))) assertThat(run("/usr/bin/dcmdump", "+E", file.toString())).isZero();
            if (Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/pydicom"))) {
                String check = enhanced
                        ? "a = d.pixel_array; tps = {f.FrameContentSequence[0].TemporalPositionIndex for f in d.PerFrameFunctionalGroupsSequence}; "
                          + "assert a.shape[1:] == (96, 96) and a.shape[0] == 20 * len(tps) and len(tps) >= 3, (a.shape, tps); "
                          + "assert d.SOPClassUID == '1.2.840.10008.5.1.4.1.1.4.1'"
                        : "assert d.pixel_array.shape == (96, 96); assert d.SOPClassUID == '1.2.840.10008.5.1.4.1.1.4'";
                assertThat(run("/usr/bin/python3", "-W", "error", "-c", "import pydicom,sys; d=pydicom.dcmread(sys.argv[1]); " + check, file.toString())).isZero();
            }
        }
    }

    @Test
    void slidesOpenWithLabelsThatCarryTheName() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("centre-01/slides"))) {
            Path svs = s.sorted().findFirst().orElseThrow();
            try (TiffSlide slide = TiffSlide.open(svs)) {
                assertThat(slide.properties().get("openslide.vendor")).isEqualTo("aperio");
                assertThat(slide.micronsPerPixel()).isEqualTo(0.5);
                assertThat(slide.associatedImages()).contains("label", "macro", "thumbnail");
            }
            if (Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/openslide"))) {
                assertThat(run("/usr/bin/python3", "-c", "import openslide,sys; s=openslide.OpenSlide(sys.argv[1]); assert 'label' in s.associated_images", svs.toString())).isZero();
            }
        }
        assertThat(summary.slides()).isEqualTo(6);
    }

    @Test
    void reportsStateWhatThePathologyTableSays() throws Exception {
        ClinicalData d = ClinicalCsv.read(dir.resolve("centre-02/clinical/patients.csv"), null);
        for (var r : d.records()) {
            String report = Files.readString(dir.resolve("centre-02/reports/" + r.id() + "_pathology.txt"));
            assertThat(report).contains(r.id());  // the hospital number sits in the header, to be scrubbed on ingest
            if (r.pathology().mvi() != null) assertThat(report).contains(r.pathology().mvi().name());
        }
    }

    @Test
    void sameSeedSameCohort(@TempDir Path other) throws Exception {
        CohortGenerator.generate(new CohortGenerator.Options(6, 2, 99, other, LocalDate.of(2026, 6, 30), false, false, 1), s -> { });
        assertThat(Files.readString(other.resolve("truth/truth.csv"))).isEqualTo(Files.readString(dir.resolve("truth/truth.csv")));
        assertThat(Files.readString(other.resolve("centre-01/clinical/events.csv"))).isEqualTo(Files.readString(dir.resolve("centre-01/clinical/events.csv")));
        Oracle.Report r = Oracle.compute(other);
        assertThat(r.hccPatients()).isPositive();
        assertThat(r.valueBest()).isGreaterThanOrEqualTo(r.valueObserved());
    }

    /**
     * The slides' local findings are where truth/slide-regions.csv says, as many as the pathology grades them (MVI M1:
     * 1–3 invaded vessels, M2: 6–9; lymphoid aggregates by immune infiltration; three uninvolved vessels on every slide),
     * and look like what they are at level 0.
     */
    @Test
    void slidesShowTheirFindingsWhereTheTruthSaysTheyAre() throws Exception {
        java.util.Map<String, List<String[]>> regions = new java.util.HashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("truth/slide-regions.csv"));
        assertThat(lines.get(0)).isEqualTo("patient_id,hospital_number,kind,x_px,y_px,radius_px");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            regions.computeIfAbsent(f[1], k -> new java.util.ArrayList<>()).add(f);
        }
        java.util.Map<String, String> artefacts = new java.util.HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("truth/slides.csv")).subList(1, 7)) artefacts.put(line.split(",")[1].replace("-HE1.svs", ""), line.split(",")[2]);
        int checkedPixels = 0;
        for (String c : List.of("centre-01", "centre-02")) {
            ClinicalData d = ClinicalCsv.read(dir.resolve(c).resolve("clinical/patients.csv"), dir.resolve(c).resolve("clinical/events.csv"));
            for (var r : d.records()) {
                List<String[]> mine = regions.getOrDefault(r.id(), List.of());
                long invaded = mine.stream().filter(x -> x[2].equals("invaded_vessel")).count();
                long aggregates = mine.stream().filter(x -> x[2].equals("lymphoid_aggregate")).count();
                assertThat(mine.stream().filter(x -> x[2].equals("vessel")).count()).as(r.id()).isEqualTo(3);
                assertThat(aggregates).as(r.id()).isIn(0L, 2L, 6L);
                var mvi = r.pathology().mvi();
                if (mvi == null || mvi == org.livercast.core.model.MviGrade.M0) assertThat(invaded).as(r.id()).isZero();
                else if (mvi == org.livercast.core.model.MviGrade.M1) assertThat(invaded).as(r.id()).isBetween(1L, 3L);
                else assertThat(invaded).as(r.id()).isBetween(6L, 9L);
                if (!"none".equals(artefacts.get(r.id()))) continue;     // a fold, pen or fading repaints the findings
                try (TiffSlide slide = TiffSlide.open(dir.resolve(c).resolve("slides").resolve(r.id() + "-HE1.svs"))) {
                    for (String[] region : mine) {
                        var patch = slide.readRegion(new org.livercast.pathology.slide.RegionRequest(0, Long.parseLong(region[3]) - 12, Long.parseLong(region[4]) - 12, 24, 24));
                        double red = 0, blue = 0, luminance = 0;
                        for (int px : patch.pixels()) {
                            red += (px >> 16 & 0xFF) / 576.0;
                            blue += (px & 0xFF) / 576.0;
                            luminance += (0.299 * (px >> 16 & 0xFF) + 0.587 * (px >> 8 & 0xFF) + 0.114 * (px & 0xFF)) / 576.0;
                        }
                        String what = r.id() + " " + region[2] + " at " + region[3] + "," + region[4];
                        switch (region[2]) {
                            case "lymphoid_aggregate" -> assertThat(red).as(what).isLessThan(90);              // packed dark lymphocytes
                            case "invaded_vessel" -> assertThat(luminance).as(what).isLessThan(150);           // a tumour embolus
                            default -> assertThat(luminance).as(what).isGreaterThan(180);                      // a lumen, necrosis: pale
                        }
                        if (region[2].equals("lymphoid_aggregate")) assertThat(blue - red).as(what).isGreaterThan(30);
                        checkedPixels++;
                    }
                }
            }
        }
        assertThat(checkedPixels).isGreaterThanOrEqualTo(9);
    }

    /** A sample of slides: the first patients, alternating between centres, with the rest of the cohort as with every slide. */
    @Test
    void slidesForTheFirstPatientsOnly(@TempDir Path other) throws Exception {
        var summary = CohortGenerator.generate(new CohortGenerator.Options(6, 2, 99, other, LocalDate.of(2026, 6, 30), false, true, 2)
                .withSlidePatients(2), s -> { });
        assertThat(summary.slides()).isEqualTo(2);
        try (var a = Files.list(other.resolve("centre-01/slides")); var b = Files.list(other.resolve("centre-02/slides"))) {
            assertThat(a.count()).isEqualTo(1);
            assertThat(b.count()).isEqualTo(1);
        }
        assertThat(Files.readAllLines(other.resolve("truth/slides.csv"))).hasSize(3);  // a header and the two slides
        assertThat(Files.readString(other.resolve("truth/truth.csv"))).isEqualTo(Files.readString(dir.resolve("truth/truth.csv")));
        assertThat(Files.readString(other.resolve("centre-02/clinical/patients.csv")))
                .isEqualTo(Files.readString(dir.resolve("centre-02/clinical/patients.csv")));
    }

    /**
     * Slides as a digital-pathology PACS exports them (`--slides-as by-centre`): the second centre's are DICOM
     * whole-slide series that dciodvfy accepts, carrying the patient's identifiers (what ingest must remove) and giving
     * the pixels of the SVS the same seed writes; the first centre's stay SVS.
     */
    @Test
    void slidesByCentreAreDicomSeriesWithTheSvssPixels(@TempDir Path other) throws Exception {
        CohortGenerator.generate(new CohortGenerator.Options(6, 2, 99, other, LocalDate.of(2026, 6, 30), false, true, 2)
                .withSlideFormat(SlideFormat.BY_CENTRE), s -> { });
        try (var a = Files.list(other.resolve("centre-01/slides")); var b = Files.list(other.resolve("centre-02/slides"))) {
            assertThat(a.map(p -> p.getFileName().toString()).toList()).allMatch(n -> n.endsWith("-HE1.svs"));
            assertThat(b.toList()).isNotEmpty().allMatch(Files::isDirectory);
        }
        List<String> logged = Files.readAllLines(other.resolve("truth/slides.csv"));
        assertThat(logged.stream().filter(l -> l.contains("-HE1/,"))).isNotEmpty();
        ClinicalData d = ClinicalCsv.read(other.resolve("centre-02/clinical/patients.csv"), other.resolve("centre-02/clinical/events.csv"));
        String mrn = d.records().get(0).id();
        Path series = other.resolve("centre-02/slides").resolve(mrn + "-HE1");
        Path svs = dir.resolve("centre-02/slides").resolve(mrn + "-HE1.svs");
        try (var dicom = org.livercast.pathology.dicom.DicomSlide.open(series); TiffSlide tiff = TiffSlide.open(svs)) {
            assertThat(dicom.associatedImages()).containsExactly("label", "macro");
            assertThat(dicom.levels()).hasSameSizeAs(tiff.levels());
            for (int[] t : new int[][] {{0, 0}, {5, 3}, {10, 7}}) {
                assertThat(dicom.readTile(0, t[0], t[1]).pixels()).as("tile %d,%d", t[0], t[1]).isEqualTo(tiff.readTile(0, t[0], t[1]).pixels());
            }
            assertThat(dicom.attributes(0).string(org.livercast.imaging.dicom.Tag.PatientID)).isEqualTo(mrn);
            assertThat(dicom.attributes(0).string(0x00400512)).matches("P\\d{4}-\\d{5} A1");
        }
        if (Files.isExecutable(Path.of("/usr/bin/dciodvfy"))) {
            Process p = new ProcessBuilder("/usr/bin/dciodvfy", series.resolve("level-0.dcm").toString()).redirectErrorStream(true).start();
            String report = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(report).isEmpty();
        }
    }

    /**
     * Slides as a NanoZoomer writes them (`--slides-as ndpi`, and the third centre of `by-centre`): NDPI files that
     * OpenSlide reads as Hamamatsu, with the levels of the SVS the same seed writes and its pixels within JPEG's loss,
     * and the reference the operator typed (pathology number and surname) — what ingest must not store.
     */
    @Test
    void ndpiSlidesHaveTheSvssLevelsAndPixels(@TempDir Path other) throws Exception {
        assertThat(SlideFormat.BY_CENTRE.formatFor("C03")).isEqualTo(SlideFormat.NDPI);
        assertThat(SlideFormat.BY_CENTRE.formatFor("C08")).isEqualTo(SlideFormat.DICOM);
        assertThat(SlideFormat.BY_CENTRE.formatFor("C04")).isEqualTo(SlideFormat.PHILIPS);
        assertThat(SlideFormat.BY_CENTRE.formatFor("C05")).isEqualTo(SlideFormat.MIRAX);
        assertThat(SlideFormat.BY_CENTRE.formatFor("C06")).isEqualTo(SlideFormat.VENTANA);
        assertThat(SlideFormat.BY_CENTRE.formatFor("C07")).isEqualTo(SlideFormat.SVS);
        CohortGenerator.generate(new CohortGenerator.Options(6, 2, 99, other, LocalDate.of(2026, 6, 30), false, true, 2)
                .withSlideFormat(SlideFormat.NDPI), s -> { });
        ClinicalData d = ClinicalCsv.read(other.resolve("centre-01/clinical/patients.csv"), other.resolve("centre-01/clinical/events.csv"));
        String mrn = d.records().get(0).id();
        Path ndpi = other.resolve("centre-01/slides").resolve(mrn + "-HE1.ndpi");
        Path svs = dir.resolve("centre-01/slides").resolve(mrn + "-HE1.svs");
        try (var n = org.livercast.pathology.ndpi.NdpiSlide.open(ndpi); TiffSlide tiff = TiffSlide.open(svs)) {
            // the SVS's levels, then (as OpenSlide gives them) the smallest at 1/2, 1/4 and 1/8 by the JPEG decoder's scaled DCT
            assertThat(n.levels().stream().limit(tiff.levels().size()).map(l -> l.width() + "x" + l.height()).toList())
                    .isEqualTo(tiff.levels().stream().map(l -> l.width() + "x" + l.height()).toList());
            assertThat(n.levels()).hasSize(tiff.levels().size() + 3);
            assertThat(n.associatedImages()).containsExactly("macro");
            assertThat(n.properties().get("hamamatsu.Reference")).matches("P\\d{4}-\\d{5} A1 \\S+");
            var region = new org.livercast.pathology.slide.RegionRequest(0, 2048, 1024, 1024, 1024);
            assertThat(n.readRegion(region).meanAbsoluteDifference(tiff.readRegion(region))).as("one more JPEG generation").isLessThan(3.0);
        }
        if (Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/openslide"))) {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import openslide,sys; s=openslide.OpenSlide(sys.argv[1]);"
                    + " print(s.properties['openslide.vendor'], s.dimensions[0], s.dimensions[1]); s.read_region((2048, 1024), 0, (512, 512))",
                    ndpi.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).isEqualTo("hamamatsu 6144 4096");
        }
    }

    /** Philips TIFF slides (`--slides-as philips`): the SVS's levels and tiles, the label and pathology number hidden in the XML. */
    @Test
    void philipsSlidesHaveTheSvssTilesAndHideTheLabelInTheXml(@TempDir Path other) throws Exception {
        CohortGenerator.generate(new CohortGenerator.Options(6, 2, 99, other, LocalDate.of(2026, 6, 30), false, true, 2)
                .withSlideFormat(SlideFormat.PHILIPS), s -> { });
        ClinicalData d = ClinicalCsv.read(other.resolve("centre-01/clinical/patients.csv"), other.resolve("centre-01/clinical/events.csv"));
        String mrn = d.records().get(0).id();
        Path philips = other.resolve("centre-01/slides").resolve(mrn + "-HE1.tiff");
        Path svs = dir.resolve("centre-01/slides").resolve(mrn + "-HE1.svs");
        try (TiffSlide p = TiffSlide.open(philips); TiffSlide tiff = TiffSlide.open(svs)) {
            assertThat(p.properties()).containsEntry("openslide.vendor", "philips");
            assertThat(p.micronsPerPixel()).isEqualTo(tiff.micronsPerPixel());
            assertThat(p.associatedImages()).containsExactlyInAnyOrder("label", "macro");
            assertThat(p.philips().barcode()).matches("P\\d{4}-\\d{5} A1");
            assertThat(p.readTile(0, 5, 3).pixels()).isEqualTo(tiff.readTile(0, 5, 3).pixels());
        }
    }

    /**
     * MIRAX slides (`--slides-as mirax`, the fifth centre of `by-centre`): a .mrxs and its folder that OpenSlide reads as
     * mirax, the SVS's pixels within JPEG's loss where photos were taken, the slide name and barcode the operator gave
     * (pathology number, surname) in Slidedat.ini — what ingest must not store.
     */
    @Test
    void miraxSlidesHaveTheSvssPixelsAndTheOperatorsName(@TempDir Path other) throws Exception {
        CohortGenerator.generate(new CohortGenerator.Options(6, 2, 99, other, LocalDate.of(2026, 6, 30), false, true, 2)
                .withSlideFormat(SlideFormat.MIRAX), s -> { });
        ClinicalData d = ClinicalCsv.read(other.resolve("centre-01/clinical/patients.csv"), other.resolve("centre-01/clinical/events.csv"));
        String mrn = d.records().get(0).id();
        Path mrxs = other.resolve("centre-01/slides").resolve(mrn + "-HE1.mrxs");
        Path svs = dir.resolve("centre-01/slides").resolve(mrn + "-HE1.svs");
        try (var m = org.livercast.pathology.mirax.MiraxSlide.open(mrxs); TiffSlide tiff = TiffSlide.open(svs)) {
            assertThat(m.properties()).containsEntry("openslide.vendor", "mirax");
            assertThat(m.micronsPerPixel()).isEqualTo(tiff.micronsPerPixel());
            assertThat(m.levels().get(0).width()).as("the photos' extent covers the slide").isGreaterThanOrEqualTo(tiff.levels().get(0).width());
            assertThat(m.associatedImages()).containsExactlyInAnyOrder("label", "macro", "thumbnail");
            assertThat(org.livercast.pathology.mirax.MiraxSlide.identifiers(mrxs)).hasSize(2).allMatch(v -> v.matches("P\\d{4}-\\d{5} A1( \\S+)?"));
            var region = new org.livercast.pathology.slide.RegionRequest(0, 2048, 1024, 1024, 1024);
            var read = m.readRegion(region);
            double aligned = read.meanAbsoluteDifference(tiff.readRegion(region));
            double shifted = read.meanAbsoluteDifference(tiff.readRegion(new org.livercast.pathology.slide.RegionRequest(0, 2049, 1024, 1024, 1024)));
            // One more JPEG generation (4:2:0, as the scanner's, where NDPI's is 4:2:2), against a one-pixel misplacement.
            assertThat(aligned).as("one more JPEG generation").isLessThan(6.0).isLessThan(shifted / 2);
        }
        if (Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/openslide"))) {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import openslide,sys; s=openslide.OpenSlide(sys.argv[1]);"
                    + " print(s.properties['openslide.vendor'], s.properties['openslide.mpp-x']); s.read_region((2048, 1024), 0, (512, 512))",
                    mrxs.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).isEqualTo("mirax 0.5");
        }
    }

    /**
     * VMS slides (`--slides-as vms`): a .vms naming a grid of JPEG files, a map, a macro and an optimisation file beside
     * it, which OpenSlide reads as hamamatsu with the SVS's size and the SVS's pixels within JPEG's loss.
     */
    @Test
    void vmsSlidesAreAGridOfJpegsThatOpenSlideReads(@TempDir Path other) throws Exception {
        assertThat(SlideFormat.parse("vms")).isEqualTo(SlideFormat.VMS);
        CohortGenerator.generate(new CohortGenerator.Options(6, 2, 99, other, LocalDate.of(2026, 6, 30), false, true, 2)
                .withSlideFormat(SlideFormat.VMS), s -> { });
        ClinicalData d = ClinicalCsv.read(other.resolve("centre-01/clinical/patients.csv"), other.resolve("centre-01/clinical/events.csv"));
        String mrn = d.records().get(0).id();
        Path vms = other.resolve("centre-01/slides").resolve(mrn + "-HE1.vms");
        Path svs = dir.resolve("centre-01/slides").resolve(mrn + "-HE1.svs");
        try (var v = org.livercast.pathology.vms.VmsSlide.open(vms); TiffSlide tiff = TiffSlide.open(svs)) {
            assertThat(v.index().columns() * v.index().rows()).as("a grid of 2,048-px files").isGreaterThan(1);
            assertThat(v.index().files()).allMatch(Files::isRegularFile);
            assertThat(v.levels().get(0).width()).isEqualTo(tiff.levels().get(0).width());
            assertThat(v.micronsPerPixel()).isEqualTo(tiff.micronsPerPixel());
            assertThat(v.associatedImages()).containsExactly("macro");
            var region = new org.livercast.pathology.slide.RegionRequest(0, 2048, 1024, 1024, 1024);
            assertThat(v.readRegion(region).meanAbsoluteDifference(tiff.readRegion(region))).as("one more JPEG generation").isLessThan(3.0);
        }
        if (Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/openslide"))) {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import openslide,sys; s=openslide.OpenSlide(sys.argv[1]);"
                    + " print(s.properties['openslide.vendor'], s.properties['openslide.mpp-x']); s.read_region((2048, 1024), 0, (512, 512))",
                    vms.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).isEqualTo("hamamatsu 0.5");
        }
    }

    /**
     * Ventana BIF slides (`--slides-as ventana`, the sixth centre of `by-centre`): overlapping tiles of 1,024 pixels that
     * OpenSlide reads as ventana, each where its pixels were taken (the SVS's within JPEG's loss), the glass's photograph
     * as the Label Image.
     */
    @Test
    void ventanaSlidesHaveTheSvssPixels(@TempDir Path other) throws Exception {
        CohortGenerator.generate(new CohortGenerator.Options(6, 2, 99, other, LocalDate.of(2026, 6, 30), false, true, 2)
                .withSlideFormat(SlideFormat.VENTANA), s -> { });
        ClinicalData d = ClinicalCsv.read(other.resolve("centre-01/clinical/patients.csv"), other.resolve("centre-01/clinical/events.csv"));
        String mrn = d.records().get(0).id();
        Path bif = other.resolve("centre-01/slides").resolve(mrn + "-HE1.bif");
        Path svs = dir.resolve("centre-01/slides").resolve(mrn + "-HE1.svs");
        try (var v = org.livercast.pathology.dicom.Slides.open(bif); TiffSlide tiff = TiffSlide.open(svs)) {
            assertThat(v.properties()).containsEntry("openslide.vendor", "ventana");
            assertThat(v.micronsPerPixel()).isEqualTo(tiff.micronsPerPixel());
            assertThat(v.associatedImages()).containsExactly("macro", "thumbnail");
            var region = new org.livercast.pathology.slide.RegionRequest(0, 2048, 1024, 1024, 1024);
            var read = v.readRegion(region);
            double aligned = read.meanAbsoluteDifference(tiff.readRegion(region));
            double shifted = read.meanAbsoluteDifference(tiff.readRegion(new org.livercast.pathology.slide.RegionRequest(0, 2049, 1024, 1024, 1024)));
            assertThat(aligned).as("one more JPEG generation").isLessThan(6.0).isLessThan(shifted / 2);
        }
        if (Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/openslide"))) {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import openslide,sys; s=openslide.OpenSlide(sys.argv[1]);"
                    + " print(s.properties['openslide.vendor'], s.properties['openslide.mpp-x']); s.read_region((2048, 1024), 0, (512, 512))",
                    bif.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).isEqualTo("ventana 0.5");
        }
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) System.out.println(out);
        return p.exitValue();
    }
}
