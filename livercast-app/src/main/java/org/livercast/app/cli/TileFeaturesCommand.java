package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.slide.HistologyFeatureEncoder;
import org.livercast.learn.slide.SlideBags;
import org.livercast.learn.slide.TileFeaturesExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code livercast tile-features --cohort DIR --out DIR}: the tile embeddings a model trains on, written as TRIDENT writes
 * a foundation model's, one HDF5 file a slide.
 */
@Command(name = "tile-features", mixinStandardHelpOptions = true,
        description = {"Write a cohort's tissue tiles and their embeddings (the built-in histology features or a --tile-encoder's) as TRIDENT "
                + "writes a foundation model's: DIR/features_<encoder>/<slide>.h5 with 'features' [tiles, D] and 'coords' [tiles, 2] (level-0 x, y).",
                "For a MIL model trained elsewhere on the same tiles; `train --tile-encoder DIR/features_<encoder>` reads such a folder back, "
                        + "as it reads TRIDENT's and CLAM's own."})
final class TileFeaturesCommand extends Leaf {
    @Option(names = "--cohort", paramLabel = "DIR", description = "Cohort export with slides (centre-*/slides/*.svs).") Path cohort;

    @Option(names = "--stored", description = "The ingested (de-identified) patients' slides instead, named by their slide ids "
            + "(as `predict --stored` finds their features).") boolean stored;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the features folder is written.") Path out;

    @picocli.CommandLine.Mixin TileEncoderOptions tileEncoder;

    @Override
    public Integer call() throws IOException {
        if ((cohort == null) == !stored) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --cohort DIR (an export) or --stored (the ingested patients), one of them");
        List<org.livercast.learn.data.PatientCase> cases;
        if (stored) {
            try (var db = root().openDatabase()) {
                cases = org.livercast.app.journey.StoredCohort.cases(db, root().home.toAbsolutePath().resolve("store"), root().home.toAbsolutePath().resolve("views"));
            }
        } else {
            if (!Files.isDirectory(cohort)) throw new java.nio.file.NoSuchFileException(cohort.toString());
            cases = CohortExport.read(cohort, LocalDate.of(2026, 6, 30)).cases();
        }
        List<Path> slides = cases.stream().flatMap(c -> c.slide().stream()).toList();
        if (slides.isEmpty()) {
            throw new org.livercast.core.InvalidValueException(stored ? "--stored" : "--cohort", stored ? "the store" : cohort, "holds no slides");
        }
        long t = System.nanoTime();
        try (var given = tileEncoder.load(spec)) {
            var encoder = given != null ? given : new HistologyFeatureEncoder();
            var written = TileFeaturesExport.write(slides, new SlideBags(encoder, root().tileCache()), out, line -> out().println(line));
            out().printf(Locale.ROOT, "%d slides' tile features (%s, %d a tile) written to %s in %.1f s%n", written.files(), encoder.id(), encoder.dimension(),
                    written.folder(), (System.nanoTime() - t) / 1e9);
            for (Path s : written.withoutTissue()) out().println("  no tissue tile in " + s + ": no file written");
        }
        return ExitCodes.OK;
    }
}
