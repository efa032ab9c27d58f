package org.livercast.fhir;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.livercast.core.model.PatientRecord;
import org.livercast.study.models.Diagnoses;
import org.livercast.study.models.ModelRegistry;
import org.livercast.study.models.Recommendations;
import org.livercast.study.ops.LockedPredictions;

/**
 * Everything LiverCast has said about a patient, as FHIR R4 resources read from the store: the Patient, its staging as
 * Observations, each stored
 * prediction, diagnosis and recommendation as a RiskAssessment with the Provenance of its inputs, and the models that
 * made them as Devices. Who may see which patient, and whether a protocol conceals the recommendation, is the caller's
 * to decide (the web server and the export check the user and the enrolments first).
 */
public final class PatientResources {
    private final ModelRegistry models;
    private final Diagnoses diagnoses;
    private final Recommendations recommendations;
    private final LockedPredictions locks;

    public PatientResources(Jdbi jdbi) {
        this.models = new ModelRegistry(jdbi);
        this.diagnoses = new Diagnoses(jdbi);
        this.recommendations = new Recommendations(jdbi);
        this.locks = new LockedPredictions(jdbi);
    }

    /** One assessment and how it was made. */
    public record Assessment(String centreId, String patientId, String kind, ObjectNode riskAssessment, ObjectNode provenance) {}

    /** The patient's assessments, oldest first within each model kind: predictions, diagnoses, then recommendations. */
    public List<Assessment> assessments(PatientRecord record, boolean withRecommendations) {
        String centre = record.patient().centreId();
        String id = record.id();
        List<LockedPredictions.Lock> patientLocks = locks.history(centre, id);
        List<Assessment> out = new ArrayList<>();
        for (ModelRegistry.Recorded p : models.recordedOf(centre, id)) out.add(prediction(p, patientLocks));
        for (Diagnoses.Recorded d : diagnoses.recordedOf(centre, id)) out.add(diagnosis(d));
        if (withRecommendations) for (Recommendations.Recorded r : recommendations.recordedOf(centre, id)) out.add(recommendation(r));
        return out;
    }

    /**
     * The patient, their staging, their assessments each followed by its Provenance, and the Devices of the models named — what a
     * Patient/$everything answer or a bulk export holds for one patient.
     */
    public List<ObjectNode> everything(PatientRecord record, boolean withRecommendations) {
        List<ObjectNode> out = new ArrayList<>();
        out.add(PatientResource.of(record));
        out.addAll(StagingObservations.of(record));
        Map<String, String> kindByModel = new LinkedHashMap<>();
        for (Assessment a : assessments(record, withRecommendations)) {
            out.add(a.riskAssessment());
            out.add(a.provenance());
            kindByModel.put(a.riskAssessment().path("performer").path("reference").asText().substring("Device/".length()), a.kind());
        }
        // Every performer resolves inside: a model the registry lacks (the therapy ensemble) is described by what is known.
        kindByModel.forEach((m, kind) -> out.add(models.summary(m).map(ModelDevice::of).orElseGet(() -> ModelDevice.unregistered(m, kind))));
        return out;
    }

    /** A RiskAssessment (and its Provenance) by its id, wherever it is stored; empty for an id LiverCast did not give. */
    public Optional<Assessment> assessment(String riskAssessmentId) {
        return FhirIds.stored(riskAssessmentId).flatMap(s -> switch (s.kind()) {
            case "prediction" -> models.recorded(s.rowId()).map(p -> prediction(p,
                    locks.history(p.prediction().centreId(), p.prediction().patientId())));
            case "diagnosis" -> diagnoses.recorded(s.rowId()).map(this::diagnosis);
            case "recommendation" -> recommendations.recorded(s.rowId()).map(this::recommendation);
            default -> Optional.empty();
        });
    }

    /**
     * A model as a Device: a registered one with its card, else one only the therapy model's recommendations name;
     * empty when nothing in the store has the id.
     */
    public Optional<ObjectNode> device(String modelId) {
        Optional<ObjectNode> registered = models.summary(modelId).map(ModelDevice::of);
        if (registered.isPresent()) return registered;
        return recommendations.madeBy(modelId) ? Optional.of(ModelDevice.unregistered(modelId, "therapy")) : Optional.empty();
    }

    private Assessment prediction(ModelRegistry.Recorded r, List<LockedPredictions.Lock> patientLocks) {
        var p = r.prediction();
        ObjectNode ra = RecurrenceAssessment.of(r, patientLocks);
        return new Assessment(p.centreId(), p.patientId(), p.kind(), ra,
                InputProvenance.of(ra.get("id").asText(), r.predictedAt(), p.kind(), p.modelId(), p.inputSha256()));
    }

    private Assessment diagnosis(Diagnoses.Recorded r) {
        var d = r.diagnosis();
        ObjectNode ra = DiagnosisAssessment.of(r);
        return new Assessment(d.centreId(), d.patientId(), "diagnosis", ra,
                InputProvenance.of(ra.get("id").asText(), r.diagnosedAt(), "diagnosis", d.modelId(), d.inputSha256()));
    }

    private Assessment recommendation(Recommendations.Recorded r) {
        var s = r.recommendation();
        ObjectNode ra = StrategyAssessment.of(r);
        return new Assessment(s.centreId(), s.patientId(), "therapy", ra,
                InputProvenance.of(ra.get("id").asText(), r.recommendedAt(), "therapy", s.modelId(), s.inputSha256()));
    }
}
