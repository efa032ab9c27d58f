-- LiverCast model registry and predictions, schema version 2.
-- A model is identified by its content hash (weights + everything that changes a prediction); it is written once.
-- Every prediction records the model and the hash of the exact input vectors, so it can be reproduced.

create table model (
    model_id              text primary key check (model_id ~ '^[0-9a-f]{64}$'),
    kind                  text not null check (kind in ('pre', 'post', 'diagnosis', 'therapy')),
    code_version          text not null,
    training_data_sha256  text not null check (training_data_sha256 ~ '^[0-9a-f]{64}$'),
    card                  jsonb not null,
    weights               bytea not null,
    weights_sha256        text not null,
    registered_at         timestamptz not null default now()
);

create table prediction (
    prediction_id              bigserial primary key,
    model_id                   text not null references model(model_id),
    centre_id                  text not null,
    patient_id                 text not null,
    kind                       text not null,
    probability_aggressive_2y  double precision not null check (probability_aggressive_2y between 0 and 1),
    high_risk                  boolean not null,
    rfs_risk_score             double precision not null,
    input_sha256               text not null check (input_sha256 ~ '^[0-9a-f]{64}$'),
    body                       jsonb not null,
    predicted_at               timestamptz not null default now(),
    -- The same model on the same inputs gives the same prediction: recording it again adds nothing.
    unique (model_id, centre_id, patient_id, input_sha256)
);

create index prediction_patient on prediction (centre_id, patient_id);
