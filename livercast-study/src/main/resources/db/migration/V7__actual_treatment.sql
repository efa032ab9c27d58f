-- The adjuvant treatment a patient actually received, recorded by the site during the study (strategy, drugs, start
-- date). It is what cohort assignment and the P4 consistent/inconsistent comparison read, over the export's field.
alter table study_event drop constraint study_event_event_type_check;
alter table study_event add constraint study_event_event_type_check
    check (event_type in ('visit', 'imaging', 'recurrence', 'death', 'adverse_event', 'lost_to_follow_up', 'adjuvant_treatment'));
