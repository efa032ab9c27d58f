-- Ingest of centre exports (livercast-ingest). Files live content-addressed on disk; these tables say whose they are.
-- Nothing here identifies a patient: patient.patient_id is the centre's keyed pseudonym, dates are shifted so that
-- surgery falls on 2000-01-01, and the pseudonym key itself is never stored (only its fingerprint, to refuse a
-- second, different key for the same centre).

create table ingest_centre_key (
    centre_id        text primary key references centre(id),
    key_fingerprint  text not null check (key_fingerprint ~ '^[0-9a-f]{16}$')
);

-- One row per ingested patient: what its inputs hashed to (a re-run with the same inputs skips it), the QC result
-- and the de-identification actions taken.
create table ingested_patient (
    patient_pk     bigint primary key references patient(pk) on delete cascade,
    input_sha256   text not null check (input_sha256 ~ '^[0-9a-f]{64}$'),
    qc             jsonb not null,
    deid_actions   jsonb not null
);

create table stored_file (
    patient_pk   bigint not null references patient(pk) on delete cascade,
    sha256       text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    kind         text not null check (kind in ('dicom', 'slide', 'mask', 'patients_table', 'events_table',
                                               'pathology_report', 'radiology_report')),
    size_bytes   bigint not null check (size_bytes >= 0),
    series_uid   text,
    phase        text,
    detail       jsonb not null default '{}',
    primary key (patient_pk, sha256)
);
create index stored_file_sha256 on stored_file (sha256);
