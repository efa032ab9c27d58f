package org.livercast.app.journey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.livercast.core.model.PatientRecord;
import org.livercast.ingest.store.ContentStore;
import org.livercast.learn.data.PatientCase;
import org.livercast.study.db.Database;
import org.livercast.study.store.PatientStore;

/**
 * The ingested (de-identified) patients as model inputs: each patient's record from the database and its files from
 * the content store — reports by their hash-named paths, the MRI as a folder of links to the stored DICOM files and the
 * tumour mask (the layout the MRI reader expects), the slide as a link named after its de-identified slide id
 * ({@code slides/<slide id>.svs}, so tile features extracted from these links by TRIDENT or {@code livercast tile-features
 * --stored} are found by name), all rebuilt under {@code viewsDir} on each call.
 */
public final class StoredCohort {
    private StoredCohort() {}

    public static List<PatientCase> cases(Database db, Path storeDir, Path viewsDir) throws IOException {
        PatientStore patients = new PatientStore(db.jdbi());
        ContentStore store = new ContentStore(storeDir);
        List<PatientCase> out = new ArrayList<>();
        for (PatientStore.Key k : patients.keys()) {
            PatientRecord r = patients.find(k.centreId(), k.patientId()).orElseThrow();
            List<String[]> files = db.jdbi().withHandle(h -> h.createQuery(
                    "select kind, sha256, detail ->> 'slide_id' from stored_file where patient_pk = :pk order by kind, sha256")
                    .bind("pk", k.pk()).map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list());
            Optional<Path> radiology = Optional.empty();
            Optional<Path> pathology = Optional.empty();
            Optional<Path> slide = Optional.empty();
            Path imaging = viewsDir.resolve(k.centreId()).resolve(k.patientId()).resolve("imaging");
            boolean hasImages = false;
            for (String[] f : files) {
                Path p = store.pathOf(f[1]);
                switch (f[0]) {
                    case "radiology_report" -> radiology = Optional.of(p);
                    case "pathology_report" -> pathology = Optional.of(p);
                    case "slide" -> slide = slide.isPresent() ? slide : Optional.of(slideLink(viewsDir.resolve(k.centreId()).resolve(k.patientId()), f[2], p));
                    case "dicom" -> {
                        link(imaging.resolve(f[1] + ".dcm"), p);
                        hasImages = true;
                    }
                    case "mask" -> link(imaging.resolve("tumour_mask.nii.gz"), p);
                    default -> { }
                }
            }
            out.add(new PatientCase(k.centreId(), r, radiology, pathology, hasImages ? Optional.of(imaging) : Optional.empty(), slide));
        }
        return out;
    }

    /** The stored slide under its slide id (the store's path when the id is missing or not a plain file name). */
    private static Path slideLink(Path patientView, String slideId, Path stored) throws IOException {
        if (slideId == null || !slideId.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) return stored;
        Path link = patientView.resolve("slides").resolve(slideId + ".svs");
        link(link, stored);
        return link;
    }

    private static void link(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target.toAbsolutePath());
    }
}
