package org.livercast.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livercast.core.InvalidValueException;

class DomainValidationTest {
    static final LocalDate SURGERY = LocalDate.of(2024, 3, 1);

    @Test
    void strategiesReadAsCliniciansNameThemFromTheirIdOrEnumName() {
        assertThat(java.util.Arrays.stream(AdjuvantStrategy.values()).map(AdjuvantStrategy::label))
                .containsExactly("surgery alone", "TACE", "TACE + systemic", "systemic");
        assertThat(AdjuvantStrategy.labelOf("tace_systemic")).isEqualTo("TACE + systemic");
        assertThat(AdjuvantStrategy.labelOf(" SURGERY_ALONE")).isEqualTo("surgery alone");
        // A value no strategy has is shown as written, never hidden behind a guess.
        assertThat(AdjuvantStrategy.labelOf("radiotherapy")).isEqualTo("radiotherapy");
    }

    @Test
    void negativeOrAbsurdTumourSizesNameTheField() {
        assertThatThrownBy(() -> Nodule.ofMm(-4)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("sizeMm").hasMessageContaining("-4");
        assertThatThrownBy(() -> Nodule.ofMm(3200)).hasMessageContaining("sizeMm = 3200");
        assertThatThrownBy(() -> new Nodule(20, 9)).hasMessageContaining("couinaudSegment");
    }

    @Test
    void labUnitsConvertToCanonicalAndUnknownUnitsAreRejected() {
        assertThat(LabValue.of(Analyte.ALBUMIN, 3.5, "g/dL").canonicalValue()).isEqualTo(35.0);
        assertThat(LabValue.of(Analyte.TOTAL_BILIRUBIN, 1.0, "mg/dL").canonicalValue()).isEqualTo(17.1);
        assertThat(LabValue.of(Analyte.AFP, 100, "IU/mL").canonicalValue()).isEqualTo(121.0);
        assertThatThrownBy(() -> LabValue.of(Analyte.ALBUMIN, 35, "mmol/L")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("labs.albumin.unit").hasMessageContaining("mmol/L");
    }

    @Test
    void unitsAsLaboratorySystemsWriteThemAreTheSameUnits() {
        // Case, the micro sign or the Greek mu a Chinese input method gives, and the ways a power of ten is written.
        for (String u : new String[] {"umol/L", "µmol/L", "μmol/L", "umol/l", "μmol/l", " µmol / L "}) {
            assertThat(LabValue.of(Analyte.TOTAL_BILIRUBIN, 20, u).canonicalValue()).as(u).isEqualTo(20.0);
        }
        for (String u : new String[] {"ng/mL", "ng/ml", "NG/ML", "μg/L", "ug/l"}) assertThat(LabValue.of(Analyte.AFP, 7, u).canonicalValue()).as(u).isEqualTo(7.0);
        assertThat(LabValue.of(Analyte.AFP, 100, "IU/ml").canonicalValue()).isEqualTo(121.0);
        assertThat(LabValue.of(Analyte.ALBUMIN, 3.5, "g/dl").canonicalValue()).isEqualTo(35.0);
        for (String u : new String[] {"10^9/L", "x10^9/L", "×10⁹/L", "10*9/L", "10E9/L".replace("E", "^"), "X10^9/l", "10^3/μL"}) {
            assertThat(LabValue.of(Analyte.PLATELETS, 150, u).canonicalValue()).as(u).isEqualTo(150.0);
        }
        // Still refused: a unit of another quantity, and micro- where milli- is meant.
        assertThatThrownBy(() -> LabValue.of(Analyte.TOTAL_BILIRUBIN, 20, "mmol/L")).hasMessageContaining("labs.total_bilirubin.unit");
        assertThatThrownBy(() -> LabValue.of(Analyte.PLATELETS, 150, "10^6/L")).hasMessageContaining("labs.platelets.unit");
    }

    @Test
    void impossibleLabValuesAreRejected() {
        // 350 g/L of albumin is a g/L-vs-g/dL typing error, not a patient
        assertThatThrownBy(() -> LabValue.of(Analyte.ALBUMIN, 350, "g/L")).hasMessageContaining("labs.albumin")
                .hasMessageContaining("impossible");
        assertThatThrownBy(() -> LabValue.of(Analyte.INR, -1, "ratio")).hasMessageContaining("labs.inr");
    }

    @Test
    void ecogAndEdmondsonOutOfRangeAreRejected() {
        assertThatThrownBy(() -> Patient.builder("P", "C").ecog(6).build()).hasMessageContaining("ecog = 6");
        assertThatThrownBy(() -> new Pathology(null, null, 5, null, null, null, null, null, null))
                .hasMessageContaining("pathology.edmondson_grade");
        assertThatThrownBy(() -> new AdverseEvent(SURGERY, "Fatigue", 6, false)).hasMessageContaining("adverse_event.grade");
    }

    @Test
    void eventsBeforeSurgeryOrAfterDeathAreRejected() {
        PatientRecord base = new PatientRecord(Patient.builder("P", "C").build(), List.of(), Treatment.surgeryOn(SURGERY),
                null, List.of(), List.of(), List.of());
        Recurrence early = new Recurrence(SURGERY.minusDays(3), TumourBurden.ofSizesMm(10));
        assertThatThrownBy(() -> base.withEvents(List.of(early))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("recurrence.date").hasMessageContaining("surgery_date");
        var death = new Death(SURGERY.plusDays(100), null);
        var visit = new FollowUpVisit(SURGERY.plusDays(200), true, null);
        assertThatThrownBy(() -> base.withEvents(List.of(death, visit))).hasMessageContaining("visit.date")
                .hasMessageContaining("after death.date");
        assertThatThrownBy(() -> base.withEvents(List.of(death, new Death(SURGERY.plusDays(101), null))))
                .hasMessageContaining("dies once");
    }

    @Test
    void neoadjuvantAdverseEventsMayPrecedeSurgery() {
        PatientRecord r = new PatientRecord(Patient.builder("P", "C").build(), List.of(), Treatment.surgeryOn(SURGERY),
                null, List.of(), List.of(), List.of(new AdverseEvent(SURGERY.minusDays(20), "Diarrhea", 2, false)));
        assertThat(r.adverseEvents()).hasSize(1);
    }

    @Test
    void preoperativeImagingAfterSurgeryIsRejected() {
        var study = new ImagingStudy(null, SURGERY.plusDays(1), Modality.MR, true, ImageQuality.ACCEPTABLE, null, null);
        assertThatThrownBy(() -> new PatientRecord(Patient.builder("P", "C").build(), List.of(study),
                Treatment.surgeryOn(SURGERY), null, null, null, null)).hasMessageContaining("imaging.date");
    }

    @Test
    void systemicStrategyMustNameItsDrugs() {
        assertThatThrownBy(() -> new Treatment(SURGERY, ResectionMargin.R0, List.of(), AdjuvantStrategy.SYSTEMIC, List.of()))
                .hasMessageContaining("adjuvant_drugs");
    }

    @Test
    void ageComesFromBirthDateOnTheReferenceDay() {
        Patient p = Patient.builder("P", "C").birthDate(LocalDate.of(1950, 3, 2)).build();
        assertThat(p.ageOn(LocalDate.of(2025, 3, 1))).isEqualTo(74);
        assertThat(p.ageOn(LocalDate.of(2025, 3, 2))).isEqualTo(75);
    }
}
