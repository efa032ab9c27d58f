-- Running the studies: users and sessions, enrolment, locked predictions, and the append-only, hash-chained audit log.

create table app_user (
    username       text primary key check (username ~ '^[a-z0-9_.-]{2,64}$'),
    role           text not null check (role in ('site_investigator', 'data_manager', 'statistician', 'administrator')),
    centre_id      text references centre(id),
    password_hash  text not null,                     -- PHC string, Argon2id
    created_at     timestamptz not null default now(),
    -- Site investigators and data managers work for one centre; statisticians and administrators for the study.
    check ((role in ('site_investigator', 'data_manager')) = (centre_id is not null))
);

create table user_session (
    token_sha256  text primary key,                    -- the cookie holds the token; only its hash is kept
    username      text not null references app_user(username) on delete cascade,
    csrf_token    text not null,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null
);

create table enrolment (
    patient_pk    bigint not null references patient(pk) on delete restrict,
    protocol_id   text not null,
    consent_date  date not null,
    enrolled_by   text not null,
    enrolled_at   timestamptz not null default now(),
    primary key (patient_pk, protocol_id)
);

-- A locked prediction is never changed: a correction is a new row that supersedes it, with a reason.
create table locked_prediction (
    id                         bigserial primary key,
    patient_pk                 bigint not null references patient(pk) on delete restrict,
    protocol_id                text not null,
    moment                     text not null check (moment in ('pre', 'post')),
    prediction_id              bigint not null references prediction(prediction_id),
    model_id                   text not null,
    input_sha256               text not null,
    probability_aggressive_2y  double precision not null,
    high_risk                  boolean not null,
    locked_by                  text not null,
    locked_at                  timestamptz not null default now(),
    supersedes                 bigint unique references locked_prediction(id),
    reason                     text,
    check ((supersedes is null) = (reason is null))
);

create table audit_log (
    seq        bigint primary key,
    at         timestamptz not null,
    actor      text not null,
    action     text not null,
    subject    text not null,
    detail     text not null,                          -- JSON as written: the hash covers these exact characters
    prev_hash  text not null,
    hash       text not null unique
);

create function livercast_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op;
end $$;

create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function livercast_refuse_change();
create trigger locked_prediction_append_only before update or delete on locked_prediction
    for each row execute function livercast_refuse_change();
