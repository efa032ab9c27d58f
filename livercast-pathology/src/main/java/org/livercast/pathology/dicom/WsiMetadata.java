package org.livercast.pathology.dicom;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Who and what a DICOM whole-slide image is of: patient, study and series, the slide's container (barcode) and
 * specimen identifiers, and the scanner. {@code uidSeed}, when given, makes every UID a function of it, so the same
 * slide written twice gives byte-identical files.
 */
public record WsiMetadata(String patientName, String patientId, LocalDate birthDate, String sex, String accessionNumber,
                          LocalDateTime acquired, String containerId, String specimenId, String manufacturer, String modelName,
                          String seriesDescription, String uidSeed) {
    public WsiMetadata {
        if (acquired == null) throw new IllegalArgumentException("acquisition date and time are required");
        if (containerId == null || containerId.isBlank()) throw new IllegalArgumentException("a container (slide) identifier is required");
        if (specimenId == null || specimenId.isBlank()) throw new IllegalArgumentException("a specimen identifier is required");
    }

    /** An anonymous slide: the identifiers given, the rest neutral (as a research export carries it). */
    public static WsiMetadata anonymous(String slideId, LocalDateTime acquired, String uidSeed) {
        return new WsiMetadata("ANONYMOUS", slideId, null, "O", "", acquired, slideId, slideId + "-S1", "LiverCast", "LiverCast slide export",
                "H&E whole slide", uidSeed);
    }
}
