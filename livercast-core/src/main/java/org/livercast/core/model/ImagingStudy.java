package org.livercast.core.model;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.livercast.core.Checks;

/**
 * A pre-operative cross-sectional study. The series list may be empty when only a summary is known (clinical
 * CSV), in which case {@code phases} says which phases the centre reports.
 */
public record ImagingStudy(String studyUid, LocalDate date, Modality modality, boolean contrastEnhanced,
                           ImageQuality quality, Set<Phase> phases, List<ImagingSeries> series) {
    public ImagingStudy {
        Checks.required("imaging.date", date);
        Checks.required("imaging.modality", modality);
        EnumSet<Phase> all = EnumSet.noneOf(Phase.class);
        if (phases != null) all.addAll(phases);
        series = List.copyOf(series == null ? List.of() : series);
        series.forEach(s -> all.add(s.phase()));
        // EnumSet keeps a stable order, so serialised records (and their hashes) are reproducible.
        phases = java.util.Collections.unmodifiableSet(all);
    }
}
