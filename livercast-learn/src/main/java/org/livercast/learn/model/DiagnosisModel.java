package org.livercast.learn.model;

import org.livercast.learn.inputs.PreOperativeInputs;

/**
 * The P5 diagnosis model: from pre-operative inputs only (clinical data, laboratory values, the MRI report's LI-RADS
 * findings and text), the probability that the lesion is malignant and, if malignant, that it is an intrahepatic
 * cholangiocarcinoma rather than HCC — the two decisions the protocol asks for, as two outputs of one network.
 */
public final class DiagnosisModel implements AutoCloseable {
    private final TrainedModel model;

    public DiagnosisModel(TrainedModel model) {
        if (model.kind() != ModelKind.DIAGNOSIS) throw new IllegalArgumentException("model " + model.modelId() + " is not a diagnosis model");
        this.model = model;
    }

    /** @param probabilityIccIfMalignant P(ICC | malignant); the absolute probabilities follow from the two */
    public record Diagnosis(String modelId, String patientId, double probabilityMalignant, double probabilityIccIfMalignant,
                            double probabilityHcc, double probabilityIcc, double probabilityBenign, String inputSha256) {}

    public Diagnosis predict(PreOperativeInputs in) { return predict(model.encoder().encode(in), in.patientId()); }

    /** The same for a patient already encoded (by this model's encoder), e.g. with an input hidden ({@link InputEncoder#without}). */
    public Diagnosis predict(InputEncoder.Encoded e, String patientId) {
        TrainedModel.Raw raw = model.raw(java.util.List.of(e)).get(0);
        double malignant = model.calibrated(raw.logits()[0]);  // Platt on out-of-fold logits (DiagnosisRun)
        double icc = sigmoid(raw.logits()[1]);
        return new Diagnosis(model.modelId(), patientId, malignant, icc, malignant * (1 - icc), malignant * icc, 1 - malignant,
                TrainedModel.inputHash(e));
    }

    public TrainedModel trained() { return model; }

    private static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }

    @Override public void close() { model.close(); }
}
