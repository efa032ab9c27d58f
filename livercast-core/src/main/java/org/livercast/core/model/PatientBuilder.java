package org.livercast.core.model;

import java.time.LocalDate;
import java.util.List;

/** Fluent construction of a {@link Patient}; unset values stay null (unknown). */
public final class PatientBuilder {
    private final String id;
    private final String centreId;
    private Sex sex;
    private LocalDate birthDate;
    private Integer ageYears;
    private Boolean hbsAgPositive;
    private Boolean hcvPositive;
    private Boolean cirrhosis;
    private Integer ecog;
    private Ascites ascites;
    private Encephalopathy encephalopathy;
    private LabPanel labs = LabPanel.empty();
    private TumourBurden preoperativeBurden;
    private Diagnosis clinicalDiagnosis;
    private PlannedProcedure plannedProcedure;
    private Boolean informedConsent;
    private Boolean followUpConsent;
    private Boolean priorTherapyWithoutBaseline;
    private Comorbidities comorbidities = Comorbidities.unknown();
    private LocalDate screeningDate;

    PatientBuilder(String id, String centreId) {
        this.id = id;
        this.centreId = centreId;
    }

    PatientBuilder(Patient p) {
        this(p.id(), p.centreId());
        sex = p.sex();
        birthDate = p.birthDate();
        ageYears = p.ageYears();
        hbsAgPositive = p.hbsAgPositive();
        hcvPositive = p.hcvPositive();
        cirrhosis = p.cirrhosis();
        ecog = p.ecog();
        ascites = p.ascites();
        encephalopathy = p.encephalopathy();
        labs = p.labs();
        preoperativeBurden = p.preoperativeBurden();
        clinicalDiagnosis = p.clinicalDiagnosis();
        plannedProcedure = p.plannedProcedure();
        informedConsent = p.informedConsent();
        followUpConsent = p.followUpConsent();
        priorTherapyWithoutBaseline = p.priorTherapyWithoutBaseline();
        comorbidities = p.comorbidities();
        screeningDate = p.screeningDate();
    }

    public PatientBuilder sex(Sex v) { sex = v; return this; }
    public PatientBuilder birthDate(LocalDate v) { birthDate = v; return this; }
    public PatientBuilder ageYears(Integer v) { ageYears = v; return this; }
    public PatientBuilder hbsAgPositive(Boolean v) { hbsAgPositive = v; return this; }
    public PatientBuilder hcvPositive(Boolean v) { hcvPositive = v; return this; }
    public PatientBuilder cirrhosis(Boolean v) { cirrhosis = v; return this; }
    public PatientBuilder ecog(Integer v) { ecog = v; return this; }
    public PatientBuilder ascites(Ascites v) { ascites = v; return this; }
    public PatientBuilder encephalopathy(Encephalopathy v) { encephalopathy = v; return this; }
    public PatientBuilder labs(LabValue... v) { labs = new LabPanel(List.of(v)); return this; }
    public PatientBuilder labs(LabPanel v) { labs = v; return this; }
    public PatientBuilder preoperativeBurden(TumourBurden v) { preoperativeBurden = v; return this; }
    public PatientBuilder clinicalDiagnosis(Diagnosis v) { clinicalDiagnosis = v; return this; }
    public PatientBuilder plannedProcedure(PlannedProcedure v) { plannedProcedure = v; return this; }
    public PatientBuilder informedConsent(Boolean v) { informedConsent = v; return this; }
    public PatientBuilder followUpConsent(Boolean v) { followUpConsent = v; return this; }
    public PatientBuilder priorTherapyWithoutBaseline(Boolean v) { priorTherapyWithoutBaseline = v; return this; }
    public PatientBuilder comorbidities(Comorbidities v) { comorbidities = v; return this; }

    public PatientBuilder screeningDate(LocalDate v) { screeningDate = v; return this; }

    public Patient build() {
        return new Patient(id, centreId, sex, birthDate, ageYears, hbsAgPositive, hcvPositive, cirrhosis, ecog,
                ascites, encephalopathy, labs, preoperativeBurden, clinicalDiagnosis, plannedProcedure,
                informedConsent, followUpConsent, priorTherapyWithoutBaseline, comorbidities, screeningDate);
    }
}
