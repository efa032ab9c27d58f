package org.livercast.ingest.discover;

/** What a file of an export is, decided from its content (magic numbers, headers), not its name. */
public enum FileKind {
    DICOM, SLIDE, MASK, PATIENTS_TABLE, EVENTS_TABLE, PATHOLOGY_REPORT, RADIOLOGY_REPORT, OTHER;

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
}
