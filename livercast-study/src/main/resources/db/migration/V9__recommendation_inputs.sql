-- A recommendation records the hash of the inputs the therapy ensemble read, as predictions and diagnoses do, so that
-- it can be reproduced and a FHIR Provenance can name them. Rows written before this migration have none (null).
alter table recommendation add column input_sha256 text check (input_sha256 is null or input_sha256 ~ '^[0-9a-f]{64}$');
