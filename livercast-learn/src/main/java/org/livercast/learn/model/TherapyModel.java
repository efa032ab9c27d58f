package org.livercast.learn.model;

import org.livercast.learn.data.UnusableInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.learn.features.TaceEffectModifiers;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.nn.DiscreteTime;

/**
 * The adjuvant-therapy model (P4): an ensemble of networks, each trained on a bootstrap resample of propensity-weighted
 * patients, that predicts a patient's RFS under each of the four strategies. The recommendation follows the truth's
 * rule — a strategy replaces the current one only if it adds at least one percentage point of 3-year RFS (otherwise
 * the lighter treatment wins; strategies are compared lightest first) — and its uncertainty is the spread between ensemble members.
 * Each strategy's hazard ratio is the same for every patient except where the trials say TACE works differently
 * ({@link TaceEffectModifiers}); the absolute gain also follows the patient's own risk.
 */
public final class TherapyModel implements AutoCloseable {
    public static final double MIN_GAIN = 0.01;
    /** therapy.json's format; 2 since the strategy gained TACE's subgroup components and lost the trunk's modifiers. */
    public static final int SCHEMA_VERSION = 2;
    private final List<TrainedModel> members;

    public TherapyModel(List<TrainedModel> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("a therapy model needs at least one member");
        for (TrainedModel m : members) {
            if (m.kind() != ModelKind.THERAPY) throw new IllegalArgumentException("model " + m.modelId() + " is not a therapy model");
        }
        this.members = List.copyOf(members);
    }

    public List<TrainedModel> members() { return members; }

    /** Each member's RFS at 1–5 years under each strategy, [member][strategy ordinal][year − 1], as the networks predict it. */
    /** The first member's input hash under each strategy, hashed together in the strategies' order. */
    private String inputHash(PostOperativeInputs in) {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            TrainedModel first = members.get(0);
            for (AdjuvantStrategy s : AdjuvantStrategy.values()) {
                d.update(TrainedModel.inputHash(first.encoder().encode(in, s)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private double[][][] memberCurves(PostOperativeInputs in) {
        int k = AdjuvantStrategy.values().length;
        double[][][] curves = new double[members.size()][k][5];
        for (int m = 0; m < members.size(); m++) {
            TrainedModel model = members.get(m);
            List<InputEncoder.Encoded> batch = new ArrayList<>();
            for (AdjuvantStrategy s : AdjuvantStrategy.values()) batch.add(model.encoder().encode(in, s));
            List<TrainedModel.Raw> raw = model.raw(batch);
            for (int s = 0; s < k; s++) {
                for (int y = 0; y < 5; y++) curves[m][s][y] = DiscreteTime.survival(raw.get(s).hazard(), 365.25 * (y + 1));
            }
        }
        return curves;
    }

    /**
     * Each member's log hazard ratio of each strategy against surgery alone, [member][strategy ordinal]: read off the
     * 3-year RFS (the networks are proportional-hazards, so any horizon gives the same ratio).
     */
    private static double[][] logHazardRatios(double[][][] curves) {
        int sa = AdjuvantStrategy.SURGERY_ALONE.ordinal();
        double[][] out = new double[curves.length][AdjuvantStrategy.values().length];
        for (int m = 0; m < curves.length; m++) {
            double base = cumulativeHazard(curves[m][sa][2]);
            for (int s = 0; s < out[m].length; s++) out[m][s] = Math.log(cumulativeHazard(curves[m][s][2]) / base);
        }
        return out;
    }

    /** −log S, kept away from 0 and ∞ so a ratio of two is always finite. */
    private static double cumulativeHazard(double survival) {
        return Math.max(1e-12, -Math.log(Math.max(1e-300, Math.min(1, survival))));
    }

    /** Predicted 3-year RFS under one strategy: ensemble mean and SD, and the mean 1–5-year curve. */
    public record StrategyEstimate(AdjuvantStrategy strategy, double rfs3y, double rfs3ySd, List<Double> rfsByYear) {}

    /**
     * @param agreement    share of ensemble members whose own recommendation is the same strategy
     * @param gainOverSurgeryAlone predicted 3-year RFS gain of the recommendation over surgery alone, with its SD
     * @param taceSubgroup the trial subgroup whose TACE effect applies to the patient ({@link TaceEffectModifiers#LABELS})
     * @param taceHazardRatio TACE's RFS hazard ratio against surgery alone in that subgroup (geometric mean over members)
     * @param inputSha256  the hash of what the ensemble read: the first member's input vectors under each strategy in
     *                     turn ({@link TrainedModel#inputHash} of each, hashed together), so a recommendation is
     *                     reproducible from its inputs as a prediction is
     */
    public record Recommendation(String patientId, List<StrategyEstimate> estimates, AdjuvantStrategy recommended, double agreement,
                                 double gainOverSurgeryAlone, double gainSd, String taceSubgroup, double taceHazardRatio, String inputSha256) {}

    public Recommendation recommend(PostOperativeInputs in) { return score(in).recommendation(); }

    /** A recommendation with each member's log hazard ratios, [member][strategy ordinal], from one pass of the ensemble. */
    public record Scored(Recommendation recommendation, double[][] memberLogHazardRatios) {}

    public Scored score(PostOperativeInputs in) {
        int k = AdjuvantStrategy.values().length;
        double[][][] curves = memberCurves(in);
        double[][] logHr = logHazardRatios(curves);
        double[][] rfs3 = new double[members.size()][k];
        for (int m = 0; m < members.size(); m++) for (int s = 0; s < k; s++) rfs3[m][s] = curves[m][s][2];
        List<StrategyEstimate> estimates = new ArrayList<>();
        double[] mean = new double[k];
        for (int s = 0; s < k; s++) {
            double sum = 0;
            double ss = 0;
            List<Double> curve = new ArrayList<>();
            for (int y = 0; y < 5; y++) {
                double c = 0;
                for (double[][] member : curves) c += member[s][y];
                curve.add(c / members.size());
            }
            for (double[] member : rfs3) {
                sum += member[s];
                ss += member[s] * member[s];
            }
            mean[s] = sum / members.size();
            double sd = members.size() < 2 ? 0 : Math.sqrt(Math.max(0, (ss - members.size() * mean[s] * mean[s]) / (members.size() - 1)));
            estimates.add(new StrategyEstimate(AdjuvantStrategy.values()[s], mean[s], sd, curve));
        }
        int best = choose(mean);
        int agree = 0;
        double gSum = 0;
        double gSs = 0;
        for (double[] member : rfs3) {
            if (choose(member) == best) agree++;
            double g = member[best] - member[AdjuvantStrategy.SURGERY_ALONE.ordinal()];
            gSum += g;
            gSs += g * g;
        }
        double gMean = gSum / members.size();
        double gSd = members.size() < 2 ? 0 : Math.sqrt(Math.max(0, (gSs - members.size() * gMean * gMean) / (members.size() - 1)));
        double taceLogHr = 0;
        for (double[] member : logHr) taceLogHr += member[AdjuvantStrategy.TACE.ordinal()] / members.size();
        return new Scored(new Recommendation(in.pre().patientId(), estimates, AdjuvantStrategy.values()[best], (double) agree / members.size(), gMean,
                gSd, TaceEffectModifiers.label(in), Math.exp(taceLogHr), inputHash(in)), logHr);
    }

    /** Lightest to heaviest treatment burden. */
    static final AdjuvantStrategy[] BY_BURDEN = {AdjuvantStrategy.SURGERY_ALONE, AdjuvantStrategy.TACE, AdjuvantStrategy.SYSTEMIC,
            AdjuvantStrategy.TACE_SYSTEMIC};

    /**
     * The truth's rule: walk the strategies from the lightest, switching to a heavier one only for at least
     * {@link #MIN_GAIN} more 3-year RFS. Returns the strategy's ordinal.
     */
    static int choose(double[] rfs3y) {
        AdjuvantStrategy best = BY_BURDEN[0];
        for (AdjuvantStrategy s : BY_BURDEN) if (rfs3y[s.ordinal()] > rfs3y[best.ordinal()] + MIN_GAIN) best = s;
        return best.ordinal();
    }

    /** @param tileEncoder where the members' tile encoder was read from, or null for the built-in features */
    public void save(Path dir, Map<String, Object> metrics, float dropout, String dataHash, org.livercast.learn.slide.TileEncoderSource tileEncoder)
            throws IOException {
        Files.createDirectories(dir);
        List<String> ids = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            ModelStore.save(members.get(m), dropout, dataHash, Map.of(), tileEncoder, dir.resolve("member-" + m));
            ids.add(members.get(m).modelId());
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("schemaVersion", SCHEMA_VERSION);
        card.put("kind", "therapy");
        card.put("members", ids);
        card.put("minimumGain3y", MIN_GAIN);
        card.put("metrics", metrics);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("therapy.json").toFile(), card);
    }

    public static TherapyModel load(Path dir) throws IOException {
        if (!Files.exists(dir.resolve("therapy.json"))) throw new UnusableInputException(dir + ": not a therapy model folder (no therapy.json)");
        var card = new ObjectMapper().readTree(dir.resolve("therapy.json").toFile());
        int version = card.path("schemaVersion").asInt(-1);
        if (version != SCHEMA_VERSION) {
            throw new UnusableInputException(dir.resolve("therapy.json") + ": schemaVersion " + version + " is not " + SCHEMA_VERSION
                    + " (trained with an earlier coding of the strategy); train it again with `livercast train --model therapy`");
        }
        List<TrainedModel> members = new ArrayList<>();
        for (int m = 0; m < card.get("members").size(); m++) {
            TrainedModel t = ModelStore.load(dir.resolve("member-" + m));
            if (!t.modelId().equals(card.get("members").get(m).asText())) {
                throw new UnusableInputException(dir.resolve("member-" + m) + ": model id differs from therapy.json's member list");
            }
            members.add(t);
        }
        return new TherapyModel(members);
    }

    @Override
    public void close() { members.forEach(TrainedModel::close); }
}
