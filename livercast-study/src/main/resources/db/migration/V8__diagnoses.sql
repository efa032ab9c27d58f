-- P5: what the diagnosis model said about each lesion before surgery — the probability of malignancy and, if malignant,
-- of intrahepatic cholangiocarcinoma rather than HCC — with the model and the hash of the inputs it read, as PRE and POST
-- predictions are recorded. Written once: the same model on the same inputs adds nothing.
create table diagnosis (
    diagnosis_id                  bigserial primary key,
    model_id                      text not null check (model_id ~ '^[0-9a-f]{64}$'),
    centre_id                     text not null,
    patient_id                    text not null,
    probability_malignant         double precision not null check (probability_malignant between 0 and 1),
    probability_icc_if_malignant  double precision not null check (probability_icc_if_malignant between 0 and 1),
    input_sha256                  text not null check (input_sha256 ~ '^[0-9a-f]{64}$'),
    body                          jsonb not null,
    diagnosed_at                  timestamptz not null default now(),
    unique (model_id, centre_id, patient_id, input_sha256)
);
create index diagnosis_patient on diagnosis (centre_id, patient_id);
