package org.livercast.learn.model;

import org.livercast.learn.inputs.PostOperativeInputs;

/** The post-operative model: pre-operative inputs plus pathology, before adjuvant therapy. */
public final class PostModel implements AutoCloseable {
    private final TrainedModel model;

    public PostModel(TrainedModel model) {
        if (model.kind() != ModelKind.POST) throw new IllegalArgumentException("model " + model.modelId() + " is a " + model.kind().id() + " model, not post");
        this.model = model;
    }

    public Prediction predict(PostOperativeInputs in) { return model.predict(in.pre().patientId(), model.encoder().encode(in)); }

    public TrainedModel trained() { return model; }

    @Override public void close() { model.close(); }
}
