package org.livercast.core.model;

import java.time.LocalDate;
import java.time.Period;
import org.livercast.core.Checks;
import org.livercast.core.InvalidValueException;

/**
 * A patient's baseline: who they are, their liver, their pre-operative tumour and laboratory values, and the
 * facts protocols screen on. Values a centre did not record are null, never a default, so that screening can say
 * "unknown: field X is missing". Build one with {@link #builder(String, String)}.
 *
 * @param screeningDate the day the patient was screened for a study; ages are taken on it (else on surgery)
 * @param ageYears age in whole years at the reference date; given directly by de-identified exports, or
 *                 computed from {@code birthDate}
 */
public record Patient(String id, String centreId, Sex sex, LocalDate birthDate, Integer ageYears,
                      Boolean hbsAgPositive, Boolean hcvPositive, Boolean cirrhosis, Integer ecog,
                      Ascites ascites, Encephalopathy encephalopathy, LabPanel labs,
                      TumourBurden preoperativeBurden, Diagnosis clinicalDiagnosis,
                      PlannedProcedure plannedProcedure, Boolean informedConsent, Boolean followUpConsent,
                      Boolean priorTherapyWithoutBaseline, Comorbidities comorbidities,
                      LocalDate screeningDate) {
    public Patient {
        Checks.requiredText("patient_id", id);
        Centre.checkId("centre_id", centreId);
        if (ecog != null) Checks.inRange("ecog", ecog, 0, 5);
        if (ageYears != null) Checks.inRange("age_years", ageYears, 0, 120);
        labs = labs == null ? LabPanel.empty() : labs;
        comorbidities = comorbidities == null ? Comorbidities.unknown() : comorbidities;
    }

    /** Age in whole years on {@code date}: from the birth date when known, else the recorded age. */
    public Integer ageOn(LocalDate date) {
        if (birthDate == null || date == null) return ageYears;
        if (date.isBefore(birthDate)) throw new InvalidValueException("birth_date", birthDate, "is after " + date);
        return Period.between(birthDate, date).getYears();
    }

    public static PatientBuilder builder(String id, String centreId) { return new PatientBuilder(id, centreId); }

    public PatientBuilder toBuilder() { return new PatientBuilder(this); }

    /** The same patient under another identifier (a centre's hospital number, or a pseudonym). */
    public Patient withId(String newId) {
        return new Patient(newId, centreId, sex, birthDate, ageYears, hbsAgPositive, hcvPositive, cirrhosis, ecog, ascites,
                encephalopathy, labs, preoperativeBurden, clinicalDiagnosis, plannedProcedure, informedConsent, followUpConsent,
                priorTherapyWithoutBaseline, comorbidities, screeningDate);
    }
}
