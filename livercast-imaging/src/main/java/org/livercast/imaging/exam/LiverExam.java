package org.livercast.imaging.exam;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.livercast.core.model.Phase;
import org.livercast.imaging.series.DicomSeries;

/**
 * The series of one study that share a frame of reference, each with its phase call. Series of another study or
 * frame of reference are refused with the reason, not silently mixed.
 */
public record LiverExam(String studyInstanceUid, String frameOfReferenceUid, List<Entry> series) {
    public record Entry(DicomSeries series, PhaseCall phase) {}

    /** P2's standard pre-operative MRI. */
    public static final Set<Phase> P2_REQUIRED = Set.of(Phase.NON_CONTRAST, Phase.ARTERIAL, Phase.PORTAL_VENOUS, Phase.DELAYED);

    public static LiverExam of(List<DicomSeries> all, PhaseIdentifier identifier) {
        if (all.isEmpty()) throw new IllegalArgumentException("an exam needs at least one series");
        String study = all.get(0).studyInstanceUid();
        String frame = all.get(0).frameOfReferenceUid();
        List<Entry> entries = new ArrayList<>();
        for (DicomSeries s : all) {
            if (study != null && !study.equals(s.studyInstanceUid())) {
                throw new IllegalArgumentException("series " + s.seriesInstanceUid() + " belongs to study " + s.studyInstanceUid() + ", not " + study);
            }
            if (frame != null && s.frameOfReferenceUid() != null && !frame.equals(s.frameOfReferenceUid())) {
                throw new IllegalArgumentException("series " + s.seriesInstanceUid() + " ('" + s.description() + "') has frame of reference "
                        + s.frameOfReferenceUid() + ", not the exam's " + frame + ": register it before combining phases");
            }
            entries.add(new Entry(s, identifier.identify(s.attributes())));
        }
        return new LiverExam(study, frame, List.copyOf(entries));
    }

    public Set<Phase> phases() {
        EnumSet<Phase> p = EnumSet.noneOf(Phase.class);
        series.forEach(e -> p.add(e.phase().phase()));
        p.remove(Phase.UNKNOWN);
        return p;
    }

    public Set<Phase> missing(Set<Phase> required) {
        EnumSet<Phase> m = EnumSet.noneOf(Phase.class);
        for (Phase r : required) if (!phases().contains(r)) m.add(r);
        return m;
    }

    public java.util.Optional<DicomSeries> series(Phase phase) {
        return series.stream().filter(e -> e.phase().phase() == phase).map(Entry::series).findFirst();
    }
}
