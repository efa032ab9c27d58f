package org.livercast.app.web;

import java.time.LocalDate;
import java.util.Locale;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.protocol.facts.Staging;
import org.livercast.core.protocol.rule.Fact;

/**
 * The patient's staging before surgery, as a surgeon reads it first: BCLC and CNLC stage, Child-Pugh, ALBI, the
 * transplant criteria, AJCC 8 and IMbrave050's high risk — the protocols' own facts, each a value or what the record
 * still needs for it.
 */
final class StagingCard {
    private StagingCard() {}

    static String render(PatientRecord r) {
        LocalDate asOf = r.lastKnownDate().orElse(LocalDate.now());
        StringBuilder s = new StringBuilder("<section class=\"card\" id=\"staging\" aria-labelledby=\"staging-h\"><h2 id=\"staging-h\">Staging"
                + " <span class=\"muted\">(from the pre-operative record)</span></h2><table id=\"staging-table\"><tbody>");
        for (Staging.Item i : Staging.of(r, asOf)) {
            s.append("<tr><th scope=\"row\">").append(Html.esc(i.label())).append("</th>");
            if (i.value() instanceof Fact.Known k) s.append("<td>").append(Html.esc(text(i, k.value()))).append("</td>");
            else s.append("<td class=\"muted\">needs ").append(Html.esc(String.join(", ", ((Fact.Missing) i.value()).fields()))).append("</td>");
            s.append("</tr>");
        }
        return s.append("</tbody></table></section>").toString();
    }

    /** A known value as a clinician writes it: a stage as named, a score as a whole number, ALBI to two decimals. */
    static String text(Staging.Item i, Object value) {
        if (value instanceof Boolean b) return b ? "yes" : "no";
        if (value instanceof Double d) return i.integer() ? Long.toString(Math.round(d)) : String.format(Locale.ROOT, "%.2f", d).replace('-', '−');
        return String.valueOf(value);
    }
}
