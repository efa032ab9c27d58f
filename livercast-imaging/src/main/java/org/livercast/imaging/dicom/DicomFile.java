package org.livercast.imaging.dicom;

import java.util.Optional;

/**
 * A parsed DICOM file: its meta information, its data set, the transfer syntax (and its UID as written), and — when
 * the file ends early — why, so tags before the cut are usable while pixels are refused with that reason.
 */
public record DicomFile(String path, DicomObject meta, DicomObject dataSet, TransferSyntax transferSyntax,
                        String transferSyntaxUid, String truncation) {
    public String string(int tag) { return dataSet.string(tag); }

    public Optional<String> truncated() { return Optional.ofNullable(truncation); }
}
