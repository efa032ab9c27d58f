-- LiverCast clinical store, schema version 1.
-- Units are in column names; enumerations are lower-case text checked against their domain lists.

create table centre (
    id          text primary key check (id ~ '^[A-Za-z0-9_-]{1,32}$'),
    name        text not null,
    country     text,
    created_at  timestamptz not null default now()
);

create table patient (
    pk                              bigserial primary key,
    centre_id                       text not null references centre(id),
    patient_id                      text not null,
    content_sha256                  text not null,
    sex                             text check (sex in ('male', 'female')),
    birth_date                      date,
    age_years                       int check (age_years between 0 and 120),
    hbsag_positive                  boolean,
    hcv_positive                    boolean,
    cirrhosis                       boolean,
    ecog                            int check (ecog between 0 and 5),
    ascites                         text check (ascites in ('none', 'mild', 'moderate_severe')),
    encephalopathy                  text check (encephalopathy in ('none', 'grade_1_2', 'grade_3_4')),
    has_preoperative_burden         boolean not null,
    macrovascular_invasion          boolean,
    extrahepatic_spread             boolean,
    clinical_diagnosis              text,
    planned_procedure               text,
    screening_date                  date,
    informed_consent                boolean,
    follow_up_consent               boolean,
    prior_therapy_without_baseline  boolean,
    severe_vital_organ_disease      boolean,
    nyha_class                      int check (nyha_class between 1 and 4),
    severe_renal_dysfunction        boolean,
    uncontrolled_hypertension       boolean,
    other_malignancy_within_5y      boolean,
    other_primary_malignancy        boolean,
    regimen_hypersensitivity        boolean,
    imported_at                     timestamptz not null default now(),
    updated_at                      timestamptz not null default now(),
    unique (centre_id, patient_id)
);

create table nodule (
    patient_pk        bigint not null references patient(pk) on delete cascade,
    ordinal           int not null,
    size_mm           double precision not null check (size_mm > 0 and size_mm <= 300),
    couinaud_segment  int not null check (couinaud_segment between 0 and 8),
    primary key (patient_pk, ordinal)
);

create table lab_value (
    patient_pk       bigint not null references patient(pk) on delete cascade,
    analyte          text not null,
    reported_value   double precision not null,
    reported_unit    text not null,
    canonical_value  double precision not null,
    canonical_unit   text not null,
    measured_on      date,
    primary key (patient_pk, analyte)
);

create table imaging_study (
    patient_pk         bigint not null references patient(pk) on delete cascade,
    ordinal            int not null,
    study_uid          text,
    study_date         date not null,
    modality           text not null check (modality in ('mr', 'ct')),
    contrast_enhanced  boolean not null,
    quality            text check (quality in ('acceptable', 'severe_artefacts')),
    phases             text[] not null,
    primary key (patient_pk, ordinal)
);

create table treatment (
    patient_pk         bigint primary key references patient(pk) on delete cascade,
    surgery_date       date,
    margin             text check (margin in ('r0', 'r1', 'r2')),
    neoadjuvant_drugs  text[] not null,
    adjuvant_strategy  text check (adjuvant_strategy in ('surgery_alone', 'tace', 'tace_systemic', 'systemic')),
    adjuvant_drugs     text[] not null
);

create table pathology (
    patient_pk                bigint primary key references patient(pk) on delete cascade,
    diagnosis                 text,
    mvi                       text check (mvi in ('m0', 'm1', 'm2')),
    edmondson_grade           int check (edmondson_grade between 1 and 4),
    satellite_nodules         boolean,
    capsule_complete          boolean,
    margin                    text check (margin in ('r0', 'r1', 'r2')),
    major_vessel_involvement  boolean,
    adjacent_organ_invasion   boolean,
    regional_node_metastasis  boolean
);

create table slide (
    patient_pk   bigint not null references patient(pk) on delete cascade,
    ordinal      int not null,
    slide_id     text not null,
    stain        text,
    file_sha256  text,
    qc_accepted  boolean,
    primary key (patient_pk, ordinal)
);

create table report (
    patient_pk   bigint not null references patient(pk) on delete cascade,
    ordinal      int not null,
    kind         text not null check (kind in ('pathology', 'radiology')),
    report_date  date,
    language     text,
    body         text not null,
    primary key (patient_pk, ordinal)
);

-- One row per follow-up event; the columns that apply depend on event_type.
create table timeline_event (
    patient_pk                  bigint not null references patient(pk) on delete cascade,
    ordinal                     int not null,
    event_type                  text not null check (event_type in ('visit', 'imaging', 'recurrence', 'death', 'adverse_event')),
    event_date                  date not null,
    note                        text,
    recurrence_nodule_sizes_mm  double precision[],
    recurrence_nodule_segments  int[],
    recurrence_macrovascular    boolean,
    recurrence_extrahepatic     boolean,
    ctcae_term                  text,
    ctcae_grade                 int check (ctcae_grade between 1 and 5),
    serious                     boolean,
    primary key (patient_pk, ordinal)
);
create index timeline_event_date on timeline_event (event_date);

-- One row per distinct set of imported files: importing the same files again adds nothing.
create table import_batch (
    id                  bigserial primary key,
    kind                text not null,
    files_sha256        text not null unique,
    file_names          text not null,
    patients_added      int not null,
    patients_updated    int not null,
    patients_unchanged  int not null,
    imported_at         timestamptz not null default now()
);

create table screening_result (
    id                bigserial primary key,
    protocol_id       text not null,
    protocol_version  text not null,
    patient_pk        bigint not null references patient(pk) on delete cascade,
    as_of             date not null,
    decision          text not null check (decision in ('eligible', 'not_eligible', 'incomplete', 'needs_review')),
    criteria          text not null,
    cohorts           text[] not null,
    screened_at       timestamptz not null default now(),
    unique (protocol_id, protocol_version, patient_pk, as_of)
);
