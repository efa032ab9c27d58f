-- Follow-up events entered by site staff during a study (visits, recurrences with their burden, deaths, losses to
-- follow-up, adverse events with CTCAE term, grade, attribution and seriousness). Kept apart from the centre's export
-- (which ingest may replace) so nothing entered is ever lost; append-only: a mistake is voided by a new row with a reason.
create table study_event (
    id           bigserial primary key,
    patient_pk   bigint not null references patient(pk) on delete restrict,
    event_type   text not null check (event_type in ('visit', 'imaging', 'recurrence', 'death', 'adverse_event', 'lost_to_follow_up')),
    event_date   date not null,
    fields       jsonb not null,                      -- the events template's columns, as entered
    attribution  text check (attribution in ('unrelated', 'unlikely', 'possible', 'probable', 'definite')),
    voids        bigint unique references study_event(id),
    reason       text,
    entered_by   text not null,
    entered_at   timestamptz not null default now(),
    check ((voids is null) = (reason is null))
);
create index study_event_patient on study_event (patient_pk);

create trigger study_event_append_only before update or delete on study_event
    for each row execute function livercast_refuse_change();
