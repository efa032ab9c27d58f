package org.livercast.imaging.deid;

import java.util.HashMap;
import java.util.Map;

/**
 * The attributes of DICOM PS3.15 Table E.1-1 (Basic Application Level Confidentiality Profile) that LiverCast acts on
 * by name, with the action the profile and its options give them. Attributes not listed here are handled by rule in
 * {@link DicomDeidentifier}: private tags, curves and overlays removed; every person name removed; every instance
 * UID remapped; every date shifted; every other text value cleaned of the patient's known identifiers.
 *
 * <p>Options applied (PS3.15 Table CID 7050): Retain Longitudinal Temporal Information with Modified Dates (113107) —
 * dates are shifted so the day of surgery falls on the anchor date, keeping intervals; Retain Patient
 * Characteristics (113108) — sex, age, size and weight kept; Clean Descriptors (113105) — study, series and protocol
 * descriptions kept after cleaning, because phase identification reads them.
 */
public final class BasicProfile {
    private BasicProfile() {}

    /** X remove, Z empty, D dummy (the pseudonym), K keep, C clean (keep with identifiers removed). */
    public enum Action { REMOVE, EMPTY, DUMMY, KEEP, CLEAN }

    static final Map<Integer, Action> ACTIONS = new HashMap<>();

    private static void put(Action a, int... tags) {
        for (int t : tags) ACTIONS.put(t, a);
    }

    static {
        put(Action.DUMMY, 0x00100010, 0x00100020);                                   // Patient's Name, Patient ID
        put(Action.EMPTY, 0x00080050, 0x00080090, 0x00200010, 0x00100030);           // Accession, Referring Physician, Study ID, Birth Date
        put(Action.REMOVE,
                0x00080080, 0x00080081, 0x00080082, 0x00081040, 0x00080092, 0x00080094, 0x00080096, // institution, referring physician
                0x00081010, 0x00081048, 0x00081049, 0x00081050, 0x00081052, 0x00081060, 0x00081062, 0x00081070, 0x00081072,
                0x00081080, 0x00081084, 0x00081110, 0x00081111, 0x00081120, 0x00082111,
                0x00100021, 0x00100032, 0x00101000, 0x00101001, 0x00101002, 0x00101005, 0x00101040, 0x00101050,
                0x00101060, 0x00101080, 0x00101081, 0x00101090, 0x00102000, 0x00102110, 0x00102150, 0x00102152,
                0x00102154, 0x00102160, 0x00102180, 0x001021A0, 0x001021B0, 0x001021D0, 0x001021F0, 0x00104000,
                0x00181000, 0x00181004, 0x00181005, 0x00181007, 0x00181008, 0x00181009, 0x0018100A, 0x00181012,
                0x00181202, 0x00181400, 0x00184000, 0x00204000, 0x00321032, 0x00321033, 0x00321060, 0x00321070,
                0x00324000, 0x00380010, 0x00380011, 0x00380300, 0x00380400, 0x00380500, 0x00384000, 0x00400001,
                0x00400002, 0x00400003, 0x00400004, 0x00400005, 0x00400006, 0x00400007, 0x0040000B, 0x00400010,
                0x00400011, 0x00400241, 0x00400242, 0x00400243, 0x00400253, 0x00400275, 0x00400280,
                0x00401001, 0x00401004, 0x00401005, 0x00401010, 0x00401011, 0x00401102, 0x00401103, 0x00401400,
                0x00402001, 0x00402008, 0x00402009, 0x00402010, 0x00402016, 0x00402017, 0x00402400, 0x0040A073,
                0x0040A075, 0x0040A078, 0x0040A123, 0x0040A730, 0x00700084, 0x00880140, 0x04000561, 0x20300020,
                0x30060002, 0x300A0003, 0x300E0008, 0x40000010, 0x40004000);
        put(Action.KEEP, 0x00100040, 0x00101010, 0x00101020, 0x00101030);          // sex, age, size, weight (113108)
        put(Action.CLEAN, 0x00081030, 0x0008103E, 0x00181030, 0x00400254);          // descriptors (113105)
    }

    /** The profile's action for a listed attribute, or null when a rule decides. */
    public static Action of(int tag) { return ACTIONS.get(tag); }
}
