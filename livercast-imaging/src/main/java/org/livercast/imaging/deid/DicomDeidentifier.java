package org.livercast.imaging.deid;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.livercast.imaging.dicom.DicomElement;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.write.Part10Writer;

/**
 * De-identifies one DICOM file by PS3.15's Basic Application Level Confidentiality Profile with the options named in
 * {@link BasicProfile}: the output is a new Part 10 file (text re-encoded as UTF-8) with Patient Identity Removed =
 * YES, the methods used in De-identification Method (Code Sequence), and a count of every action taken.
 *
 * <p>Burned-in annotation cannot be removed from pixels here, so it is reported, never passed silently: Burned In
 * Annotation = YES, or an image type that is a secondary capture or screen save, sets {@link Result#burnedIn()}.
 */
public final class DicomDeidentifier {
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int PATIENT_IDENTITY_REMOVED = 0x00120062;
    private static final int DEIDENTIFICATION_METHOD = 0x00120063;
    private static final int DEIDENTIFICATION_METHOD_CODES = 0x00120064;
    private static final int LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED = 0x00280303;
    private static final int BURNED_IN_ANNOTATION = 0x00280301;
    /** Class and standard UIDs name kinds of things, not patients: never remapped. */
    private static final Set<Integer> CLASS_UIDS = Set.of(0x00080016, 0x00081150, 0x00080062, 0x0008010C, 0x00041510,
            0x00041512, 0x04000010, 0x00020002, 0x00020010, 0x00020012);
    private static final Set<String> RECODED_TEXT = Set.of("SH", "LO", "ST", "LT", "UT", "UC", "PN");
    /** De-identification Method: one value per profile and option, since an LO value holds at most 64 characters. */
    public static final String METHOD = "LiverCast PS3.15 Basic Profile\\Retain Longitudinal Temporal Information Modified Dates"
            + "\\Retain Patient Characteristics\\Clean Descriptors";
    private static final int DEVICE_SERIAL_NUMBER = 0x00181000;

    /**
     * What to put in place of the identity.
     *
     * @param patientId    replaces Patient ID and Patient's Name (a pseudonym)
     * @param uidMap       consistent remapping of instance UIDs (the same input UID always gives the same output)
     * @param dateShiftDays added to every date (negative moves back)
     * @param cleaner      removes the patient's known identifiers from free text
     */
    public record Plan(String patientId, UnaryOperator<String> uidMap, long dateShiftDays, UnaryOperator<String> cleaner) {}

    public record Result(byte[] bytes, String studyUid, String seriesUid, String sopInstanceUid, boolean burnedIn,
                         String burnedInReason, Map<String, Integer> actions) {}

    private final Plan plan;
    private final Map<String, Integer> actions = new TreeMap<>();

    private DicomDeidentifier(Plan plan) { this.plan = plan; }

    public static Result deidentify(DicomFile file, Plan plan) {
        return new DicomDeidentifier(plan).run(file);
    }

    private Result run(DicomFile file) {
        DicomObject in = file.dataSet();
        List<DicomElement> out = clean(in, in.charset(), true);
        String burnedReason = burnedIn(in);
        out.add(text(PATIENT_IDENTITY_REMOVED, "CS", "YES"));
        out.add(text(DEIDENTIFICATION_METHOD, "LO", METHOD));
        out.add(new DicomElement(DEIDENTIFICATION_METHOD_CODES, "SQ", null, false, List.of(
                code("113100", "Basic Application Confidentiality Profile"),
                code("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
                code("113108", "Retain Patient Characteristics Option"),
                code("113105", "Clean Descriptors Option")), null));
        out.add(text(LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED, "CS", "MODIFIED"));
        out.removeIf(e -> e.tag() == Tag.SpecificCharacterSet);
        out.add(text(Tag.SpecificCharacterSet, "CS", "ISO_IR 192"));
        DicomObject result = DicomObject.of(out);
        String sopClass = in.string(Tag.SOPClassUID) != null ? in.string(Tag.SOPClassUID) : file.meta().string(Tag.MediaStorageSOPClassUID);
        String sop = result.string(Tag.SOPInstanceUID);
        byte[] bytes = Part10Writer.write(result, sopClass, sop, file.transferSyntaxUid());
        return new Result(bytes, result.string(Tag.StudyInstanceUID), result.string(Tag.SeriesInstanceUID), sop,
                burnedReason != null, burnedReason, Map.copyOf(actions));
    }

    private List<DicomElement> clean(DicomObject in, Charset inherited, boolean topLevel) {
        Charset cs = in.contains(Tag.SpecificCharacterSet) ? in.charset() : inherited;
        List<DicomElement> out = new ArrayList<>();
        for (DicomElement e : in.elements()) {
            int tag = e.tag();
            int group = tag >>> 16;
            if (group == 0x0002) continue;
            if ((group & 1) == 1) { count("private tag removed"); continue; }
            if ((group & 0xFF00) == 0x5000 || ((group & 0xFF00) == 0x6000 && ((tag & 0xFFFF) == 0x3000 || (tag & 0xFFFF) == 0x4000))) {
                count("curve or overlay removed");
                continue;
            }
            BasicProfile.Action a = BasicProfile.of(tag);
            // PS3.15 gives Device Serial Number X/Z/D: removed, except where the IOD makes it type 1 — the Enhanced General
            // Equipment module of multi-frame images — where a dummy value keeps the file valid.
            if (tag == DEVICE_SERIAL_NUMBER && topLevel && in.contains(Tag.SharedFunctionalGroupsSequence)) {
                out.add(text(tag, e.vr(), "DEIDENTIFIED"));
                count("replaced by dummy");
                continue;
            }
            if (a == BasicProfile.Action.REMOVE) { count("removed"); continue; }
            if (a == BasicProfile.Action.EMPTY) { out.add(new DicomElement(tag, e.vr(), new byte[0], false, null, null)); count("emptied"); continue; }
            if (a == BasicProfile.Action.DUMMY) { out.add(text(tag, e.vr(), plan.patientId())); count("replaced by pseudonym"); continue; }
            if (e.isSequence()) {
                List<DicomObject> items = new ArrayList<>();
                for (DicomObject item : e.items()) items.add(DicomObject.of(clean(item, cs, false)));
                out.add(new DicomElement(tag, "SQ", null, false, items, null));
                continue;
            }
            if (e.isEncapsulated() || a == BasicProfile.Action.KEEP) { out.add(e); continue; }
            out.add(byRule(e, cs, a == BasicProfile.Action.CLEAN));
        }
        return out;
    }

    /** Attributes the table does not name: decided by their VR. */
    private DicomElement byRule(DicomElement e, Charset cs, boolean descriptor) {
        String vr = "UN".equals(e.vr()) ? guessVr(e) : e.vr();
        if (!vr.equals(e.vr())) e = new DicomElement(e.tag(), vr, e.value(), false, null, null);
        int tag = e.tag();
        if ("PN".equals(vr)) { count("person name removed"); return new DicomElement(tag, vr, new byte[0], false, null, null); }
        if ("UI".equals(vr) && !CLASS_UIDS.contains(tag)) {
            String uid = ascii(e).strip().replace("\0", "");
            if (uid.isEmpty() || uid.startsWith("1.2.840.10008.")) return e;
            count("UID remapped");
            StringBuilder s = new StringBuilder();
            for (String part : uid.split("\\\\")) s.append(s.length() == 0 ? "" : "\\").append(plan.uidMap().apply(part.strip()));
            return text(tag, vr, s.toString());
        }
        if ("DA".equals(vr)) return shiftedDates(e, 0);
        if ("DT".equals(vr)) return shiftedDates(e, 8);
        if (RECODED_TEXT.contains(vr)) {
            String raw = new String(e.value() == null ? new byte[0] : e.value(), cs);
            String cleaned = plan.cleaner().apply(raw);
            if (!cleaned.equals(raw)) count(descriptor ? "descriptor cleaned" : "text cleaned");
            return text(tag, vr, stripPadding(cleaned));
        }
        return e;
    }

    /**
     * An implicit-VR element LiverCast's dictionary does not know: treated by what its value looks like, so that an
     * unknown UID is still remapped, a date still shifted and text still cleaned (binary stays as it is).
     */
    private static String guessVr(DicomElement e) {
        String v = ascii(e).strip().replace("\0", "");
        if (v.isEmpty() || e.value().length > 1024) return "UN";
        for (byte b : e.value()) if ((b & 0xFF) < 0x20 && b != 0 && b != '\t' && b != '\n' && b != '\r') return "UN";
        if (v.matches("[0-9]+(\\.[0-9]+){3,}") && v.length() <= 64) return "UI";
        if (v.matches("(19|20)\\d{6}")) return "DA";
        return v.length() <= 64 ? "LO" : "UT";
    }

    /** Shifts each date of a (multi-valued) DA, or the date part of a DT, by the plan's days; unreadable dates go. */
    private DicomElement shiftedDates(DicomElement e, int dateLength) {
        String v = ascii(e).strip();
        if (v.isEmpty()) return e;
        StringBuilder s = new StringBuilder();
        for (String part : v.split("\\\\")) {
            String p = part.strip();
            String shifted;
            try {
                shifted = LocalDate.parse(p.substring(0, 8), DA).plusDays(plan.dateShiftDays()).format(DA) + (dateLength > 0 ? p.substring(8) : "");
            } catch (DateTimeParseException | StringIndexOutOfBoundsException ex) {
                shifted = "";
                count("unreadable date removed");
            }
            s.append(s.length() == 0 ? "" : "\\").append(shifted);
        }
        count("date shifted");
        return text(e.tag(), e.vr(), s.toString());
    }

    private static String burnedIn(DicomObject d) {
        String flag = d.string(BURNED_IN_ANNOTATION);
        if ("YES".equalsIgnoreCase(flag)) return "Burned In Annotation (0028,0301) is YES";
        for (String t : d.strings(Tag.ImageType)) {
            if (t.equals("SECONDARY") && "SC".equals(d.string(Tag.Modality))) return "a secondary capture (Image Type SECONDARY, Modality SC) may show burned-in text";
            if (t.equals("SCREEN SAVE")) return "Image Type SCREEN SAVE: a screenshot may show burned-in text";
        }
        return null;
    }

    private void count(String action) { actions.merge(action, 1, Integer::sum); }

    private static DicomObject code(String value, String meaning) {
        return DicomObject.of(List.of(text(0x00080100, "SH", value), text(0x00080102, "SH", "DCM"), text(0x00080104, "LO", meaning)));
    }

    private static DicomElement text(int tag, String vr, String value) {
        byte[] b = value.getBytes("UI".equals(vr) || "CS".equals(vr) || "DA".equals(vr) ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8);
        if (b.length % 2 == 1) {
            b = java.util.Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = "UI".equals(vr) ? 0 : (byte) ' ';
        }
        return new DicomElement(tag, vr, b, false, null, null);
    }

    private static String ascii(DicomElement e) { return e.value() == null ? "" : new String(e.value(), StandardCharsets.US_ASCII); }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) end--;
        return s.substring(0, end);
    }
}
