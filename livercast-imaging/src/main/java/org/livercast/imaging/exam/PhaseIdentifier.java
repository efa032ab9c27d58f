package org.livercast.imaging.exam;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.livercast.core.model.Phase;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.Tag;

/**
 * Names the phase of a liver MR/CT series from its DICOM attributes, in this order of trust: the centre's mapping
 * file; diffusion attributes (b-value, ADC image type); description and protocol-name keywords (English, common
 * vendor abbreviations, Chinese); the delay between contrast injection and acquisition. When the description and the
 * timing disagree, or nothing decides, the answer is UNKNOWN with the reason.
 *
 * <p>Timing windows (seconds after injection): arterial 15–45, portal venous 50–100, delayed/transitional 120–300,
 * hepatobiliary ≥ 900 with a hepatobiliary agent (gadoxetate: EOB, Primovist, Eovist).
 */
public final class PhaseIdentifier {
    private final PhaseMapping mapping;

    public PhaseIdentifier(PhaseMapping mapping) { this.mapping = mapping; }

    private record Keyword(Pattern pattern, Phase phase) {}

    private static Keyword k(String regex, Phase p) { return new Keyword(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), p); }

    /** Checked in order: the more specific names first (an "ADC" map before "DWI", "hepatobiliary" before "delayed"). */
    private static final List<Keyword> KEYWORDS = List.of(
            k("\\badc\\b|apparent diffusion|表观扩散", Phase.ADC),
            k("\\bdwi\\b|diffusion|\\bb ?=? ?\\d{2,4}\\b|扩散加权|弥散", Phase.DWI),
            k("\\bt2\\b|t2w|haste|ssfse|\\bt2 ?tse\\b|t2加权", Phase.T2),
            k("hepatobiliary|\\bhbp\\b|\\b(15|20) ?min|肝胆期|肝胆特异期", Phase.HEPATOBILIARY),
            k("\\bpre\\b|pre[- ]?contrast|non[- ]?contrast|unenhanced|native|\\bplain\\b|平扫", Phase.NON_CONTRAST),
            k("arterial|\\bart\\b|\\bap\\b|\\bhap\\b|动脉期", Phase.ARTERIAL),
            k("portal|\\bpvp?\\b|venous|门脉期|门静脉期|静脉期", Phase.PORTAL_VENOUS),
            k("delay|transitional|equilibrium|\\beq\\b|\\b3 ?min|延迟期|平衡期|移行期", Phase.DELAYED));

    public PhaseCall identify(DicomObject d) {
        String description = d.string(Tag.SeriesDescription);
        String protocol = d.string(Tag.ProtocolName);
        for (String text : new String[] {description, protocol}) {
            var rule = mapping.match(text);
            if (rule.isPresent()) {
                return new PhaseCall(rule.get().phase(), PhaseCall.Source.MAPPING,
                        "centre " + mapping.centre() + " rule /" + rule.get().pattern() + "/ matches '" + text + "'");
            }
        }
        List<String> imageType = d.strings(Tag.ImageType);
        if (imageType.stream().anyMatch(t -> t.equalsIgnoreCase("ADC"))) return new PhaseCall(Phase.ADC, PhaseCall.Source.ATTRIBUTE, "Image Type contains ADC");
        double b = d.doubleValue(Tag.DiffusionBValue, 0);
        if (b > 0) return new PhaseCall(Phase.DWI, PhaseCall.Source.ATTRIBUTE, "Diffusion b-value " + b);
        PhaseCall byName = byKeywords(description, protocol);
        PhaseCall byTime = byTiming(d);
        if (byName != null && byTime != null && byName.phase() != byTime.phase()
                && !(byName.phase() == Phase.DELAYED && byTime.phase() == Phase.HEPATOBILIARY)) {
            return PhaseCall.unknown("description says " + byName.phase().id() + " (" + byName.evidence() + ") but timing says "
                    + byTime.phase().id() + " (" + byTime.evidence() + ")");
        }
        if (byName != null) return byName;
        if (byTime != null) return byTime;
        return PhaseCall.unknown("no mapping rule, keyword or contrast timing decides (description '" + description + "')");
    }

    private static PhaseCall byKeywords(String description, String protocol) {
        for (String text : new String[] {description, protocol}) {
            if (text == null) continue;
            String t = text.replace('_', ' ');
            for (Keyword kw : KEYWORDS) {
                if (kw.pattern().matcher(t).find()) {
                    return new PhaseCall(kw.phase(), PhaseCall.Source.DESCRIPTION, "'" + text + "' matches " + kw.phase().id());
                }
            }
        }
        return null;
    }

    private static PhaseCall byTiming(DicomObject d) {
        String agent = d.string(Tag.ContrastBolusAgent);
        LocalTime injection = time(d.string(Tag.ContrastBolusStartTime));
        LocalTime acquisition = time(d.string(Tag.AcquisitionTime) != null ? d.string(Tag.AcquisitionTime) : d.string(Tag.SeriesTime));
        if (agent == null || injection == null || acquisition == null) return null;
        long s = Duration.between(injection, acquisition).getSeconds();
        String ev = "acquired " + s + " s after " + agent + " injection";
        boolean hepatobiliaryAgent = agent.toLowerCase(Locale.ROOT).matches(".*(eob|primovist|eovist|gadoxet).*");
        if (s < 0) return new PhaseCall(Phase.NON_CONTRAST, PhaseCall.Source.TIMING, ev);
        if (s >= 15 && s <= 45) return new PhaseCall(Phase.ARTERIAL, PhaseCall.Source.TIMING, ev);
        if (s >= 50 && s <= 100) return new PhaseCall(Phase.PORTAL_VENOUS, PhaseCall.Source.TIMING, ev);
        if (s >= 120 && s <= 300) return new PhaseCall(Phase.DELAYED, PhaseCall.Source.TIMING, ev);
        if (s >= 900 && hepatobiliaryAgent) return new PhaseCall(Phase.HEPATOBILIARY, PhaseCall.Source.TIMING, ev);
        return null;
    }

    /** DICOM TM: HHMMSS.FFFFFF, with optional parts (and old HH:MM:SS). */
    static LocalTime time(String tm) {
        if (tm == null) return null;
        String t = tm.replace(":", "").strip();
        try {
            int hh = Integer.parseInt(t.substring(0, 2));
            int mm = t.length() >= 4 ? Integer.parseInt(t.substring(2, 4)) : 0;
            int ss = t.length() >= 6 ? Integer.parseInt(t.substring(4, 6)) : 0;
            int nanos = 0;
            if (t.length() > 7 && t.charAt(6) == '.') nanos = (int) Math.round(Double.parseDouble("0" + t.substring(6)) * 1e9);
            return LocalTime.of(hh, mm, ss, Math.min(nanos, 999_999_999));
        } catch (NumberFormatException | IndexOutOfBoundsException | java.time.DateTimeException e) {
            return null;
        }
    }
}
