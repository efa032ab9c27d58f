package org.livercast.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.livercast.core.examples.ExamplePatients;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.protocol.CriterionResult.Outcome;
import org.livercast.core.protocol.ScreeningResult.Decision;

/** Screens the bundled example patients against P1-P5 and checks what a study coordinator would see. */
class ScreeningExamplesTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
    static final Protocols PROTOCOLS = Protocols.bundled();

    static ScreeningResult screen(String protocol, String patient, Map<String, Double> outputs) {
        return Screening.screen(PROTOCOLS.get(protocol), new ScreeningContext(ExamplePatients.get(patient), AS_OF, outputs));
    }

    static ScreeningResult screen(String protocol, String patient) { return screen(protocol, patient, Map.of()); }

    static Outcome outcome(ScreeningResult r, String criterion) {
        return r.criteria().stream().filter(c -> c.criterionId().equals(criterion)).findFirst().orElseThrow().outcome();
    }

    @Test
    void textbookPatientIsEligibleForP1InTheSurgeryOnlyValidationCohort() {
        ScreeningResult r = screen("P1", "EX01");
        assertThat(r.decision()).isEqualTo(Decision.ELIGIBLE);
        assertThat(r.cohorts()).containsExactly("validation");
        assertThat(r.criteria()).allMatch(c -> c.outcome() == Outcome.MET);
    }

    @Test
    void eachFailedP1CriterionIsNamed() {
        assertThat(outcome(screen("P1", "EX02"), "P1-I1")).isEqualTo(Outcome.NOT_MET); // 78 years old
        assertThat(outcome(screen("P1", "EX03"), "P1-I2")).isEqualTo(Outcome.NOT_MET); // BCLC B
        assertThat(outcome(screen("P1", "EX04"), "P1-I6")).isEqualTo(Outcome.NOT_MET); // Child-Pugh 8
        assertThat(outcome(screen("P1", "EX06"), "P1-I7")).isEqualTo(Outcome.NOT_MET); // ECOG 2
        assertThat(outcome(screen("P1", "EX07"), "P1-I5")).isEqualTo(Outcome.NOT_MET); // MRI 45 days before
        assertThat(outcome(screen("P1", "EX08"), "P1-I8")).isEqualTo(Outcome.NOT_MET); // vital-organ disease
        assertThat(screen("P1", "EX07").cohorts()).containsExactly("treatment");
    }

    @Test
    void missingDataMakesTheDecisionIncompleteAndNamesTheFields() {
        ScreeningResult r = screen("P1", "EX05");
        assertThat(r.decision()).isEqualTo(Decision.INCOMPLETE);
        assertThat(outcome(r, "P1-I6")).isEqualTo(Outcome.UNKNOWN);
        assertThat(r.missingFields()).contains("labs.albumin", "ecog", "planned_procedure", "imaging");
    }

    @Test
    void p2NeedsTheLockedPreScoreAndAPersonForInvestigatorJudgement() {
        ScreeningResult noScore = screen("P2", "EX09");
        assertThat(outcome(noScore, "P2-I5")).isEqualTo(Outcome.UNKNOWN);
        assertThat(noScore.missingFields()).contains("prediction.pre_score");
        ScreeningResult high = screen("P2", "EX09", Map.of("pre_score", 0.62));
        assertThat(outcome(high, "P2-I5")).isEqualTo(Outcome.MET);
        assertThat(outcome(high, "P2-I8")).isEqualTo(Outcome.MET);
        assertThat(outcome(high, "P2-E6")).isEqualTo(Outcome.NEEDS_PERSON);
        // Not yet operated: the post-operative exclusions wait for pathology and 90 days of follow-up.
        assertThat(outcome(high, "P2-E1")).isEqualTo(Outcome.UNKNOWN);
        assertThat(high.decision()).isEqualTo(Decision.INCOMPLETE);
        assertThat(outcome(screen("P2", "EX09", Map.of("pre_score", 0.49)), "P2-I5")).isEqualTo(Outcome.NOT_MET);
    }

    @Test
    void p2ExclusionsFromPathologyFollowUpAndComorbidity() {
        assertThat(outcome(screen("P2", "EX10"), "P2-E1")).isEqualTo(Outcome.MET); // cholangiocarcinoma
        assertThat(outcome(screen("P2", "EX12"), "P2-E3")).isEqualTo(Outcome.MET); // died day 60
        assertThat(outcome(screen("P2", "EX12"), "P2-E5")).isEqualTo(Outcome.MET); // NYHA III
        assertThat(outcome(screen("P2", "EX14"), "P2-E3")).isEqualTo(Outcome.MET); // lost after 40 days
        assertThat(outcome(screen("P2", "EX14"), "P2-E2")).isEqualTo(Outcome.MET);
        assertThat(outcome(screen("P2", "EX14"), "P2-E4")).isEqualTo(Outcome.MET);
        assertThat(screen("P2", "EX14").decision()).isEqualTo(Decision.NOT_ELIGIBLE);
    }

    @Test
    void theSpecimensFindingsAreNotKnownBeforeTheSurgeryThatYieldsThem() {
        // EX10's resection (2024-07-10) shows a cholangiocarcinoma. Consent the day before cannot know it: no exclusion yet,
        // the missing fact is named; on the day after surgery the exclusion applies.
        var record = ExamplePatients.get("EX10");
        LocalDate surgery = record.surgeryDate().orElseThrow();
        ScreeningResult before = Screening.screen(PROTOCOLS.get("P2"), new ScreeningContext(record, surgery.minusDays(1), Map.of("pre_score", 0.7)));
        CriterionResult e1 = before.criteria().stream().filter(c -> c.criterionId().equals("P2-E1")).findFirst().orElseThrow();
        assertThat(e1.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(e1.missingFields()).singleElement().asString().contains("known after surgery").contains("screened on day -1");
        assertThat(before.decision()).isNotEqualTo(Decision.NOT_ELIGIBLE);
        ScreeningResult after = Screening.screen(PROTOCOLS.get("P2"), new ScreeningContext(record, surgery.plusDays(1), Map.of("pre_score", 0.7)));
        assertThat(outcome(after, "P2-E1")).isEqualTo(Outcome.MET);
        // Stages that need the specimen wait for it too; the pre-operative ones do not.
        var facts = FactCatalogue.of(new ScreeningContext(record, surgery.minusDays(1), Map.of()));
        assertThat(((org.livercast.core.protocol.rule.Fact.Missing) facts.get("ajcc_stage")).fields()).anyMatch(f -> f.contains("known after surgery"));
        assertThat(facts.get("bclc_stage")).isInstanceOf(org.livercast.core.protocol.rule.Fact.Known.class);
        // "resected" is false, not unknown, before the operation.
        assertThat(FactCatalogue.of(new ScreeningContext(record, surgery.minusDays(1), Map.of())).get("resected"))
                .isEqualTo(org.livercast.core.protocol.rule.Fact.of(false));
    }

    @Test
    void p4RejectsR1ResectionsAndSlidesThatFailQc() {
        ScreeningResult r = screen("P4", "EX11");
        assertThat(r.decision()).isEqualTo(Decision.NOT_ELIGIBLE);
        assertThat(outcome(r, "P4-I3")).isEqualTo(Outcome.NOT_MET);
        assertThat(outcome(r, "P4-E3")).isEqualTo(Outcome.MET);
        assertThat(outcome(r, "P4-E4")).isEqualTo(Outcome.MET);
        assertThat(outcome(r, "P4-E1")).isEqualTo(Outcome.MET);
        ScreeningResult ok = screen("P4", "EX03");
        assertThat(ok.decision()).isEqualTo(Decision.ELIGIBLE);
        assertThat(ok.cohorts()).containsExactly("tace_systemic");
    }

    @Test
    void p5PrognosticCohortNeedsTwoYearsOfFollowUpOrADeath() {
        assertThat(screen("P5", "EX13").cohorts()).containsExactly("diagnostic"); // benign
        assertThat(screen("P5", "EX02").cohorts()).contains("prognostic"); // died
        assertThat(screen("P5", "EX04").cohorts()).contains("prognostic"); // followed > 2 years
        assertThat(outcome(screen("P5", "EX16"), "P5-I2")).isEqualTo(Outcome.NOT_MET); // non-contrast CT
    }

    /** The example file is meant to exercise every criterion: each rule is met and not met by someone. */
    @Test
    void examplePatientsExerciseEveryCriterionOutcome() {
        Map<String, Set<Outcome>> seen = new HashMap<>();
        List<PatientRecord> patients = ExamplePatients.all();
        for (Protocol p : PROTOCOLS.all()) {
            for (PatientRecord r : patients) {
                for (Map<String, Double> outputs : List.of(Map.<String, Double>of(), Map.of("pre_score", 0.7), Map.of("pre_score", 0.2))) {
                    for (CriterionResult c : Screening.screen(p, new ScreeningContext(r, AS_OF, outputs)).criteria()) {
                        seen.computeIfAbsent(c.criterionId(), k -> EnumSet.noneOf(Outcome.class)).add(c.outcome());
                    }
                }
            }
        }
        for (Protocol p : PROTOCOLS.all()) {
            for (Criterion c : concat(p.inclusion(), p.exclusion())) {
                if (c.needsPerson()) {
                    assertThat(seen.get(c.id())).as(c.id()).containsExactly(Outcome.NEEDS_PERSON);
                } else {
                    assertThat(seen.get(c.id())).as(c.id()).contains(Outcome.MET, Outcome.NOT_MET);
                }
            }
        }
        long withUnknown = seen.values().stream().filter(s -> s.contains(Outcome.UNKNOWN)).count();
        assertThat(withUnknown).isGreaterThanOrEqualTo(25);
        assertThat(patients.stream().map(r -> Screening.screen(PROTOCOLS.get("P1"), new ScreeningContext(r, AS_OF, Map.of())).decision()))
                .contains(Decision.ELIGIBLE, Decision.NOT_ELIGIBLE, Decision.INCOMPLETE);
    }

    private static List<Criterion> concat(List<Criterion> a, List<Criterion> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void screeningIsPureAndDeterministic() {
        assertThat(screen("P4", "EX01")).isEqualTo(screen("P4", "EX01"));
    }
}
