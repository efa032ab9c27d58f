package org.livercast.imaging.dicom;

import java.util.List;

/**
 * One data element: its tag and VR, and either its value bytes (in the file's byte order), the items of a sequence,
 * or the fragments of encapsulated pixel data.
 */
public record DicomElement(int tag, String vr, byte[] value, boolean bigEndian, List<DicomObject> items, List<byte[]> fragments) {
    public boolean isSequence() { return items != null; }

    public boolean isEncapsulated() { return fragments != null; }

    public int length() { return value == null ? 0 : value.length; }
}
