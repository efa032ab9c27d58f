package org.livercast.learn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.livercast.synth.CohortGenerator;

/** Synthetic cohorts for the tests, generated once per JVM and per (patients, centres, seed, files). */
public final class SmallCohort {
    private SmallCohort() {}

    private static final Map<String, Path> MADE = new ConcurrentHashMap<>();

    /** Clinical tables and reports only: a few thousand patients take seconds. */
    public static Path clinical(int patients, int centres, long seed) {
        return make(patients, centres, seed, false, false);
    }

    /** Clinical tables, reports and multi-phase MRI (no slides). */
    public static Path withImages(int patients, int centres, long seed) {
        return make(patients, centres, seed, true, false);
    }

    /** Clinical tables, reports and H&E slides (no MRI). */
    public static Path withSlides(int patients, int centres, long seed) {
        return make(patients, centres, seed, false, true);
    }

    public static Path withFiles(int patients, int centres, long seed) {
        return make(patients, centres, seed, true, true);
    }

    private static Path make(int patients, int centres, long seed, boolean images, boolean slides) {
        String key = patients + "-" + centres + "-" + seed + "-" + images + "-" + slides;
        return MADE.computeIfAbsent(key, k -> {
            try {
                Path dir = org.livercast.core.io.Folders.deleteTreeOnExit(Files.createTempDirectory("livercast-cohort-" + k));
                CohortGenerator.generate(new CohortGenerator.Options(patients, centres, seed, dir, LocalDate.of(2026, 6, 30), images, slides,
                        Runtime.getRuntime().availableProcessors()), line -> { });
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
