package org.livercast.app.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.study.models.LatestScores;
import org.livercast.study.ops.ConcealedOutputs;
import org.livercast.study.store.PatientStore;

/**
 * The patients a user may see, each with the latest PRE and POST risk and the recommended adjuvant strategy; in
 * pseudonym order, or — a surgeon's worklist — highest PRE or POST risk first, or largest predicted gain first.
 */
final class PatientList {
    /** The orders a list can be read in: {@code ?sort=patient|pre|post|gain}. */
    enum Order { PATIENT, PRE, POST, GAIN }

    private static final String NONE = "<span class=\"muted\">none</span>";
    private final LatestScores latest;
    private final ConcealedOutputs concealed;

    /** @param concealed the patients whose recommendation a protocol they are enrolled in keeps from their care team */
    PatientList(LatestScores latest, ConcealedOutputs concealed) {
        this.latest = latest;
        this.concealed = concealed;
    }

    /** The recommendation the list may show: none for a patient whose protocol conceals it. */
    private Optional<LatestScores.Recommended> shown(PatientStore.Key k) {
        return concealed.of(k.centreId(), k.patientId()).isPresent() ? Optional.empty() : latest.recommended(k.centreId(), k.patientId());
    }

    private String recommendationCell(PatientStore.Key k) {
        Optional<ConcealedOutputs.Why> why = concealed.of(k.centreId(), k.patientId());
        if (why.isPresent()) {
            return "<span class=\"muted concealed\" title=\"" + Html.esc(why.get().reason()) + "\">recorded, not shown (" + Html.esc(why.get().protocolId()) + ")</span>";
        }
        return latest.recommended(k.centreId(), k.patientId()).map(PatientList::recommendation).orElse(NONE);
    }

    /** @throws HttpError 400 naming the parameter, the value and the choices when {@code sort} is none of them */
    static Order order(String sort) {
        if (sort == null || sort.isBlank()) return Order.PATIENT;
        for (Order o : Order.values()) if (o.name().equalsIgnoreCase(sort.strip())) return o;
        throw new HttpError(400, "sort=" + sort + ": expected patient, pre, post or gain");
    }

    String render(List<PatientStore.Key> keys, Order order) {
        StringBuilder s = new StringBuilder("<h1>Patients</h1><p class=\"muted\">").append(keys.size())
                .append(" patients you may see. Identifiers are pseudonyms; dates are days from surgery.</p>")
                .append("<table id=\"patient-list\"><caption class=\"muted\">Latest PRE and POST risk of aggressive recurrence (≥ 50% is high) and the adjuvant strategy the therapy model recommends")
                .append(order == Order.PATIENT ? "" : order == Order.GAIN ? "; largest predicted gain first" : "; highest " + order.name() + " risk first")
                .append("</caption><thead><tr>").append(header("Patient", Order.PATIENT, order)).append("<th scope=\"col\">Centre</th>")
                .append(header("PRE", Order.PRE, order)).append(header("POST", Order.POST, order)).append(header("Recommended strategy", Order.GAIN, order))
                .append("</tr></thead><tbody>");
        for (PatientStore.Key k : sorted(keys, order)) {
            s.append("<tr><td><a href=\"/patients/").append(Html.esc(k.centreId())).append('/').append(Html.esc(k.patientId())).append("\">")
                    .append(Html.esc(k.patientId())).append("</a></td><td>").append(Html.esc(k.centreId())).append("</td><td>")
                    .append(risk(k, "pre")).append("</td><td>").append(risk(k, "post")).append("</td><td>")
                    .append(recommendationCell(k)).append("</td></tr>");
        }
        return s.append("</tbody></table>").toString();
    }

    /** Patients without the score sorted on come last, in pseudonym order, as do ties. */
    List<PatientStore.Key> sorted(List<PatientStore.Key> keys, Order order) {
        Function<PatientStore.Key, Optional<Double>> score = switch (order) {
            case PATIENT -> k -> Optional.empty();
            case PRE, POST -> k -> latest.risk(k.centreId(), k.patientId(), order.name().toLowerCase(Locale.ROOT)).map(LatestScores.Risk::probabilityAggressive2y);
            case GAIN -> k -> shown(k).map(LatestScores.Recommended::gainRfs3y);
        };
        Comparator<PatientStore.Key> byScore = Comparator.comparing((PatientStore.Key k) -> score.apply(k).map(v -> -v).orElse(Double.POSITIVE_INFINITY));
        List<PatientStore.Key> out = new ArrayList<>(keys);
        out.sort(byScore.thenComparing(PatientStore.Key::centreId).thenComparing(PatientStore.Key::patientId));
        return out;
    }

    /** A column header that sorts the list by it; the current order marked for screen readers. */
    private static String header(String label, Order column, Order current) {
        String aria = column == current ? " aria-sort=\"" + (column == Order.PATIENT ? "ascending" : "descending") + "\"" : "";
        return "<th scope=\"col\"" + aria + "><a href=\"/patients" + (column == Order.PATIENT ? "" : "?sort=" + column.name().toLowerCase(Locale.ROOT)) + "\">"
                + label + "</a></th>";
    }

    /** The recommended strategy with its predicted 3-year RFS gain over surgery alone, as the patient page states it. */
    private static String recommendation(LatestScores.Recommended r) {
        String strategy = Html.esc(AdjuvantStrategy.labelOf(r.strategy()));
        return SurvivalCard.isSurgeryAlone(r.strategy()) ? strategy
                : strategy + String.format(Locale.ROOT, " <span class=\"muted\">(%+.1f pts RFS at 3 years)</span>", 100 * r.gainRfs3y());
    }

    private String risk(PatientStore.Key k, String kind) {
        return latest.risk(k.centreId(), k.patientId(), kind)
                .map(p -> Html.probability(p.probabilityAggressive2y()) + " <span class=\"badge " + (p.highRisk() ? "high\">high" : "low\">low") + "</span>")
                .orElse(NONE);
    }
}
