package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.slide.ContrastiveTileEncoder;
import org.livercast.learn.slide.ContrastiveTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livercast tile-encoder --cohort DIR --out FILE}: a tile encoder trained here, self-supervised, on the cohort's slides. */
@Command(name = "tile-encoder", mixinStandardHelpOptions = true,
        description = {"Train a tile encoder on a cohort's own H&E tiles without labels (contrastive, SimCLR) and save it as FILE;",
                "use it with `train --tile-encoder FILE` and `predict --tile-encoder FILE`."})
final class TileEncoderCommand extends Leaf {
    @Option(names = "--cohort", required = true, paramLabel = "DIR", description = "Cohort export with slides (centre-*/slides/*.svs).") Path cohort;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the encoder is written.") Path out;

    @Option(names = "--tiles-per-slide", defaultValue = "40", paramLabel = "N", description = "Tissue tiles taken from each slide (default ${DEFAULT-VALUE}).")
    int tilesPerSlide;

    @Option(names = "--epochs", defaultValue = "20", paramLabel = "N", description = "Passes over the tiles (default ${DEFAULT-VALUE}).") int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).") long seed;

    @Option(names = "--features", defaultValue = "" + ContrastiveTileEncoder.DEFAULT_FEATURES, paramLabel = "N",
            description = "Features per tile (default ${DEFAULT-VALUE}; more give the outcome model more inputs to fit from the same slides).")
    int features;

    @Override
    public Integer call() throws IOException {
        if (features < 1 || features > ContrastiveTileEncoder.MAX_FEATURES) {
            throw new org.livercast.core.InvalidValueException("--features", features, "must be 1 to " + ContrastiveTileEncoder.MAX_FEATURES);
        }
        if (!Files.isDirectory(cohort)) throw new java.nio.file.NoSuchFileException(cohort.toString());
        List<Path> slides = CohortExport.read(cohort, LocalDate.of(2026, 6, 30)).cases().stream().flatMap(c -> c.slide().stream()).toList();
        if (slides.isEmpty()) throw new org.livercast.core.InvalidValueException("--cohort", cohort, "holds no slides (centre-*/slides/*.svs)");
        long t = System.nanoTime();
        var tiles = ContrastiveTraining.sampleTiles(slides, tilesPerSlide);
        out().printf(Locale.ROOT, "%d tissue tiles from %d slides in %.1f s%n", tiles.size(), slides.size(), (System.nanoTime() - t) / 1e9);
        var o = new ContrastiveTraining.Options(tilesPerSlide, epochs, ContrastiveTraining.Options.defaults().batchSize(), seed, features);
        var r = ContrastiveTraining.train(tiles, o, out, line -> out().println(line));
        try (ContrastiveTileEncoder enc = ContrastiveTileEncoder.load(out)) {
            out().printf(Locale.ROOT, "tile encoder %s (%d features) written to %s (contrastive loss %.3f -> %.3f; chance %.3f)%n", enc.id(), enc.dimension(), out,
                    r.lossPerEpoch().get(0), r.lossPerEpoch().get(r.lossPerEpoch().size() - 1), Math.log(2.0 * Math.min(o.batchSize(), tiles.size()) - 1));
        }
        return ExitCodes.OK;
    }
}
