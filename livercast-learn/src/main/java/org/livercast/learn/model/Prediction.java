package org.livercast.learn.model;

import java.util.List;
import java.util.Map;

/**
 * One patient's prediction, reproducible from what it records: the model's content hash and the hash of the exact
 * input vectors.
 *
 * @param probabilityAggressive2y calibrated probability of a first recurrence beyond Milan within 730 days
 * @param highRisk                probability ≥ 0.5 (P2's definition of high risk for the PRE score)
 * @param rfsSurvivalByYear       predicted recurrence-free survival at 1, 2, 3, 4 and 5 years
 * @param rfsRiskScore            −log S(3 years): higher means worse (the convention every C-index here uses)
 * @param osSurvivalByYear        predicted overall survival at 1, 2, 3, 4 and 5 years
 * @param osRiskScore             −log S_OS(3 years)
 * @param contributions           per clinical variable, the change in the log-odds of aggressive recurrence when the
 *                                variable is replaced by its training mean (occlusion); largest magnitude first
 * @param slideAttention          the attention each tissue tile of the slide received (level-0 pixels; weights sum to
 *                                1), for the heat map; empty without a slide
 * @param mriOcclusion            per 20 mm block of the tumour-centred MRI cube, how much the log-odds of aggressive
 *                                recurrence drop when the block is blanked in every channel (positive: the block
 *                                raised the risk); empty without the scan
 */
public record Prediction(String modelId, ModelKind kind, String patientId, double probabilityAggressive2y, boolean highRisk,
                         List<Double> rfsSurvivalByYear, double rfsRiskScore, List<Double> osSurvivalByYear, double osRiskScore,
                         Map<String, Double> contributions,
                         List<String> modalitiesUsed, String inputSha256, List<TileAttention> slideAttention,
                         List<MriRegion> mriOcclusion) {
    /** P2's high risk: a PRE (or POST) probability at or above this. */
    public static final double HIGH_RISK_THRESHOLD = 0.5;

    public record TileAttention(long x, long y, long sizeLevel0, double weight) {}

    /** A block of the MRI cube: its centre relative to the tumour's centroid (mm, cube axes) and its occlusion effect. */
    public record MriRegion(double xMm, double yMm, double zMm, double logOddsEffect) {}
}
