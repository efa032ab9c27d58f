package org.livercast.learn.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;

/**
 * The SHA-256 of exactly what a model was trained on: the training centres' clinical files and the reports of their
 * patients, in a fixed order. Two trainings with the same hash saw the same data.
 */
final class DataHash {
    private DataHash() {}

    static String of(CohortExport.Cohort cohort, String heldoutCentre) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>();
            for (String centre : cohort.centres()) {
                if (centre.equals(heldoutCentre)) continue;
                files.add(cohort.dir().resolve(centre).resolve("clinical").resolve("patients.csv"));
                files.add(cohort.dir().resolve(centre).resolve("clinical").resolve("events.csv"));
            }
            for (PatientCase c : cohort.cases()) {
                if (c.centre().equals(heldoutCentre)) continue;
                add(files, c.radiologyReport());
                add(files, c.pathologyReport());
            }
            for (Path f : files) {
                if (!Files.exists(f)) continue;
                d.update(cohort.dir().relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                d.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(List<Path> files, Optional<Path> p) { p.ifPresent(files::add); }
}
