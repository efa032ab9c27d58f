package org.livercast.core.protocol.facts;

import static org.livercast.core.protocol.FactType.BOOLEAN;
import static org.livercast.core.protocol.FactType.NUMBER;
import static org.livercast.core.protocol.FactType.TEXT;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.livercast.core.model.Analyte;
import org.livercast.core.model.Comorbidities;
import org.livercast.core.model.Patient;
import org.livercast.core.protocol.FactDefinition;
import org.livercast.core.protocol.ScreeningContext;
import org.livercast.core.protocol.rule.Fact;

/** Demographics, virology, performance status, laboratory values, consent and comorbidities. */
final class BaselineFacts {
    private BaselineFacts() {}

    static List<FactDefinition> all() {
        FactList f = new FactList()
                .add("age_years", NUMBER, "age in whole years on the screening date (else the surgery date)",
                        c -> Fact.of(c.record().patient().ageOn(c.referenceDate()), "birth_date"))
                .add("sex", TEXT, "male or female", c -> Fact.of(lower(c.record().patient().sex()), "sex"))
                .add("hbsag_positive", BOOLEAN, "HBsAg seropositive", p(Patient::hbsAgPositive, "hbsag_positive"))
                .add("hcv_positive", BOOLEAN, "anti-HCV or HCV RNA positive", p(Patient::hcvPositive, "hcv_positive"))
                .add("cirrhosis", BOOLEAN, "cirrhosis (imaging or histology)", p(Patient::cirrhosis, "cirrhosis"))
                .add("ecog", NUMBER, "ECOG performance status 0-5", p(Patient::ecog, "ecog"))
                .add("clinical_diagnosis", TEXT, "pre-operative clinical diagnosis: hcc, icc, chcc_cca, other_malignant, benign",
                        c -> Fact.of(lower(c.record().patient().clinicalDiagnosis()), "clinical_diagnosis"))
                .add("planned_procedure", TEXT, "curative_resection, transplant, ablation, palliative or none",
                        c -> Fact.of(lower(c.record().patient().plannedProcedure()), "planned_procedure"))
                .add("informed_consent", BOOLEAN, "signed informed consent", p(Patient::informedConsent, "informed_consent"))
                .add("follow_up_consent", BOOLEAN, "willing to be followed up for at least 2 years",
                        p(Patient::followUpConsent, "follow_up_consent"))
                .add("prior_therapy_without_baseline", BOOLEAN, "anti-tumour therapy elsewhere before, without baseline data",
                        p(Patient::priorTherapyWithoutBaseline, "prior_therapy_without_baseline"))
                .add("severe_vital_organ_disease", BOOLEAN, "severe disease of heart, lungs, brain or other vital organs",
                        m(Comorbidities::severeVitalOrganDisease, "severe_vital_organ_disease"))
                .add("nyha_class", NUMBER, "New York Heart Association class 1-4", m(Comorbidities::nyhaClass, "nyha_class"))
                .add("severe_renal_dysfunction", BOOLEAN, "severe renal dysfunction",
                        m(Comorbidities::severeRenalDysfunction, "severe_renal_dysfunction"))
                .add("uncontrolled_hypertension", BOOLEAN, "uncontrolled hypertension",
                        m(Comorbidities::uncontrolledHypertension, "uncontrolled_hypertension"))
                .add("other_malignancy_within_5y", BOOLEAN, "other active malignancy within 5 years (except very-low-risk cancers)",
                        m(Comorbidities::otherMalignancyWithin5Years, "other_malignancy_within_5y"))
                .add("other_primary_malignancy", BOOLEAN, "another primary malignancy ever",
                        m(Comorbidities::otherPrimaryMalignancy, "other_primary_malignancy"))
                .add("regimen_hypersensitivity", BOOLEAN, "known hypersensitivity to a component of the study regimen",
                        m(Comorbidities::regimenHypersensitivity, "regimen_hypersensitivity"));
        for (Analyte a : Analyte.values()) {
            String name = a.fieldName() + "_" + unitSuffix(a.canonicalUnit());
            f.add(name, NUMBER, a.fieldName() + " in " + a.canonicalUnit(), c -> {
                var v = c.record().patient().labs().canonical(a);
                return v.isPresent() ? new Fact.Known(v.getAsDouble()) : Fact.missing("labs." + a.fieldName());
            });
        }
        return f.list();
    }

    /** Fact names carry their unit: albumin_g_per_l, total_bilirubin_umol_per_l, inr_ratio, afp_ng_per_ml … */
    static String unitSuffix(String unit) {
        return unit.toLowerCase(Locale.ROOT).replace("^", "e").replace("/", "_per_");
    }

    static Function<ScreeningContext, Fact> p(Function<Patient, Object> getter, String field) {
        return c -> Fact.of(getter.apply(c.record().patient()), field);
    }

    static Function<ScreeningContext, Fact> m(Function<Comorbidities, Object> getter, String field) {
        return c -> Fact.of(getter.apply(c.record().patient().comorbidities()), field);
    }

    static String lower(Enum<?> e) { return e == null ? null : e.name().toLowerCase(Locale.ROOT); }
}
