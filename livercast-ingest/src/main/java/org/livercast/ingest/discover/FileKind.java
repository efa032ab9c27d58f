package org.livercast.ingest.discover;

/**
 * What a file of an export is, decided from its content (magic numbers, headers), not its name. A DICOM whole-slide
 * image instance (VL Whole Slide Microscopy) is a {@code DICOM_SLIDE}, not MRI: its series is one slide. {@code FHIR} is a
 * file of FHIR resources (a Bulk Data export's NDJSON, or a Bundle): the clinical tables, sent as a hospital's EHR exports them.
 */
public enum FileKind {
    DICOM, DICOM_SLIDE, SLIDE, MASK, PATIENTS_TABLE, EVENTS_TABLE, FHIR, PATHOLOGY_REPORT, RADIOLOGY_REPORT, OTHER;

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
}
