package org.livercast.synth;

import static org.livercast.synth.Draw.chance;
import static org.livercast.synth.Parameters.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.core.model.AdverseEvent;
import org.livercast.core.model.TimelineEvent;

/** CTCAE v5 adverse events of neoadjuvant and adjuvant therapy at the rates in {@link Parameters}. */
final class AdverseEvents {
    private AdverseEvents() {}

    static List<TimelineEvent> simulate(SplittableRandom r, LocalDate surgery, AdjuvantStrategy s, boolean neoadjuvant) {
        List<TimelineEvent> out = new ArrayList<>();
        if (neoadjuvant && chance(r, 0.2)) out.add(new AdverseEvent(surgery.minusDays(20 + r.nextInt(20)), "Diarrhea", 2, false));
        if (s.includesTace()) {
            if (chance(r, TACE_POSTEMBOLISATION_FEVER)) out.add(new AdverseEvent(surgery.plusDays(32 + r.nextInt(5)), "Fever", 1 + r.nextInt(2), false));
            if (chance(r, TACE_ALT_GRADE3)) out.add(new AdverseEvent(surgery.plusDays(35 + r.nextInt(5)), "Alanine aminotransferase increased", 3, false));
        }
        if (s.includesSystemic()) {
            if (chance(r, SYSTEMIC_HYPERTENSION_GRADE3)) out.add(new AdverseEvent(surgery.plusDays(40 + r.nextInt(60)), "Hypertension", 3, false));
            if (chance(r, SYSTEMIC_ALT_GRADE3)) out.add(new AdverseEvent(surgery.plusDays(40 + r.nextInt(60)), "Alanine aminotransferase increased", 3, true));
            if (chance(r, SYSTEMIC_HFSR_GRADE3)) out.add(new AdverseEvent(surgery.plusDays(40 + r.nextInt(60)), "Palmar-plantar erythrodysesthesia syndrome", 3, false));
        }
        return out;
    }
}
