-- A report that came as a scan and was read by OCR says so, with the engine and its confidence: whoever reads it
-- (the patient page, an analyst) should check it against the scan. Null: the report came as text.
alter table report add column transcribed_by text;
