package org.livercast.synth;

import static org.livercast.synth.Draw.chance;
import static org.livercast.synth.Draw.clamp;
import static org.livercast.synth.Draw.logistic;
import static org.livercast.synth.Draw.logit;
import static org.livercast.synth.Draw.normal;
import static org.livercast.synth.Parameters.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.core.model.AdverseEvent;
import org.livercast.core.model.Analyte;
import org.livercast.core.model.Ascites;
import org.livercast.core.model.Comorbidities;
import org.livercast.core.model.Death;
import org.livercast.core.model.Diagnosis;
import org.livercast.core.model.Encephalopathy;
import org.livercast.core.model.ImageQuality;
import org.livercast.core.model.ImagingStudy;
import org.livercast.core.model.LabValue;
import org.livercast.core.model.Modality;
import org.livercast.core.model.MviGrade;
import org.livercast.core.model.Nodule;
import org.livercast.core.model.Pathology;
import org.livercast.core.model.Patient;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.Phase;
import org.livercast.core.model.PlannedProcedure;
import org.livercast.core.model.ResectionMargin;
import org.livercast.core.model.Sex;
import org.livercast.core.model.Slide;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.model.Treatment;
import org.livercast.core.model.TumourBurden;

/**
 * Generates one patient from the latent biology outwards: baseline, tumour, pathology, imaging summary, treatment
 * (confounded by centre habits and risk), outcomes from the hazard model, follow-up timeline and truth. Pure function
 * of (centre, index, seed): the same arguments give the same patient on any machine or thread.
 */
public final class PatientSimulator {
    static final LocalDate FIRST_SURGERY = LocalDate.of(2018, 1, 1);
    static final int SURGERY_WINDOW_DAYS = 2400;

    private PatientSimulator() {}

    public static SyntheticPatient simulate(CentreProfile c, int index, long seed, LocalDate cutoff) {
        return simulate(c, index, seed, cutoff, TreatmentTruth.TRIALS);
    }

    public static SyntheticPatient simulate(CentreProfile c, int index, long seed, LocalDate cutoff, TreatmentTruth effects) {
        long patientSeed = seed * 1_000_003L + (long) c.id().hashCode() * 7919 + index;
        SplittableRandom r = new SplittableRandom(patientSeed);
        String id = c.id() + "-" + String.format("%05d", index + 1);
        double a = normal(r) + c.aggressivenessShift();
        Latent latent = new Latent(a, 0.7 * a + 0.71 * normal(r), normal(r), 0.6 * a + 0.8 * normal(r), normal(r));
        double u = r.nextDouble();
        String lesion = u < 0.05 ? "icc" : u < 0.12 ? "benign" : "hcc";
        LocalDate surgery = FIRST_SURGERY.plusDays(r.nextInt(SURGERY_WINDOW_DAYS));
        int age = (int) clamp(Math.round(AGE_MEAN + AGE_SD * normal(r)), 25, 84);
        LocalDate birth = surgery.minusYears(age).minusDays(r.nextInt(365));
        Identity identity = Identity.draw(r, c.id(), birth);
        boolean hbv = chance(r, HBV);
        boolean cirrhosis = latent.liverDamage() > -0.375 && !lesion.equals("benign");
        TumourBurden burden = tumour(r, a, lesion);
        boolean large = burden.largestMm() >= 50;
        boolean mvi = lesion.equals("benign") ? false
                : chance(r, logistic(MVI_INTERCEPT + MVI_PER_PROPENSITY * latent.vascularPropensity() + (large ? MVI_LARGE_TUMOUR : 0)));
        int grade = lesion.equals("hcc") ? edmondson(latent.dedifferentiation()) : 0;
        boolean satellites = lesion.equals("hcc") && chance(r, logistic(-2.0 + 0.8 * a));
        double afp = lesion.equals("benign") ? Math.pow(10, 0.5 + 0.3 * normal(r))
                : clamp(Math.pow(10, LOG10_AFP_MEAN + 0.5 * a + LOG10_AFP_SD * normal(r)), 1, 500_000);
        Findings findings = findings(r, lesion, latent, mvi);
        Patient patient = Patient.builder(id, c.id()).sex(chance(r, MALE) ? Sex.MALE : Sex.FEMALE).birthDate(birth)
                .hbsAgPositive(hbv).hcvPositive(!hbv && chance(r, HCV_AMONG_HBV_NEGATIVE)).cirrhosis(cirrhosis)
                .ecog(chance(r, 0.88) ? 0 : 1).ascites(cirrhosis && chance(r, 0.04) ? Ascites.MILD : Ascites.NONE)
                .encephalopathy(Encephalopathy.NONE).labs(new org.livercast.core.model.LabPanel(labs(r, cirrhosis, latent, a, afp)))
                .preoperativeBurden(burden).clinicalDiagnosis(lesion.equals("benign") && chance(r, 0.5) ? Diagnosis.BENIGN : Diagnosis.HCC)
                .plannedProcedure(PlannedProcedure.CURATIVE_RESECTION).screeningDate(surgery.minusDays(7 + r.nextInt(10)))
                .informedConsent(chance(r, 0.95)).followUpConsent(chance(r, 0.93)).priorTherapyWithoutBaseline(chance(r, 0.02))
                .comorbidities(new Comorbidities(chance(r, 0.02), chance(r, 0.03) ? 3 : 1, chance(r, 0.01), chance(r, 0.03),
                        chance(r, 0.02), chance(r, 0.03), chance(r, 0.01)))
                .build();
        ImagingStudy mri = imaging(r, c, surgery);
        Hazards.Risk risk = new Hazards.Risk(mvi, afp > 400, large, burden.count() > 1, satellites, grade >= 3, cirrhosis, a, latent.immune());
        AdjuvantStrategy strategy = lesion.equals("benign") ? AdjuvantStrategy.SURGERY_ALONE : assign(r, c, risk);
        List<String> neo = !lesion.equals("benign") && chance(r, logistic(-3.5 + 0.8 * a))
                ? List.of(chance(r, 0.5) ? "oxaliplatin;fluorouracil" : "sintilimab;lenvatinib") : List.of();
        List<String> neoDrugs = neo.isEmpty() ? List.of() : List.of(neo.get(0).split(";"));
        Treatment treatment = new Treatment(surgery, chance(r, 0.95) ? ResectionMargin.R0 : ResectionMargin.R1, neoDrugs, strategy,
                strategy.includesSystemic() ? systemicDrugs(r, c) : List.of());
        Pathology pathology = new Pathology(lesion.equals("icc") ? Diagnosis.ICC : lesion.equals("benign") ? Diagnosis.BENIGN : Diagnosis.HCC,
                lesion.equals("benign") ? null : mvi ? (chance(r, logistic(latent.vascularPropensity() - 1)) ? MviGrade.M2 : MviGrade.M1) : MviGrade.M0,
                grade == 0 ? null : grade, lesion.equals("hcc") ? satellites : null, lesion.equals("hcc") ? chance(r, logistic(0.5 - 0.7 * a)) : null,
                treatment.margin(), burden.macrovascularInvasion(), false, false);
        double lpBase = lesion.equals("benign") ? Double.NEGATIVE_INFINITY : Hazards.baseLogHazard(risk) + (lesion.equals("icc") ? 0.6 : 0);
        double pBeyond = logistic(BEYOND_MILAN_INTERCEPT + BEYOND_MILAN_PER_AGGRESSIVENESS * a + (mvi ? BEYOND_MILAN_MVI : 0));
        double lp = lpBase + Hazards.treatmentEffect(risk, strategy, effects);
        double toxicDeathDay = TreatmentHarm.deathDay(patientSeed, strategy, latent.liverDamage());
        List<TimelineEvent> events = new ArrayList<>(FollowUp.simulate(r, surgery, cutoff, lp, pBeyond, a, toxicDeathDay));
        // A recorded toxic death is also the grade 5 adverse event the safety analyses count.
        events.stream().filter(e -> e instanceof Death d && d.cause().equals(FollowUp.TOXIC_DEATH)).findFirst()
                .ifPresent(d -> events.add(new AdverseEvent(d.date(), strategy.includesTace() ? "Hepatic failure" : "Death NOS", 5, true)));
        // Adverse events happen only while the patient is alive and before the data cut-off.
        LocalDate limit = events.stream().filter(e -> e instanceof Death).map(TimelineEvent::date).findFirst().orElse(cutoff);
        AdverseEvents.simulate(r, surgery, strategy, !neoDrugs.isEmpty()).stream()
                .filter(e -> !e.date().isAfter(limit) && !e.date().isAfter(cutoff)).forEach(events::add);
        List<Slide> slides = List.of(new Slide(id + "-HE1", "H&E", null, null));
        PatientRecord record = new PatientRecord(patient, List.of(mri), treatment, pathology, slides, List.of(), events);
        Map<AdjuvantStrategy, double[]> counterfactual = new EnumMap<>(AdjuvantStrategy.class);
        Map<AdjuvantStrategy, double[][]> curves = new EnumMap<>(AdjuvantStrategy.class);
        AdjuvantStrategy best = AdjuvantStrategy.SURGERY_ALONE;
        for (AdjuvantStrategy s : BY_BURDEN) {
            double lps = lpBase + Hazards.treatmentEffect(risk, s, effects);
            // Fatal toxicity happens within the first 90 days: every horizon here (≥ 1 year) loses that fraction.
            double spared = 1 - (lesion.equals("benign") ? 0 : TreatmentHarm.fatalProbability(s, latent.liverDamage()));
            double[] v = {spared * Hazards.rfs(730, lps), spared * Hazards.rfs(1095, lps)};
            counterfactual.put(s, v);
            double[][] curve = new double[2][Truth.CURVE_YEARS.length];
            for (int y = 0; y < Truth.CURVE_YEARS.length; y++) {
                double days = 365.25 * Truth.CURVE_YEARS[y];
                curve[0][y] = spared * Hazards.rfs(days, lps);
                curve[1][y] = spared * Hazards.os(days, lps, pBeyond);
            }
            curves.put(s, curve);
            // A strategy is better only if it adds ≥ 1 percentage point of 3-year RFS over the lighter ones (burden of treatment
            // otherwise wins), so they are compared lightest first: TACE + systemic is best only when it beats systemic alone.
            if (v[1] > counterfactual.get(best)[1] + 0.01) best = s;
        }
        Truth truth = new Truth(id, c.id(), latent, strategy, lp, lesion.equals("benign") ? 0
                : (1 - TreatmentHarm.fatalProbability(strategy, latent.liverDamage())) * Hazards.pAggressive2y(lp, pBeyond), counterfactual, best, curves);
        return new SyntheticPatient(record, identity, findings, truth, c);
    }

    /** The strategies from lightest to heaviest treatment burden. */
    static final List<AdjuvantStrategy> BY_BURDEN = List.of(AdjuvantStrategy.SURGERY_ALONE, AdjuvantStrategy.TACE, AdjuvantStrategy.SYSTEMIC,
            AdjuvantStrategy.TACE_SYSTEMIC);

    private static TumourBurden tumour(SplittableRandom r, double a, String lesion) {
        double main = clamp(Math.exp(Math.log(SIZE_MEDIAN_MM) + 0.25 * a + SIZE_LOG_SD * normal(r)), 10, 150);
        List<Nodule> nodules = new ArrayList<>();
        nodules.add(new Nodule(Math.round(main), 1 + r.nextInt(8)));
        if (!lesion.equals("benign") && chance(r, logistic(logit(MULTINODULAR) + 0.5 * a))) {
            int extra = chance(r, 0.7) ? 1 : chance(r, 0.85) ? 2 : 3;
            for (int i = 0; i < extra; i++) nodules.add(new Nodule(Math.max(8, Math.round(main * (0.3 + 0.4 * r.nextDouble()))), 1 + r.nextInt(8)));
        }
        return new TumourBurden(nodules, !lesion.equals("benign") && a > 2.4, false);
    }

    private static int edmondson(double d) {
        if (d < -0.9) return 1;
        if (d < 0.13) return 2;
        return d < 1.2 ? 3 : 4;
    }

    private static Findings findings(SplittableRandom r, String lesion, Latent l, boolean mvi) {
        boolean hcc = lesion.equals("hcc");
        boolean icc = lesion.equals("icc");
        return new Findings(lesion, icc || (hcc && chance(r, logistic(-2 + 0.8 * l.aggressiveness()))),
                hcc && chance(r, 0.85), hcc && chance(r, 0.35), !lesion.equals("benign") && chance(r, logistic(-0.5 + 0.9 * l.vascularPropensity() + (mvi ? 0.8 : 0))),
                !lesion.equals("benign") && chance(r, logistic(-1.5 + 1.0 * l.vascularPropensity() + (mvi ? 0.8 : 0))),
                hcc && chance(r, logistic(-2.2 + 0.9 * l.aggressiveness())), l.immune() > 0.5 ? 2 : l.immune() > -0.5 ? 1 : 0,
                !lesion.equals("benign") && chance(r, logistic(-2 + 0.7 * l.aggressiveness())));
    }

    private static List<LabValue> labs(SplittableRandom r, boolean cirrhosis, Latent l, double a, double afp) {
        double albumin = clamp(42 - (cirrhosis ? 3 : 0) - 1.5 * Math.max(0, l.liverDamage()) + 3 * normal(r), 26, 52);
        double bilirubin = clamp(Math.exp(Math.log(13) + 0.2 * l.liverDamage() + 0.35 * normal(r)), 3, 60);
        double inr = clamp(1.0 + (cirrhosis ? 0.05 : 0) + 0.06 * normal(r), 0.85, 1.6);
        double platelets = clamp(190 - (cirrhosis ? 60 : 0) + 45 * normal(r), 40, 450);
        double pivka = clamp(PIVKA_MEDIAN * Math.exp(0.5 * a + normal(r)), 5, 100_000);
        // Some centres report albumin in g/dL and bilirubin in mg/dL: the template carries the unit.
        boolean conventional = chance(r, 0.2);
        return List.of(conventional ? LabValue.of(Analyte.ALBUMIN, Draw.round(albumin / 10, 2), "g/dL") : LabValue.of(Analyte.ALBUMIN, Draw.round(albumin, 1), "g/L"),
                conventional ? LabValue.of(Analyte.TOTAL_BILIRUBIN, Draw.round(bilirubin / 17.1, 2), "mg/dL")
                        : LabValue.of(Analyte.TOTAL_BILIRUBIN, Draw.round(bilirubin, 1), "umol/L"),
                LabValue.of(Analyte.INR, Draw.round(inr, 2), "ratio"), LabValue.of(Analyte.AFP, Draw.round(afp, 1), "ng/mL"),
                LabValue.of(Analyte.PIVKA_II, Draw.round(pivka, 1), "mAU/mL"), LabValue.of(Analyte.PLATELETS, Math.round(platelets), "10^9/L"));
    }

    private static ImagingStudy imaging(SplittableRandom r, CentreProfile c, LocalDate surgery) {
        EnumSet<Phase> phases = EnumSet.of(Phase.NON_CONTRAST, Phase.ARTERIAL, Phase.PORTAL_VENOUS, Phase.DELAYED, Phase.T2, Phase.DWI);
        if (c.hepatobiliary()) phases.add(Phase.HEPATOBILIARY);
        if (chance(r, 0.04)) phases.remove(Phase.DELAYED);
        int before = chance(r, 0.05) ? 35 + r.nextInt(30) : 3 + r.nextInt(25);
        return new ImagingStudy(null, surgery.minusDays(before), Modality.MR, true,
                chance(r, 0.03) ? ImageQuality.SEVERE_ARTEFACTS : ImageQuality.ACCEPTABLE, phases, List.of());
    }

    private static AdjuvantStrategy assign(SplittableRandom r, CentreProfile c, Hazards.Risk k) {
        boolean tace = chance(r, logistic(-1.4 + 1.1 * (k.mvi() ? 1 : 0) + 0.6 * (k.large() ? 1 : 0) + 0.4 * (k.multinodular() ? 1 : 0) + c.taceBias()));
        boolean sys = chance(r, logistic(-2.3 + 0.9 * (k.mvi() ? 1 : 0) + 0.7 * (k.afp400() ? 1 : 0) + 0.5 * (k.poorGrade() ? 1 : 0) + c.systemicBias()));
        if (tace && sys) return AdjuvantStrategy.TACE_SYSTEMIC;
        if (tace) return AdjuvantStrategy.TACE;
        return sys ? AdjuvantStrategy.SYSTEMIC : AdjuvantStrategy.SURGERY_ALONE;
    }

    private static List<String> systemicDrugs(SplittableRandom r, CentreProfile c) {
        String[][] options = {{"lenvatinib"}, {"sintilimab"}, {"atezolizumab", "bevacizumab"}, {"sorafenib"}};
        return List.of(options[(c.id().hashCode() + r.nextInt(2)) & 3]);
    }
}
