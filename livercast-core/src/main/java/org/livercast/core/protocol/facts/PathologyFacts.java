package org.livercast.core.protocol.facts;

import static org.livercast.core.protocol.FactType.BOOLEAN;
import static org.livercast.core.protocol.FactType.NUMBER;
import static org.livercast.core.protocol.FactType.TEXT;

import java.util.List;
import org.livercast.core.model.Slide;
import org.livercast.core.model.Treatment;
import org.livercast.core.protocol.FactDefinition;
import org.livercast.core.protocol.ScreeningContext;
import org.livercast.core.protocol.rule.Fact;

/** Post-operative facts: histology, margin, slides and the treatment given. */
final class PathologyFacts {
    private PathologyFacts() {}

    static List<FactDefinition> all() {
        return new FactList()
                .add("histologic_diagnosis", TEXT, "hcc, icc, chcc_cca, other_malignant or benign",
                        afterSurgery(c -> Fact.of(BaselineFacts.lower(c.record().pathology().diagnosis()), "pathology.diagnosis")))
                .add("mvi_grade", TEXT, "microvascular invasion m0, m1 or m2",
                        afterSurgery(c -> Fact.of(BaselineFacts.lower(c.record().pathology().mvi()), "pathology.mvi")))
                .add("edmondson_grade", NUMBER, "Edmondson-Steiner grade 1-4",
                        afterSurgery(c -> Fact.of(c.record().pathology().edmondsonGrade(), "pathology.edmondson_grade")))
                .add("satellite_nodules", BOOLEAN, "satellite nodules in the specimen",
                        afterSurgery(c -> Fact.of(c.record().pathology().satelliteNodules(), "pathology.satellite_nodules")))
                .add("resection_margin", TEXT, "r0, r1 or r2", afterSurgery(PathologyFacts::margin))
                .add("slide_count", NUMBER, "number of H&E whole-slide images", afterSurgery(c -> Fact.of(c.record().slides().size())))
                .add("slides_qc_accepted", BOOLEAN, "at least one slide, and every slide passed QC", afterSurgery(PathologyFacts::slidesQc))
                .add("resected", BOOLEAN, "the resection has been done (a surgery date on or before the screening date)",
                        c -> Fact.of(c.record().surgeryDate().filter(d -> !d.isAfter(c.asOf())).isPresent()))
                .add("neoadjuvant_therapy", BOOLEAN, "any neoadjuvant therapy before surgery",
                        c -> treatment(c) == null ? Fact.missing("treatment") : Fact.of(treatment(c).hadNeoadjuvantTherapy()))
                .add("adjuvant_strategy", TEXT, "surgery_alone, tace, tace_systemic or systemic",
                        afterSurgery(c -> treatment(c) == null || treatment(c).adjuvantStrategy() == null
                                ? Fact.missing("adjuvant_strategy") : Fact.of(treatment(c).adjuvantStrategy().id())))
                .list();
    }

    /**
     * A fact the specimen gives is not known on a date before the surgery that yields it: a screening on the day of
     * consent must not see the histology a later resection will show (P2 enrols before surgery and excludes non-HCC
     * malignancy only when pathology says so). Without a recorded surgery the record's pathology (a biopsy's) stands.
     */
    static java.util.function.Function<ScreeningContext, Fact> afterSurgery(java.util.function.Function<ScreeningContext, Fact> fact) {
        return c -> {
            String unknown = specimenUnknown(c);
            return unknown != null ? Fact.missing(unknown) : fact.apply(c);
        };
    }

    /** Why the specimen's findings are not known on the screening date (before the surgery), or null when they are. */
    static String specimenUnknown(ScreeningContext c) {
        var surgery = c.record().surgeryDate();
        if (surgery.isEmpty() || !c.asOf().isBefore(surgery.get())) return null;
        return "pathology (known after surgery, day 0; screened on day " + java.time.temporal.ChronoUnit.DAYS.between(surgery.get(), c.asOf()) + ")";
    }

    private static Treatment treatment(ScreeningContext c) { return c.record().treatment(); }

    /** The pathology report's margin wins; the operative record's is the fallback. */
    private static Fact margin(ScreeningContext c) {
        var m = c.record().pathology().margin();
        if (m == null && treatment(c) != null) m = treatment(c).margin();
        return Fact.of(BaselineFacts.lower(m), "resection_margin");
    }

    private static Fact slidesQc(ScreeningContext c) {
        List<Slide> slides = c.record().slides();
        if (slides.isEmpty()) return Fact.missing("slides");
        if (slides.stream().anyMatch(s -> Boolean.FALSE.equals(s.qcAccepted()))) return Fact.of(false);
        if (slides.stream().anyMatch(s -> s.qcAccepted() == null)) return Fact.missing("slides.qc");
        return Fact.of(true);
    }
}
