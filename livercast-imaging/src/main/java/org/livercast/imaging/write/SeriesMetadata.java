package org.livercast.imaging.write;

import java.time.LocalDate;
import java.time.LocalTime;
import org.livercast.imaging.dicom.Tag;

/**
 * What a written MR series says about itself: patient, study, series, frame of reference, and the acquisition and
 * contrast-timing attributes phase identification reads. Build with {@link #builder()}; unset UIDs are generated.
 */
public record SeriesMetadata(String patientName, String patientId, LocalDate birthDate, String sex, String studyUid,
                             String seriesUid, String frameOfReferenceUid, LocalDate studyDate, LocalTime studyTime,
                             LocalTime acquisitionTime, LocalTime contrastStartTime, String contrastAgent, String studyDescription,
                             String seriesDescription, int seriesNumber, String institution, String manufacturer,
                             double repetitionTimeMs, double echoTimeMs, double fieldStrengthT, String scanningSequence,
                             String uidSeed, int temporalPosition, int temporalPositions) {
    public static Builder builder() { return new Builder(); }

    private static final java.time.format.DateTimeFormatter DA = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final java.time.format.DateTimeFormatter TM = java.time.format.DateTimeFormatter.ofPattern("HHmmss.SSS");

    /**
     * What every MR object written from this metadata says, classic or enhanced: character set, patient, study,
     * series, equipment, frame of reference and the instance's UID. A writer adds its IOD's own attributes to it.
     */
    DataSetWriter commonAttributes(String sopInstanceUid) {
        String date = studyDate.format(DA);
        return new DataSetWriter()
                .text(Tag.SpecificCharacterSet, "CS", "ISO_IR 192")
                .text(Tag.SOPInstanceUID, "UI", sopInstanceUid)
                .text(Tag.StudyDate, "DA", date).text(Tag.SeriesDate, "DA", date).text(Tag.ContentDate, "DA", date)
                .text(Tag.StudyTime, "TM", studyTime.format(TM)).text(Tag.SeriesTime, "TM", acquisitionTime.format(TM))
                .text(Tag.ContentTime, "TM", acquisitionTime.format(TM))
                .text(Tag.AccessionNumber, "SH", "")
                .text(Tag.Modality, "CS", "MR")
                .text(Tag.Manufacturer, "LO", manufacturer)
                .text(Tag.InstitutionName, "LO", institution)
                .text(Tag.ReferringPhysicianName, "PN", "")
                .text(Tag.StudyDescription, "LO", studyDescription)
                .text(Tag.SeriesDescription, "LO", seriesDescription)
                .text(Tag.PatientName, "PN", patientName)
                .text(Tag.PatientID, "LO", patientId)
                .text(Tag.PatientBirthDate, "DA", birthDate == null ? "" : birthDate.format(DA))
                .text(Tag.PatientSex, "CS", sex)
                .decimals(Tag.MagneticFieldStrength, fieldStrengthT)
                .text(Tag.ProtocolName, "LO", seriesDescription)
                .text(0x00185100, "CS", "HFS")                                     // Patient Position
                .text(Tag.StudyInstanceUID, "UI", studyUid)
                .text(Tag.SeriesInstanceUID, "UI", seriesUid)
                .text(Tag.StudyID, "SH", "1")
                .integerString(Tag.SeriesNumber, seriesNumber)
                .text(Tag.FrameOfReferenceUID, "UI", frameOfReferenceUid)
                .text(Tag.PositionReferenceIndicator, "LO", "");
    }

    /** Fluent construction with sensible defaults for an abdominal T1 MR series. */
    public static final class Builder {
        private String patientName = "ANONYMOUS";
        private String patientId = "0";
        private LocalDate birthDate;
        private String sex = "O";
        private String studyUid;
        private String seriesUid;
        private String frameOfReferenceUid;
        private LocalDate studyDate = LocalDate.of(2024, 1, 1);
        private LocalTime studyTime = LocalTime.of(9, 0);
        private LocalTime acquisitionTime = LocalTime.of(9, 5);
        private LocalTime contrastStartTime;
        private String contrastAgent;
        private String studyDescription = "MR ABDOMEN LIVER";
        private String seriesDescription = "T1";
        private int seriesNumber = 1;
        private String institution = "";
        private String manufacturer = "LiverCast";
        private double repetitionTimeMs = 4.0;
        private double echoTimeMs = 2.0;
        private double fieldStrengthT = 3.0;
        private String scanningSequence = "GR";
        private String uidSeed;
        private int temporalPosition;
        private int temporalPositions;

        public Builder patient(String name, String id, LocalDate birth, String sexCode) {
            patientName = name;
            patientId = id;
            birthDate = birth;
            sex = sexCode;
            return this;
        }

        public Builder study(String uid, LocalDate date, LocalTime time, String description) {
            studyUid = uid;
            studyDate = date;
            studyTime = time;
            studyDescription = description;
            return this;
        }

        public Builder series(String uid, int number, String description) {
            seriesUid = uid;
            seriesNumber = number;
            seriesDescription = description;
            return this;
        }

        public Builder frameOfReference(String uid) { frameOfReferenceUid = uid; return this; }

        public Builder acquisitionTime(LocalTime t) { acquisitionTime = t; return this; }

        public Builder contrast(String agent, LocalTime injection) {
            contrastAgent = agent;
            contrastStartTime = injection;
            return this;
        }

        public Builder sequence(String scanning, double trMs, double teMs, double teslas) {
            scanningSequence = scanning;
            repetitionTimeMs = trMs;
            echoTimeMs = teMs;
            fieldStrengthT = teslas;
            return this;
        }

        public Builder institution(String name, String maker) {
            institution = name;
            manufacturer = maker;
            return this;
        }

        /**
         * This volume is temporal position {@code position} (1-based) of {@code of} in one series, as GE scanners write a
         * multi-phase acquisition: Temporal Position Identifier and Acquisition Number say which, instance numbers run on.
         */
        public Builder temporalPosition(int position, int of) {
            if (position < 1 || position > of) throw new IllegalArgumentException("temporal position " + position + " of " + of);
            temporalPosition = position;
            temporalPositions = of;
            return this;
        }

        /** Makes every generated UID a deterministic function of this seed (reproducible synthetic data). */
        public Builder uidSeed(String seed) { uidSeed = seed; return this; }

        public SeriesMetadata build() {
            String st = studyUid != null ? studyUid : uid("study");
            String se = seriesUid != null ? seriesUid : uid("series" + seriesNumber + seriesDescription);
            String fr = frameOfReferenceUid != null ? frameOfReferenceUid : uid("frame");
            return new SeriesMetadata(patientName, patientId, birthDate, sex, st, se, fr, studyDate, studyTime, acquisitionTime,
                    contrastStartTime, contrastAgent, studyDescription, seriesDescription, seriesNumber, institution, manufacturer,
                    repetitionTimeMs, echoTimeMs, fieldStrengthT, scanningSequence, uidSeed, temporalPosition, temporalPositions);
        }

        private String uid(String what) { return uidSeed == null ? Uids.random() : Uids.fromName(uidSeed + "/" + what); }
    }
}
