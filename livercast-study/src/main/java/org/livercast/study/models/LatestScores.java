package org.livercast.study.models;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Every patient's latest PRE and POST risk and latest recommended strategy, for a list of many patients: two queries
 * in all, reading no prediction body. A body holds the slide's attention map (about 65 bytes a tile: 650 KB for a
 * foundation model's 10,000 tiles), so a list that read each patient's predictions whole read all of them, once a
 * patient, on every view.
 */
public final class LatestScores {
    /** A patient's latest prediction of one kind, as the list shows it. */
    public record Risk(double probabilityAggressive2y, boolean highRisk) {}

    /** A patient's latest recommendation, as the list shows it. */
    public record Recommended(String strategy, double gainRfs3y) {}

    private final Map<String, Map<String, Risk>> risks;
    private final Map<String, Recommended> recommendations;

    private LatestScores(Map<String, Map<String, Risk>> risks, Map<String, Recommended> recommendations) {
        this.risks = risks;
        this.recommendations = recommendations;
    }

    /** Latest is the last recorded, as for one patient (by time, then id: two predictions in one transaction keep their order). */
    public static LatestScores read(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            Map<String, Map<String, Risk>> risks = new HashMap<>();
            h.createQuery("""
                    select distinct on (centre_id, patient_id, kind) centre_id, patient_id, kind, probability_aggressive_2y, high_risk
                    from prediction order by centre_id, patient_id, kind, predicted_at desc, prediction_id desc""")
                    .map((rs, ctx) -> Map.entry(key(rs.getString(1), rs.getString(2)), Map.entry(rs.getString(3), new Risk(rs.getDouble(4), rs.getBoolean(5)))))
                    .forEach(e -> risks.computeIfAbsent(e.getKey(), k -> new HashMap<>()).put(e.getValue().getKey(), e.getValue().getValue()));
            Map<String, Recommended> recommendations = new HashMap<>();
            h.createQuery("""
                    select distinct on (centre_id, patient_id) centre_id, patient_id, recommended, gain_rfs3y
                    from recommendation order by centre_id, patient_id, recommended_at desc, recommendation_id desc""")
                    .map((rs, ctx) -> Map.entry(key(rs.getString(1), rs.getString(2)), new Recommended(rs.getString(3), rs.getDouble(4))))
                    .forEach(e -> recommendations.put(e.getKey(), e.getValue()));
            return new LatestScores(risks, recommendations);
        });
    }

    /** @param kind "pre" or "post" */
    public Optional<Risk> risk(String centre, String patient, String kind) {
        return Optional.ofNullable(risks.getOrDefault(key(centre, patient), Map.of()).get(kind));
    }

    public Optional<Recommended> recommended(String centre, String patient) { return Optional.ofNullable(recommendations.get(key(centre, patient))); }

    private static String key(String centre, String patient) { return centre + "\u0000" + patient; }
}
