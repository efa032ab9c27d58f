-- Adjuvant-strategy recommendations (P4): what the therapy model recommended for each patient, with its agreement and
-- the predicted RFS under each strategy. Like predictions, written once: the same model on the same estimates adds nothing.
create table recommendation (
    recommendation_id  bigserial primary key,
    model_id           text not null check (model_id ~ '^[0-9a-f]{64}$'),
    centre_id          text not null,
    patient_id         text not null,
    recommended        text not null check (recommended in ('surgery_alone', 'tace', 'tace_systemic', 'systemic')),
    agreement          double precision not null check (agreement between 0 and 1),
    gain_rfs3y         double precision not null,
    gain_rfs3y_sd      double precision not null,
    body               jsonb not null,
    body_sha256        text not null,
    recommended_at     timestamptz not null default now(),
    unique (model_id, centre_id, patient_id, body_sha256)
);
create index recommendation_patient on recommendation (centre_id, patient_id);
