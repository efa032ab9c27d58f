package org.livercast.stats.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.livercast.stats.survival.Concordance;
import org.livercast.stats.survival.Cox;
import org.livercast.stats.survival.SurvivalData;
import org.livercast.stats.survival.Ties;

/** {@code cox}: a Cox model with its tests and the concordance of its linear predictor. */
final class CoxCase implements CaseKind {
    public String kind() { return "cox"; }

    public JsonNode compute(JsonNode spec, CaseTable data) {
        String time = CaseKind.column(spec, "time");
        String status = CaseKind.column(spec, "status");
        String strata = CaseKind.column(spec, "strata");
        List<String> covariates = new ArrayList<>();
        spec.path("columns").path("covariates").forEach(c -> covariates.add(c.asText()));
        List<String> used = new ArrayList<>(List.of(time, status));
        used.addAll(covariates);
        if (strata != null) used.add(strata);
        int[] rows = data.completeRows(used);
        double[][] x = new double[rows.length][covariates.size()];
        for (int j = 0; j < covariates.size(); j++) {
            double[] col = data.numbers(covariates.get(j), rows);
            for (int i = 0; i < rows.length; i++) x[i][j] = col[i];
        }
        SurvivalData s = SurvivalData.of(data.numbers(time, rows), data.integers(status, rows));
        String[] st = strata == null ? null : data.texts(strata, rows);
        Ties ties = Ties.valueOf(spec.path("ties").asText("efron").toUpperCase(Locale.ROOT));
        Cox.Fit fit = Cox.fit(s, x, st, ties);
        double[] lp = new double[rows.length];
        for (int i = 0; i < rows.length; i++) lp[i] = fit.linearPredictor(x[i]);
        Concordance.Result c = Concordance.harrell(s, lp, st);
        ObjectNode out = CaseKind.object();
        out.put("n", fit.n());
        out.put("n_event", fit.events());
        out.set("coef", CaseKind.array(fit.coef()));
        out.set("se", CaseKind.array(fit.se()));
        out.set("hr", CaseKind.array(fit.hazardRatio()));
        out.set("hr_lower95", CaseKind.array(fit.hrLower95()));
        out.set("hr_upper95", CaseKind.array(fit.hrUpper95()));
        out.set("z", CaseKind.array(fit.z()));
        out.set("p", CaseKind.array(fit.p()));
        out.put("loglik_null", fit.logLikNull());
        out.put("loglik", fit.logLik());
        out.put("lr_test", fit.lrTest());
        out.put("wald_test", fit.waldTest());
        out.put("score_test", fit.scoreTest());
        out.put("concordance", c.concordance());
        out.put("concordance_se", c.standardError());
        return out;
    }
}
