package org.livercast.core.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livercast.core.InvalidValueException;
import org.livercast.core.endpoint.BinaryOutcome.Value;
import org.livercast.core.examples.ExamplePatients;
import org.livercast.core.model.Death;
import org.livercast.core.model.FollowUpVisit;
import org.livercast.core.model.Patient;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.Recurrence;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.model.Treatment;
import org.livercast.core.model.TumourBurden;

class EndpointsTest {
    static final LocalDate SURGERY = LocalDate.of(2023, 1, 10);
    static final LocalDate CUTOFF = LocalDate.of(2026, 1, 10);

    static PatientRecord patient(TimelineEvent... events) {
        return new PatientRecord(Patient.builder("P", "C").build(), List.of(), Treatment.surgeryOn(SURGERY), null,
                List.of(), List.of(), List.of(events));
    }

    static FollowUpVisit scan(int day) { return new FollowUpVisit(SURGERY.plusDays(day), true, null); }

    static Recurrence recurrence(int day, TumourBurden burden) { return new Recurrence(SURGERY.plusDays(day), burden); }

    @Test
    void recurrenceBeyondMilanOnDay730IsAggressiveAndOnDay731IsNot() {
        TumourBurden beyond = TumourBurden.ofSizesMm(40, 20);
        assertThat(Endpoints.of(patient(recurrence(730, beyond)), CUTOFF).aggressiveRecurrence().value()).isEqualTo(Value.YES);
        assertThat(Endpoints.of(patient(recurrence(731, beyond)), CUTOFF).aggressiveRecurrence().value()).isEqualTo(Value.NO);
    }

    @Test
    void firstRecurrenceWithinMilanIsNotAggressiveEvenIfLaterOnesAre() {
        var r = patient(recurrence(200, TumourBurden.ofSizesMm(20)), recurrence(400, TumourBurden.ofSizesMm(60)));
        var outcome = Endpoints.of(r, CUTOFF).aggressiveRecurrence();
        assertThat(outcome.value()).isEqualTo(Value.NO);
        assertThat(outcome.reason()).contains("within Milan");
    }

    @Test
    void macrovascularRecurrenceCountsAsBeyondMilan() {
        var r = patient(recurrence(300, TumourBurden.ofSizesMm(15).withMacrovascularInvasion(true)));
        assertThat(Endpoints.of(r, CUTOFF).aggressiveRecurrence().value()).isEqualTo(Value.YES);
    }

    @Test
    void censoredBeforeTwoYearsWithoutRecurrenceIsNotEvaluable() {
        var short_ = patient(scan(91), scan(182), scan(729));
        assertThat(Endpoints.of(short_, CUTOFF).aggressiveRecurrence().value()).isEqualTo(Value.NOT_EVALUABLE);
        var full = patient(scan(91), scan(730));
        assertThat(Endpoints.of(full, CUTOFF).aggressiveRecurrence().value()).isEqualTo(Value.NO);
    }

    @Test
    void deathWithoutRecurrenceWithinTwoYearsIsNoAggressiveRecurrence() {
        var r = patient(scan(91), new Death(SURGERY.plusDays(300), "stroke"));
        assertThat(Endpoints.of(r, CUTOFF).aggressiveRecurrence().value()).isEqualTo(Value.NO);
    }

    @Test
    void p3RfsCensorsAtDeathAndP4RfsCountsDeathAsAnEvent() {
        var r = patient(scan(91), scan(182), new Death(SURGERY.plusDays(250), null));
        Endpoints e = Endpoints.of(r, CUTOFF);
        assertThat(e.rfs(RfsEvents.RECURRENCE)).isEqualTo(new TimeToEvent(250, false));
        assertThat(e.rfs(RfsEvents.RECURRENCE_OR_DEATH)).isEqualTo(new TimeToEvent(250, true));
        assertThat(e.os()).isEqualTo(new TimeToEvent(250, true));
    }

    @Test
    void recurrenceDateIsTheConfirmingScanAndEndsRfsButNotOs() {
        var r = patient(scan(91), recurrence(182, TumourBurden.ofSizesMm(12)), scan(273), scan(364));
        Endpoints e = Endpoints.of(r, CUTOFF);
        assertThat(e.rfs(RfsEvents.RECURRENCE)).isEqualTo(new TimeToEvent(182, true));
        assertThat(e.os()).isEqualTo(new TimeToEvent(364, false));
    }

    @Test
    void eventsAfterTheCutoffAreUnseenAndFollowUpIsCappedAtTheCutoff() {
        LocalDate cutoff = SURGERY.plusDays(400);
        var r = patient(scan(91), scan(364), recurrence(455, TumourBurden.ofSizesMm(12)));
        Endpoints e = Endpoints.of(r, cutoff);
        // The patient was followed past the cut-off (the day-455 scan): censored at the cut-off, event unseen.
        assertThat(e.rfs(RfsEvents.RECURRENCE)).isEqualTo(new TimeToEvent(400, false));
        assertThat(Endpoints.of(patient(scan(91), scan(364)), cutoff).rfs(RfsEvents.RECURRENCE))
                .isEqualTo(new TimeToEvent(364, false));
        var followedPast = patient(scan(91), scan(500));
        assertThat(Endpoints.of(followedPast, cutoff).os()).isEqualTo(new TimeToEvent(400, false));
    }

    @Test
    void horizonCensorsAdministratively() {
        var r = patient(scan(600), recurrence(1200, TumourBurden.ofSizesMm(12)));
        Endpoints e = Endpoints.of(r, SURGERY.plusDays(1500));
        assertThat(e.rfs(RfsEvents.RECURRENCE_OR_DEATH, 1095)).isEqualTo(new TimeToEvent(1095, false));
        assertThat(e.recurrenceByThreeYears().value()).isEqualTo(Value.NO);
        assertThat(e.recurrenceWithin(1200).value()).isEqualTo(Value.YES);
    }

    @Test
    void endpointsNeedASurgeryDateAndACutoffAfterIt() {
        var noSurgery = PatientRecord.of(Patient.builder("P", "C").build());
        assertThatThrownBy(() -> Endpoints.of(noSurgery, CUTOFF)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("surgery_date");
        assertThatThrownBy(() -> Endpoints.of(patient(), SURGERY.minusDays(1))).hasMessageContaining("data_cutoff");
    }

    @Test
    void examplePatientsGiveTheEndpointsTheirTimelinesImply() {
        LocalDate cutoff = LocalDate.of(2026, 11, 1);
        var ex02 = Endpoints.of(ExamplePatients.get("EX02"), cutoff);
        assertThat(ex02.aggressiveRecurrence().value()).isEqualTo(Value.YES);
        assertThat(ex02.rfs(RfsEvents.RECURRENCE)).isEqualTo(new TimeToEvent(290, true));
        assertThat(ex02.os().event()).isTrue();
        var ex01 = Endpoints.of(ExamplePatients.get("EX01"), cutoff);
        assertThat(ex01.aggressiveRecurrence().value()).isEqualTo(Value.NO);
        assertThat(ex01.rfs(RfsEvents.RECURRENCE)).isEqualTo(new TimeToEvent(819, false));
        // EX06 recurred outside the liver only: beyond Milan
        assertThat(Endpoints.of(ExamplePatients.get("EX06"), cutoff).aggressiveRecurrence().value()).isEqualTo(Value.YES);
        // EX08 recurred within Milan
        assertThat(Endpoints.of(ExamplePatients.get("EX08"), cutoff).aggressiveRecurrence().value()).isEqualTo(Value.NO);
        // EX14 was lost after 40 days
        assertThat(Endpoints.of(ExamplePatients.get("EX14"), cutoff).aggressiveRecurrence().value()).isEqualTo(Value.NOT_EVALUABLE);
        List<TimeToEvent> all = new ArrayList<>();
        ExamplePatients.all().stream().filter(r -> r.surgeryDate().isPresent())
                .forEach(r -> all.add(Endpoints.of(r, cutoff).rfs(RfsEvents.RECURRENCE_OR_DEATH)));
        assertThat(all).allSatisfy(t -> assertThat(t.days()).isNotNegative());
    }
}
