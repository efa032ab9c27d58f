package org.livercast.study.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.livercast.core.endpoint.BinaryOutcome;
import org.livercast.core.endpoint.Endpoints;
import org.livercast.core.endpoint.RfsEvents;
import org.livercast.core.endpoint.TimeToEvent;
import org.livercast.core.model.AdverseEvent;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.protocol.EndpointSpec;
import org.livercast.core.protocol.FactCatalogue;
import org.livercast.core.protocol.Protocol;
import org.livercast.core.protocol.ScreeningContext;
import org.livercast.core.protocol.ScreeningResult;
import org.livercast.core.protocol.rule.Fact;
import org.livercast.study.models.Diagnoses;
import org.livercast.study.models.Recommendations;
import org.livercast.study.ops.Enrolments;
import org.livercast.study.ops.LockedPredictions;
import org.livercast.study.ops.StudyEvents;
import org.livercast.study.screening.ScreeningService;
import org.livercast.study.store.PatientStore;

/**
 * One row per analysed patient of a protocol with a resection (and, in {@code lesions}, every analysed patient's lesion,
 * resected or not, for a diagnostic endpoint): who is analysed (the enrolled patients when the protocol has any, else
 * the eligible ones — the retrospective designs), their cohort, endpoints at the cut-off, the PRE and POST scores (the
 * locked prediction for this protocol when there is one, else the latest), and the subgroup variables.
 */
public record AnalysisData(Protocol protocol, Integer cutoffDays, Population population, int screened, int eligible, int enrolled, List<Row> rows,
                           List<Lesion> lesions, List<Screened> screenings) {
    /** Whom to analyse: the protocol's own (enrolled if any were, else eligible), or explicitly one of the sets. */
    public enum Population {
        PROTOCOL, ENROLLED, ELIGIBLE, ALL;

        /** protocol, enrolled, eligible or all (any case). */
        public static Population parse(String v) {
            try {
                return valueOf(v.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("population = '" + v + "': one of protocol, enrolled, eligible, all");
            }
        }
    }

    /**
     * Every screened patient's screening as of their last known date, analysed or not: what a study's dashboard counts
     * (decisions, failures by criterion) from the same evaluation that chose the analysed rows.
     */
    public record Screened(String centre, String patientId, ScreeningResult result) {}

    /**
     * An analysed patient's lesion as a diagnostic study (P5) counts it: resected or not — a pathological diagnosis from a
     * biopsy is a reference standard too, though without a resection there is no time from surgery to analyse.
     *
     * @param histology the pathological diagnosis, or null when there is none yet
     * @param diagnosis the diagnosis model's latest reading, or null
     */
    public record Lesion(String centre, String patientId, List<String> cohorts, String histology, boolean neoadjuvant, Diagnoses.Stored diagnosis) {
        public boolean inCohort(String id) { return cohorts.contains(id); }
    }

    /**
     * A stored PRE or POST prediction as the analysis uses it.
     *
     * @param probability P(aggressive recurrence within 2 years)
     * @param rfsRisk     the model's RFS risk score (higher = earlier recurrence)
     * @param osRisk      the OS risk score, or null for a prediction stored before the model had an OS head
     * @param locked      whether it is the prediction locked for this protocol (else the latest)
     * @param rfsSurvivalByYear predicted RFS at 1, 2, … years after surgery (empty when the prediction did not store it)
     * @param osSurvivalByYear  predicted OS, likewise
     */
    public record Score(double probability, double rfsRisk, Double osRisk, boolean locked, List<Double> rfsSurvivalByYear,
                        List<Double> osSurvivalByYear) {
        public Score {
            rfsSurvivalByYear = rfsSurvivalByYear == null ? List.of() : List.copyOf(rfsSurvivalByYear);
            osSurvivalByYear = osSurvivalByYear == null ? List.of() : List.copyOf(osSurvivalByYear);
        }
    }

    /**
     * @param cohort    the first of the protocol's cohorts the patient is in, "(none)" when none
     * @param cohorts   every cohort the patient is in (P5's patients are in the diagnostic and, some, the prognostic one)
     * @param preScore  the PRE prediction, or null when none is stored
     * @param histology the pathological diagnosis (hcc, icc, chcc_cca, other_malignant, benign) or null when unknown
     * @param diagnosis the diagnosis model's latest reading of the lesion (P5), or null when no model has read it
     */
    public record Row(String centre, String patientId, String cohort, List<String> cohorts, BinaryOutcome aggressive, TimeToEvent rfs, TimeToEvent os,
                      Score preScore, Score postScore, String bclc, boolean neoadjuvant,
                      int worstAdverseGrade, boolean seriousAdverseEvent, String actualStrategy, String recommended,
                      BinaryOutcome recurrence3y, String histology, Diagnoses.Stored diagnosis) {
        public Double pre() { return preScore == null ? null : preScore.probability(); }

        public Double preRisk() { return preScore == null ? null : preScore.rfsRisk(); }

        public boolean preLocked() { return preScore != null && preScore.locked(); }

        public Double post() { return postScore == null ? null : postScore.probability(); }

        public Double postRisk() { return postScore == null ? null : postScore.rfsRisk(); }

        public boolean inCohort(String id) { return cohorts.contains(id); }

        /**
         * P4's grouping: "consistent" when the strategy given is the one the therapy model recommended, else
         * "inconsistent"; null when either is unknown (no stored recommendation, or no recorded strategy).
         */
        public String recommendationConsistency() {
            if (recommended == null || actualStrategy == null) return null;
            return recommended.equals(actualStrategy) ? "consistent" : "inconsistent";
        }
    }

    /**
     * @param cutoffDays follow-up counted to this many days after surgery (administrative censoring), or null for all
     *                   data. Stored dates are days from surgery (surgery on 2000-01-01), so a calendar cut-off becomes
     *                   the same number of days for everyone.
     */
    public static AnalysisData collect(Jdbi jdbi, Protocol p, Integer cutoffDays, String centreScope) {
        return collect(jdbi, p, cutoffDays, centreScope, Population.PROTOCOL);
    }

    public static AnalysisData collect(Jdbi jdbi, Protocol p, Integer cutoffDays, String centreScope, Population population) {
        PatientStore patients = new PatientStore(jdbi);
        ScreeningService screening = new ScreeningService(jdbi);
        LockedPredictions locks = new LockedPredictions(jdbi);
        Recommendations recommendations = new Recommendations(jdbi);
        StudyEvents studyEvents = new StudyEvents(jdbi);
        Diagnoses diagnoses = new Diagnoses(jdbi);
        List<String> enrolledIds = new Enrolments(jdbi).enrolled(p.id(), centreScope).stream().map(e -> e.centreId() + "/" + e.patientId()).toList();
        RfsEvents rfsEvents = rfsEvents(p);
        int screened = 0;
        int eligible = 0;
        List<Row> rows = new ArrayList<>();
        List<Lesion> lesions = new ArrayList<>();
        List<Screened> screenings = new ArrayList<>();
        for (PatientStore.Key k : patients.keys()) {
            if (centreScope != null && !centreScope.equals(k.centreId())) continue;
            PatientRecord r = studyEvents.merged(patients.find(k.centreId(), k.patientId()).orElseThrow());
            LocalDate asOf = r.lastKnownDate().orElse(null);
            if (asOf == null) continue;
            screened++;
            ScreeningResult res = screening.evaluate(p, k, r, asOf).result();  // an analysis reads the study: no screening event
            screenings.add(new Screened(k.centreId(), k.patientId(), res));
            boolean isEligible = res.decision() == ScreeningResult.Decision.ELIGIBLE;
            if (isEligible) eligible++;
            boolean isEnrolled = enrolledIds.contains(k.centreId() + "/" + k.patientId());
            boolean analysed = switch (population) {
                case PROTOCOL -> enrolledIds.isEmpty() ? isEligible : isEnrolled;
                case ENROLLED -> isEnrolled;
                case ELIGIBLE -> isEligible;
                case ALL -> true;
            };
            if (!analysed) continue;
            boolean neo = r.treatment() != null && !r.treatment().neoadjuvantDrugs().isEmpty();
            String histology = r.pathology().diagnosis() == null ? null : r.pathology().diagnosis().name().toLowerCase(java.util.Locale.ROOT);
            Diagnoses.Stored reading = diagnoses.latest(k.centreId(), k.patientId()).orElse(null);
            lesions.add(new Lesion(k.centreId(), k.patientId(), List.copyOf(res.cohorts()), histology, neo, reading));
            if (r.surgeryDate().isEmpty()) continue;
            LocalDate surgery = r.surgeryDate().get();
            LocalDate cutoff = cutoffDays == null ? LocalDate.of(2999, 12, 31) : surgery.plusDays(cutoffDays);
            Endpoints ep = Endpoints.of(r, cutoff);
            var pre = score(jdbi, locks, k, p.id(), "pre");
            var post = score(jdbi, locks, k, p.id(), "post");
            Fact bclc = FactCatalogue.of(new ScreeningContext(r, surgery, Map.of())).get("bclc_stage");
            int worst = 0;
            boolean serious = false;
            for (TimelineEvent e : r.events()) {
                if (e instanceof AdverseEvent ae && !ae.date().isAfter(cutoff)) {
                    worst = Math.max(worst, ae.grade());
                    serious |= ae.serious();
                }
            }
            String actual = r.treatment() == null || r.treatment().adjuvantStrategy() == null ? null
                    : r.treatment().adjuvantStrategy().name().toLowerCase(java.util.Locale.ROOT);
            String recommended = recommendations.latest(k.centreId(), k.patientId()).map(Recommendations.Stored::recommended).orElse(null);
            rows.add(new Row(k.centreId(), k.patientId(), res.cohorts().isEmpty() ? "(none)" : res.cohorts().get(0), List.copyOf(res.cohorts()),
                    ep.aggressiveRecurrence(), ep.rfs(rfsEvents), ep.os(), pre, post,
                    bclc instanceof Fact.Known kn ? "BCLC " + kn.value() : "BCLC unknown", neo, worst, serious, actual, recommended,
                    ep.recurrenceWithin(Endpoints.THREE_YEARS_DAYS), histology, reading));
        }
        return new AnalysisData(p, cutoffDays, population, screened, eligible, enrolledIds.size(), List.copyOf(rows), List.copyOf(lesions),
                List.copyOf(screenings));
    }

    /** What ends a protocol's RFS: its rfs endpoint's events (P5's PFS counts deaths too); recurrence alone when it names none. */
    public static RfsEvents rfsEvents(Protocol p) {
        return p.endpoints().stream().filter(e -> e.type().equals("rfs")).map(EndpointSpec::events).filter(Objects::nonNull)
                .findFirst().map(e -> e.equals("recurrence_or_death") ? RfsEvents.RECURRENCE_OR_DEATH : RfsEvents.RECURRENCE).orElse(RfsEvents.RECURRENCE);
    }

    /**
     * Whether the protocol's cohorts are the four adjuvant strategies the therapy model chooses among (P4): then its
     * patients can be compared by whether they were treated as the model recommended. Read from the protocol's cohorts,
     * not its id, so a new strategy-comparison protocol gets the comparison too and P1 or P5 do not.
     */
    public static boolean cohortsAreStrategies(Protocol p) {
        var strategies = java.util.Arrays.stream(org.livercast.core.model.AdjuvantStrategy.values()).map(org.livercast.core.model.AdjuvantStrategy::id)
                .collect(java.util.stream.Collectors.toSet());
        var cohorts = p.cohorts().stream().map(org.livercast.core.protocol.Cohort::id).collect(java.util.stream.Collectors.toSet());
        return cohorts.equals(strategies);
    }

    /**
     * The protocol's own name for that endpoint: "PFS" when it calls it progression-free survival (P5), else "RFS" — P2's
     * and P4's RFS count deaths too and are still recurrence-free survival in their protocols.
     */
    public static String rfsName(Protocol p) {
        return p.endpoints().stream().filter(e -> e.type().equals("rfs")).findFirst()
                .filter(e -> e.id().equalsIgnoreCase("pfs") || e.text().toLowerCase(java.util.Locale.ROOT).contains("progression"))
                .map(e -> "PFS").orElse("RFS");
    }

    /** The current lock for this protocol and moment, else the latest prediction; null when there is none. */
    private static Score score(Jdbi jdbi, LockedPredictions locks, PatientStore.Key k, String protocol, String moment) {
        var lock = locks.current(k.centreId(), k.patientId(), protocol, moment);
        // The OS risk score lives in the stored prediction's body (an OS head came after the table's columns).
        String columns = "select probability_aggressive_2y, rfs_risk_score, (body->>'osRiskScore')::float8, body->'rfsSurvivalByYear', body->'osSurvivalByYear'"
                + " from prediction";
        String sql = lock.isPresent() ? columns + " where prediction_id = :id"
                : columns + " where centre_id = :c and patient_id = :p and kind = :k order by predicted_at desc, prediction_id desc limit 1";
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql);
            if (lock.isPresent()) q.bind("id", lock.get().predictionId());
            else q.bind("c", k.centreId()).bind("p", k.patientId()).bind("k", moment);
            return q.map((rs, ctx) -> new Score(rs.getDouble(1), rs.getDouble(2), (Double) rs.getObject(3), lock.isPresent(), doubles(rs.getString(4)),
                    doubles(rs.getString(5)))).findOne().orElse(null);
        });
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A JSON array of numbers, or empty for null / anything else (a body stored before the field existed). */
    private static List<Double> doubles(String json) {
        if (json == null) return List.of();
        try {
            var node = JSON.readTree(json);
            if (!node.isArray()) return List.of();
            List<Double> out = new ArrayList<>();
            node.forEach(n -> out.add(n.asDouble()));
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored prediction's survival curve is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
