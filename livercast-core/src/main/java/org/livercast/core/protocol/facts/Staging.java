package org.livercast.core.protocol.facts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.protocol.FactDefinition;
import org.livercast.core.protocol.ScreeningContext;
import org.livercast.core.protocol.rule.Fact;

/**
 * The staging and liver-function scores a surgeon reads first — BCLC and CNLC stage, Child-Pugh, ALBI, the
 * transplant criteria, AJCC 8 and IMbrave050's high risk — computed from the record by the same fact definitions the
 * protocols screen with, so the patient page, the FHIR export and eligibility never disagree. Each is a value or the
 * recorded fields it still needs.
 */
public final class Staging {
    /**
     * @param fact    the fact's name in the protocols' rule language ({@code bclc_stage})
     * @param label   how a clinician names it
     * @param integer a score or grade (a whole number), not a measurement
     */
    public record Kind(String fact, String label, boolean integer) {}

    /** One staging of the patient: its value, or the fields it still needs. */
    public record Item(Kind kind, Fact value) {
        public String fact() { return kind.fact(); }

        public String label() { return kind.label(); }

        public boolean integer() { return kind.integer(); }
    }

    /** What is staged, in the order a clinician reads it. */
    public static final List<Kind> KINDS = List.of(
            new Kind("bclc_stage", "BCLC stage (2022)", false),
            new Kind("cnlc_stage", "CNLC stage", false),
            new Kind("child_pugh_class", "Child-Pugh class", false),
            new Kind("child_pugh_score", "Child-Pugh score", true),
            new Kind("albi_grade", "ALBI grade", true),
            new Kind("albi_score", "ALBI score", false),
            new Kind("within_milan", "Within the Milan criteria", false),
            new Kind("within_ucsf", "Within the UCSF criteria", false),
            new Kind("within_up_to_7", "Within up-to-7", false),
            new Kind("ajcc_stage", "AJCC 8th edition stage", false),
            new Kind("imbrave050_high_risk", "IMbrave050 high risk of recurrence", false));

    private static final Map<String, FactDefinition> DEFINITIONS =
            FactSources.all().stream().collect(Collectors.toMap(FactDefinition::name, Function.identity()));

    private Staging() {}

    /** Each item's value for the record, as of {@code asOf} (the staging reads the pre-operative record). */
    public static List<Item> of(PatientRecord record, LocalDate asOf) {
        ScreeningContext c = new ScreeningContext(record, asOf, Map.of());
        return KINDS.stream().map(k -> new Item(k, DEFINITIONS.get(k.fact()).derive().apply(c))).toList();
    }
}
