package org.livercast.imaging.dicom;

/** A DICOM file that cannot be read; the message names the file, the tag (when one is at fault) and the reason. */
public final class DicomFileException extends RuntimeException {
    private final String file;

    public DicomFileException(String file, int tag, String reason) {
        super(file + ": " + (tag == -1 ? "" : Tag.toString(tag) + ": ") + reason);
        this.file = file;
    }

    public DicomFileException(String file, String reason) { this(file, -1, reason); }

    public String file() { return file; }
}
