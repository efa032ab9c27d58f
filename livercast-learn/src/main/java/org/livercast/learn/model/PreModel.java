package org.livercast.learn.model;

import org.livercast.learn.inputs.PreOperativeInputs;

/** The pre-operative model: it accepts {@link PreOperativeInputs} and nothing else. */
public final class PreModel implements AutoCloseable {
    private final TrainedModel model;

    public PreModel(TrainedModel model) {
        if (model.kind() != ModelKind.PRE) throw new IllegalArgumentException("model " + model.modelId() + " is a " + model.kind().id() + " model, not pre");
        this.model = model;
    }

    public Prediction predict(PreOperativeInputs in) { return model.predict(in.patientId(), model.encoder().encode(in)); }

    public TrainedModel trained() { return model; }

    @Override public void close() { model.close(); }
}
