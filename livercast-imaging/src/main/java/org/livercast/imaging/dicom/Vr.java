package org.livercast.imaging.dicom;

import java.util.Set;

/** Value representations (PS3.5 §6.2), and which use the 4-byte length form in explicit VR. */
public final class Vr {
    private Vr() {}

    private static final Set<String> LONG_LENGTH = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV");
    private static final Set<String> ALL = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO", "LT",
            "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
            "UR", "US", "UT", "UV");
    private static final Set<String> TEXT = Set.of("AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST",
            "TM", "UC", "UI", "UR", "UT");

    public static boolean isValid(String vr) { return ALL.contains(vr); }

    public static boolean hasLongLength(String vr) { return LONG_LENGTH.contains(vr); }

    public static boolean isText(String vr) { return TEXT.contains(vr); }
}
