package org.livercast.core.protocol.facts;

import static org.livercast.core.protocol.FactType.BOOLEAN;
import static org.livercast.core.protocol.FactType.NUMBER;
import static org.livercast.core.protocol.FactType.TEXT;
import static org.livercast.core.protocol.FactType.TEXT_SET;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.livercast.core.model.ImageQuality;
import org.livercast.core.model.ImagingStudy;
import org.livercast.core.model.Phase;
import org.livercast.core.protocol.FactDefinition;
import org.livercast.core.protocol.ScreeningContext;
import org.livercast.core.protocol.rule.Fact;

/** Facts about the most recent pre-operative cross-sectional study. */
final class ImagingFacts {
    private ImagingFacts() {}

    static List<FactDefinition> all() {
        return new FactList()
                .add("preop_imaging_modality", TEXT, "mr or ct, of the most recent pre-operative study",
                        latest(s -> s.modality().name().toLowerCase(java.util.Locale.ROOT)))
                .add("preop_imaging_contrast_enhanced", BOOLEAN, "the most recent study is dynamic contrast-enhanced",
                        latest(ImagingStudy::contrastEnhanced))
                .add("preop_imaging_quality_acceptable", BOOLEAN, "the most recent study has no severe artefacts",
                        c -> study(c).map(s -> s.quality() == null ? Fact.missing("imaging.quality")
                                : Fact.of(s.quality() == ImageQuality.ACCEPTABLE)).orElse(Fact.missing("imaging")))
                .add("preop_imaging_phases", TEXT_SET, "phases present: non_contrast, arterial, portal_venous, delayed, "
                        + "hepatobiliary, t2, dwi, adc", latest(s -> s.phases().stream().map(Phase::id).collect(Collectors.toSet())))
                .add("preop_imaging_days_before_surgery", NUMBER, "days from the most recent study to surgery",
                        c -> daysBefore(c, c.record().surgeryDate().orElse(null), "surgery_date"))
                .add("preop_imaging_days_before_screening", NUMBER, "days from the most recent study to the screening date",
                        c -> daysBefore(c, c.record().patient().screeningDate(), "screening_date"))
                .list();
    }

    private static Optional<ImagingStudy> study(ScreeningContext c) {
        return c.record().imaging().stream().max(Comparator.comparing(ImagingStudy::date));
    }

    private static Function<ScreeningContext, Fact> latest(Function<ImagingStudy, Object> f) {
        return c -> study(c).map(s -> Fact.of(f.apply(s))).orElse(Fact.missing("imaging"));
    }

    private static Fact daysBefore(ScreeningContext c, LocalDate date, String dateField) {
        Optional<ImagingStudy> s = study(c);
        if (s.isEmpty()) return date == null ? Fact.missing("imaging", dateField) : Fact.missing("imaging");
        if (date == null) return Fact.missing(dateField);
        return Fact.of(ChronoUnit.DAYS.between(s.get().date(), date));
    }
}
