package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;

class SlideBagsTest {
    @TempDir Path cache;

    @Test
    void tissueTilesAreEmbeddedOnceCachedAndCarryTheImmuneAndEmbolusSignals() throws IOException {
        Path dir = SmallCohort.withSlides(12, 2, 21);
        var cohort = CohortExport.read(dir, LocalDate.of(2026, 6, 30));
        SlideBags bags = new SlideBags(new HistologyFeatureEncoder(), cache);
        Map<String, Double> immune = new HashMap<>();
        try (Reader r = Files.newBufferedReader(dir.resolve("truth").resolve("truth.csv"));
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord rec : p) immune.put(rec.get("hospital_number"), Double.parseDouble(rec.get("immune")));
        }
        Map<String, java.util.List<long[]>> emboli = new HashMap<>();
        try (Reader r = Files.newBufferedReader(dir.resolve("truth").resolve("slide-regions.csv"));
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord rec : p) {
                if (!rec.get("kind").equals("invaded_vessel")) continue;
                emboli.computeIfAbsent(rec.get("hospital_number"), k -> new java.util.ArrayList<>())
                        .add(new long[] {Long.parseLong(rec.get("x_px")), Long.parseLong(rec.get("y_px")), Long.parseLong(rec.get("radius_px"))});
            }
        }
        int lumen = new HistologyFeatureEncoder().featureNames().indexOf("lumen_cluster_fraction");
        double atEmboli = 0, elsewhere = 0;
        int nAtEmboli = 0, nElsewhere = 0;
        int dense = new HistologyFeatureEncoder().featureNames().indexOf("h_above_2.5");
        double hot = 0, cold = 0;
        int nHot = 0, nCold = 0;
        int full = 0;
        for (PatientCase c : cohort.cases()) {
            SlideBag bag = bags.of(c.slide().orElseThrow());
            // ~200 tissue tiles per slide, pen-marked ones included (ink is kept out of the tissue threshold).
            assertThat(bag.size()).isBetween(1, 400);
            if (bag.size() >= 100) full++;
            assertThat(bag.embeddings()[0]).hasSize(18);
            SlideBag again = bags.of(c.slide().orElseThrow());
            assertThat(again.tiles()).isEqualTo(bag.tiles());
            assertThat(again.embeddings()).isDeepEqualTo(bag.embeddings());
            double mean = 0;
            for (float[] e : bag.embeddings()) mean += e[dense] / bag.size();
            for (int i = 0; i < bag.size(); i++) {
                SlideBag.TileRef t = bag.tiles().get(i);
                boolean embolus = emboli.getOrDefault(c.id(), java.util.List.of()).stream().anyMatch(v -> v[0] > t.x() && v[0] < t.x() + t.sizeLevel0()
                        && v[1] > t.y() && v[1] < t.y() + t.sizeLevel0());
                if (embolus) {
                    atEmboli += bag.embeddings()[i][lumen];
                    nAtEmboli++;
                } else {
                    elsewhere += bag.embeddings()[i][lumen];
                    nElsewhere++;
                }
            }
            if (immune.get(c.id()) > 0.5) {
                hot += mean;
                nHot++;
            } else if (immune.get(c.id()) < -0.5) {
                cold += mean;
                nCold++;
            }
        }
        assertThat(full).isEqualTo(cohort.cases().size());
        try (var files = Files.list(cache)) {
            assertThat(files.filter(f -> f.toString().endsWith(".bag")).count()).isEqualTo(cohort.cases().size());
        }
        if (nHot > 0 && nCold > 0) assertThat(hot / nHot).isGreaterThan(cold / nCold);
        // The tiles holding an invaded vessel's centre show a cluster in a lumen far more often than the rest of the tissue.
        assertThat(nAtEmboli).as("tiles at an embolus in this cohort").isPositive();
        assertThat(atEmboli / nAtEmboli).isGreaterThan(5 * elsewhere / nElsewhere);
    }

    /** A cache is derived data: a file damaged after it was written is embedded again and replaced, never a reason to fail. */
    @Test
    void aDamagedCacheFileIsRecomputedAndReplaced() throws IOException {
        Path dir = SmallCohort.withSlides(12, 2, 21);
        Path slide = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().get(0).slide().orElseThrow();
        SlideBags bags = new SlideBags(new HistologyFeatureEncoder(), cache);
        SlideBag first = bags.of(slide);
        Path file;
        try (var files = Files.list(cache)) {
            file = files.filter(f -> f.toString().endsWith(".bag")).findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(file);
        for (byte[] damaged : new byte[][] {java.util.Arrays.copyOf(b, b.length / 2), "not a bag".getBytes(java.nio.charset.StandardCharsets.US_ASCII)}) {
            Files.write(file, damaged);
            SlideBag again = bags.of(slide);
            assertThat(again.tiles()).isEqualTo(first.tiles());
            assertThat(again.embeddings()).isDeepEqualTo(first.embeddings());
            assertThat(Files.readAllBytes(file)).isEqualTo(b);
        }
    }

    @Test
    void aSlideChangedOnDiskIsHashedAgainWhileAnUnchangedOneKeepsItsHash() throws IOException {
        Path dir = SmallCohort.withSlides(12, 2, 21);
        Path original = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().get(0).slide().orElseThrow();
        Path slide = Files.copy(original, cache.resolve("copy.svs"));
        SlideBags bags = new SlideBags(new HistologyFeatureEncoder(), cache.resolve("tiles"));
        String first = bags.of(slide).slideSha256();
        assertThat(first).isEqualTo(SlideBags.sha256(slide));
        assertThat(bags.withMaxTiles(10).of(slide).slideSha256()).isEqualTo(first);
        // Bytes appended (a TIFF reader never reaches them) and a later modification time: another file, another hash.
        Files.write(slide, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(slide, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(slide).toMillis() + 5000));
        String second = bags.of(slide).slideSha256();
        assertThat(second).isNotEqualTo(first).isEqualTo(SlideBags.sha256(slide));
    }

    /**
     * A cohort's slide given as DICOM (a folder of whole-slide instances, as a digital-pathology PACS exports it) gives
     * the bag of the SVS it was written from: the same tiles and embeddings, since its JPEG frames are the SVS's tiles.
     * Its hash is the folder's (names and contents of its files), and a changed instance changes it.
     */
    @Test
    void aDicomSlideFolderGivesTheSvssBagAndItsOwnHash() throws IOException {
        Path dir = SmallCohort.withSlides(12, 2, 21);
        Path svs = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().get(0).slide().orElseThrow();
        Path dicom = cache.resolve("P-HE1");
        try (org.livercast.pathology.slide.TiffSlide t = org.livercast.pathology.slide.TiffSlide.open(svs)) {
            org.livercast.pathology.dicom.DicomSlideWriter.write(t,
                    org.livercast.pathology.dicom.WsiMetadata.anonymous("P-HE1", java.time.LocalDateTime.of(2026, 1, 2, 3, 4), "bag-test"), dicom);
        }
        SlideBags bags = new SlideBags(new HistologyFeatureEncoder(), cache.resolve("tiles"));
        SlideBag fromSvs = bags.of(svs);
        SlideBag fromDicom = bags.of(dicom);
        assertThat(fromDicom.size()).isPositive();
        assertThat(fromDicom.tiles()).isEqualTo(fromSvs.tiles());
        assertThat(fromDicom.embeddings()).isDeepEqualTo(fromSvs.embeddings());
        String first = fromDicom.slideSha256();
        assertThat(first).isNotEqualTo(fromSvs.slideSha256()).hasSize(64);
        Path label = dicom.resolve("label.dcm");
        Files.write(label, new byte[] {0, 0}, java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(label, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(label).toMillis() + 5000));
        assertThat(bags.of(dicom).slideSha256()).isNotEqualTo(first);
    }

    /**
     * A cohort's slide given as NDPI (as a NanoZoomer writes it) is found by the cohort reader and gives nearly the bag of
     * the SVS it was written from: the tiles are chosen from the pixels, which differ by one JPEG generation.
     */
    @Test
    void anNdpiSlideIsFoundInTheCohortAndGivesTheSvssTiles() throws IOException {
        Path dir = copyOfSmallCohort("ndpi-cohort");
        Path svs = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().get(0).slide().orElseThrow();
        SlideBags bags = new SlideBags(new HistologyFeatureEncoder(), cache.resolve("tiles"));
        SlideBag fromSvs = bags.of(svs);
        Path ndpi = svs.resolveSibling(svs.getFileName().toString().replace(".svs", ".ndpi"));
        try (org.livercast.pathology.slide.TiffSlide t = org.livercast.pathology.slide.TiffSlide.open(svs)) {
            org.livercast.pathology.write.NdpiWriter.write(t, ndpi, org.livercast.pathology.write.NdpiWriter.Options.defaults());
        }
        Files.delete(svs);
        Path found = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().get(0).slide().orElseThrow();
        assertThat(found).isEqualTo(ndpi);
        SlideBag fromNdpi = bags.of(found);
        java.util.Set<String> a = new java.util.HashSet<>();
        for (var tile : fromSvs.tiles()) a.add(tile.x() + "," + tile.y());
        long inBoth = fromNdpi.tiles().stream().filter(tile -> a.contains(tile.x() + "," + tile.y())).count();
        assertThat(fromNdpi.size()).isPositive();
        assertThat((double) inBoth / fromSvs.size()).as("tiles in both bags").isGreaterThan(0.9);
        assertThat(fromNdpi.slideSha256()).isEqualTo(SlideBags.sha256(ndpi));
    }

    /**
     * A cohort's slide given as MIRAX (a .mrxs and the folder of its images beside it) is found as the .mrxs, not as a
     * folder, gives nearly the SVS's bag, and is hashed with its folder: two slides' empty .mrxs files do not make them one
     * slide in the cache, and a changed data file is a changed slide.
     */
    @Test
    void aMiraxSlideIsFoundInTheCohortAndHashedWithItsFolder() throws IOException {
        Path dir = copyOfSmallCohort("mirax-cohort");
        var cases = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().stream().filter(c -> c.slide().isPresent()).toList();
        Path svs = cases.get(0).slide().orElseThrow();
        SlideBags bags = new SlideBags(new HistologyFeatureEncoder(), cache.resolve("tiles"));
        SlideBag fromSvs = bags.of(svs);
        java.util.List<Path> mrxs = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path slide = cases.get(i).slide().orElseThrow();
            Path out = slide.resolveSibling(slide.getFileName().toString().replace(".svs", ".mrxs"));
            try (org.livercast.pathology.slide.TiffSlide t = org.livercast.pathology.slide.TiffSlide.open(slide)) {
                org.livercast.pathology.write.MiraxWriter.write(t, out, org.livercast.pathology.write.MiraxWriter.Options.defaults());
            }
            Files.delete(slide);
            mrxs.add(out);
        }
        Path found = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().stream().filter(c -> c.slide().isPresent()).toList().get(0).slide().orElseThrow();
        assertThat(found).isEqualTo(mrxs.get(0));
        SlideBag fromMirax = bags.of(found);
        java.util.Set<String> a = new java.util.HashSet<>();
        for (var tile : fromSvs.tiles()) a.add(tile.x() + "," + tile.y());
        long inBoth = fromMirax.tiles().stream().filter(tile -> a.contains(tile.x() + "," + tile.y())).count();
        assertThat((double) inBoth / fromSvs.size()).as("tiles in both bags").isGreaterThan(0.9);
        String first = bags.slideSha256(mrxs.get(0));
        assertThat(first).isEqualTo(fromMirax.slideSha256()).isNotEqualTo(SlideBags.sha256(mrxs.get(0))).isNotEqualTo(bags.slideSha256(mrxs.get(1)));
        Path data = org.livercast.pathology.mirax.MiraxSlide.folder(mrxs.get(0)).resolve("Data0001.dat");
        Files.write(data, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(bags.slideSha256(mrxs.get(0))).as("a data file changed").isNotEqualTo(first);
    }

    /**
     * A cohort's slide given as a Hamamatsu VMS (a .vms naming JPEG files beside it) is found as the .vms, gives nearly
     * the SVS's bag, and is hashed with the files it names: a changed JPEG of its grid is a changed slide.
     */
    @Test
    void aVmsSlideIsFoundInTheCohortAndHashedWithTheFilesItNames() throws IOException {
        Path dir = copyOfSmallCohort("vms-cohort");
        var cases = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().stream().filter(c -> c.slide().isPresent()).toList();
        Path svs = cases.get(0).slide().orElseThrow();
        SlideBags bags = new SlideBags(new HistologyFeatureEncoder(), cache.resolve("tiles-vms"));
        SlideBag fromSvs = bags.of(svs);
        Path vms = svs.resolveSibling(svs.getFileName().toString().replace(".svs", ".vms"));
        try (org.livercast.pathology.slide.TiffSlide t = org.livercast.pathology.slide.TiffSlide.open(svs)) {
            org.livercast.pathology.write.VmsWriter.write(t, vms, org.livercast.pathology.write.VmsWriter.Options.defaults().withImagePixels(2048));
        }
        Files.delete(svs);
        Path found = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().stream().filter(c -> c.slide().isPresent()).toList().get(0).slide().orElseThrow();
        assertThat(found).isEqualTo(vms);
        SlideBag fromVms = bags.of(found);
        java.util.Set<String> a = new java.util.HashSet<>();
        for (var tile : fromSvs.tiles()) a.add(tile.x() + "," + tile.y());
        long inBoth = fromVms.tiles().stream().filter(tile -> a.contains(tile.x() + "," + tile.y())).count();
        assertThat((double) inBoth / fromSvs.size()).as("tiles in both bags").isGreaterThan(0.9);
        String first = bags.slideSha256(vms);
        assertThat(first).isEqualTo(fromVms.slideSha256()).isNotEqualTo(SlideBags.sha256(vms));
        Path jpeg = vms.resolveSibling(vms.getFileName().toString().replace(".vms", ".jpg"));
        Files.write(jpeg, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(bags.slideSha256(vms)).as("a JPEG of the grid changed").isNotEqualTo(first);
    }

    /** A copy of the small cohort with slides (shared by the other tests) that a test may change. */
    private Path copyOfSmallCohort(String name) throws IOException {
        Path shared = SmallCohort.withSlides(12, 2, 21);
        Path dir = cache.resolve(name);
        try (var files = Files.walk(shared)) {
            for (Path p : files.toList()) {
                Path to = dir.resolve(shared.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        return dir;
    }
}
