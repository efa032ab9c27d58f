package org.livercast.synth;

import static org.livercast.synth.Draw.chance;
import static org.livercast.synth.Parameters.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.livercast.core.model.Death;
import org.livercast.core.model.FollowUpVisit;
import org.livercast.core.model.Nodule;
import org.livercast.core.model.Recurrence;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.model.TumourBurden;

/**
 * Outcomes and the follow-up that observes them: the true recurrence time is seen only at the next surveillance scan
 * (every ~91 days for 3 years, then ~182), with a burden that is beyond Milan with the patient's probability; death
 * from background and post-recurrence hazards; loss to follow-up; the data cut-off.
 */
final class FollowUp {
    private FollowUp() {}

    static final String TOXIC_DEATH = "toxicity of adjuvant therapy";

    /** @param toxicDeathDay the day of a treatment-related death ({@link TreatmentHarm}), or +∞ */
    static List<TimelineEvent> simulate(SplittableRandom r, LocalDate surgery, LocalDate cutoff, double lp, double pBeyond, double a,
                                        double toxicDeathDay) {
        double recurrence = Double.isInfinite(lp) ? Double.POSITIVE_INFINITY : Hazards.drawRecurrence(r.nextDouble(), lp);
        double background = Draw.exponential(r, DEATH_HAZARD);
        boolean toxic = toxicDeathDay < background;
        double death = Math.min(background, toxicDeathDay);
        double loss = Draw.exponential(r, LOSS_HAZARD);
        double end = Math.min(loss, surgery.until(cutoff).toTotalMonths() >= 0 ? java.time.temporal.ChronoUnit.DAYS.between(surgery, cutoff) : 0);
        List<TimelineEvent> events = new ArrayList<>();
        boolean beyond = chance(r, pBeyond);
        int day = 0;
        Double confirmed = null;
        while (true) {
            int interval = day < 1095 ? SCAN_INTERVAL_DAYS : 2 * SCAN_INTERVAL_DAYS;
            day += interval + r.nextInt(-SCAN_JITTER_DAYS, SCAN_JITTER_DAYS + 1);
            if (day > end || day >= death) break;
            if (recurrence <= day) {
                confirmed = (double) day;
                events.add(new Recurrence(surgery.plusDays(day), burden(r, beyond)));
                break;
            }
            events.add(new FollowUpVisit(surgery.plusDays(day), true, "no evidence of disease"));
        }
        if (confirmed != null) {
            double afterRate = beyond ? DEATH_AFTER_AGGRESSIVE : DEATH_AFTER_RECURRENCE;
            death = Math.min(death, confirmed + Draw.exponential(r, afterRate));
            for (int d = (int) (confirmed + 182); d < Math.min(death, end); d += 182) {
                events.add(new FollowUpVisit(surgery.plusDays(d), false, "on treatment for recurrence"));
            }
        }
        if (death <= end) {
            String cause = confirmed != null ? "tumour progression" : toxic ? TOXIC_DEATH : "other causes";
            events.add(new Death(surgery.plusDays((long) Math.max(1, death)), cause));
        }
        return events;
    }

    /** Within Milan: 1–2 small nodules; beyond: many nodules, a large one, vascular invasion or distant spread. */
    static TumourBurden burden(SplittableRandom r, boolean beyond) {
        List<Nodule> nodules = new ArrayList<>();
        if (!beyond) {
            int n = chance(r, 0.7) ? 1 : 2;
            for (int i = 0; i < n; i++) nodules.add(Nodule.ofMm(8 + r.nextInt(18)));
            return new TumourBurden(nodules, false, false);
        }
        return switch (r.nextInt(4)) {
            case 0 -> {
                for (int i = 0; i < 4 + r.nextInt(4); i++) nodules.add(Nodule.ofMm(8 + r.nextInt(20)));
                yield new TumourBurden(nodules, false, false);
            }
            case 1 -> new TumourBurden(List.of(Nodule.ofMm(55 + r.nextInt(40))), false, false);
            case 2 -> new TumourBurden(List.of(Nodule.ofMm(15 + r.nextInt(30))), true, false);
            default -> new TumourBurden(List.of(), false, true);
        };
    }
}
