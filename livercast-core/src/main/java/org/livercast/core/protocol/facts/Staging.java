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
    public record Item(String fact, String label, boolean integer, Fact value) {}

    private static final List<Item> SHOWN = List.of(
            new Item("bclc_stage", "BCLC stage (2022)", false, null),
            new Item("cnlc_stage", "CNLC stage", false, null),
            new Item("child_pugh_class", "Child-Pugh class", false, null),
            new Item("child_pugh_score", "Child-Pugh score", true, null),
            new Item("albi_grade", "ALBI grade", true, null),
            new Item("albi_score", "ALBI score", false, null),
            new Item("within_milan", "Within the Milan criteria", false, null),
            new Item("within_ucsf", "Within the UCSF criteria", false, null),
            new Item("within_up_to_7", "Within up-to-7", false, null),
            new Item("ajcc_stage", "AJCC 8th edition stage", false, null),
            new Item("imbrave050_high_risk", "IMbrave050 high risk of recurrence", false, null));

    private static final Map<String, FactDefinition> DEFINITIONS =
            FactSources.all().stream().collect(Collectors.toMap(FactDefinition::name, Function.identity()));

    private Staging() {}

    /** Each item's value for the record, as of {@code asOf} (the staging reads the pre-operative record). */
    public static List<Item> of(PatientRecord record, LocalDate asOf) {
        ScreeningContext c = new ScreeningContext(record, asOf, Map.of());
        return SHOWN.stream().map(i -> new Item(i.fact(), i.label(), i.integer(), DEFINITIONS.get(i.fact()).derive().apply(c))).toList();
    }
}
