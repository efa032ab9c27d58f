package org.livercast.learn.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.learn.nn.DiscreteTime;
import org.livercast.learn.nn.NetInputs;
import org.livercast.learn.nn.RiskNet;

/**
 * A trained risk network — or an ensemble of networks of one architecture whose outputs are averaged (the logits and the
 * hazards' complementary log-log scores; the attention weights) — with everything needed to use it: the input encoder,
 * the Platt calibration of the (averaged) aggressive-recurrence logit, and its identity (content hash). Holds native
 * memory: close it.
 */
public final class TrainedModel implements AutoCloseable {
    private final List<Model> members;
    private final InputEncoder encoder;
    private final Calibration calibration;
    private final String modelId;

    TrainedModel(List<Model> members, InputEncoder encoder, Calibration calibration, String modelId) {
        if (members.isEmpty()) throw new IllegalArgumentException("a model needs at least one network");
        this.members = List.copyOf(members);
        this.encoder = encoder;
        this.calibration = calibration;
        this.modelId = modelId;
    }

    public String modelId() { return modelId; }

    public ModelKind kind() { return encoder.kind(); }

    public InputEncoder encoder() { return encoder; }

    /** The first network: the architecture every member shares. */
    RiskNet net() { return (RiskNet) members.get(0).getBlock(); }

    /** Every network of the ensemble (one for a single network). */
    List<RiskNet> nets() { return members.stream().map(m -> (RiskNet) m.getBlock()).toList(); }

    Calibration calibration() { return calibration; }

    /** The same networks under another calibration, same id (for comparing calibrations; close only one of the two). */
    TrainedModel withCalibration(Calibration other) { return new TrainedModel(members, encoder, other, modelId); }

    /** Raw network output for encoded patients: the uncalibrated logits and the RFS and OS hazard probabilities per interval. */
    public record Raw(float[] logits, float[] hazard, float[] osHazard) {
        /** The first binary output (aggressive recurrence for PRE/POST, malignant for diagnosis). */
        public double logit() { return logits[0]; }
    }

    /** Many patients' slides are scored in several batches, each under {@link NetInputs#MAX_BATCH_FLOATS}. */
    public List<Raw> raw(List<InputEncoder.Encoded> patients) { return raw(patients, NetInputs.MAX_BATCH_FLOATS); }

    /** As {@link #raw(List)}, in batches of at most {@code maxBatchFloats} packed floats. */
    public List<Raw> raw(List<InputEncoder.Encoded> patients, long maxBatchFloats) {
        List<int[]> batches = NetInputs.batches(net().modalities(), patients.stream().map(InputEncoder.Encoded::vectors).toList(), maxBatchFloats);
        List<Raw> out = new ArrayList<>(patients.size());
        for (int[] b : batches) out.addAll(rawBatch(patients.subList(b[0], b[1])));
        return out;
    }

    private List<Raw> rawBatch(List<InputEncoder.Encoded> patients) {
        try (NDManager m = members.get(0).getNDManager().newSubManager()) {
            int b = patients.size();
            NDList in = NetInputs.of(m, net().modalities(), patients.stream().map(InputEncoder.Encoded::vectors).toList(),
                    patients.stream().map(InputEncoder.Encoded::present).toList(), null);
            NDList out = averaged(m, in);
            float[] logits = out.get(0).toFloatArray();
            int l = net().binaryOutputs();
            NDArray rfs = out.get(1);
            NDArray osScore = out.get(2);
            // Each patient's corrections for the inputs it lacks, looked up once (none: the networks' outputs, bit for bit).
            List<List<Calibration.AbsenceOffset>> corrections = calibration.absent().isEmpty() ? null
                    : patients.stream().map(e -> calibration.forAbsent(absentInputs(e))).toList();
            float[][] absence = corrections == null ? null : absenceOffsets(corrections);
            if (absence != null) {
                rescaleAbsent(corrections, logits, l);
                for (int i = 0; i < b; i++) logits[i * l] += absence[0][i];
                rfs = rfs.add(m.create(absence[1], new Shape(b, 1)));
                osScore = osScore.add(m.create(absence[2], new Shape(b, 1)));
            }
            float[] hazard = org.livercast.learn.nn.Losses.hazardProbability(shifted(rfs, calibration.rfsHazardShift())).toFloatArray();
            float[] osHazard = org.livercast.learn.nn.Losses.hazardProbability(shifted(osScore, calibration.osHazardShift())).toFloatArray();
            List<Raw> raws = new ArrayList<>(b);
            int k = DiscreteTime.INTERVALS;
            for (int i = 0; i < b; i++) {
                float[] h = new float[k];
                System.arraycopy(hazard, i * k, h, 0, k);
                float[] os = new float[k];
                System.arraycopy(osHazard, i * k, os, 0, k);
                float[] li = new float[l];
                System.arraycopy(logits, i * l, li, 0, l);
                raws.add(new Raw(li, h, os));
            }
            return raws;
        }
    }

    /**
     * Per patient, what the inputs it lacks add to the aggressive logit, the RFS and the OS complementary log-log scores
     * ({@link Calibration#forAbsent}: the correction for its combination of absent inputs, or each input's summed):
     * {logit[], rfs[], os[]}.
     */
    private static float[][] absenceOffsets(List<List<Calibration.AbsenceOffset>> corrections) {
        float[][] out = new float[3][corrections.size()];
        for (int i = 0; i < corrections.size(); i++) {
            for (Calibration.AbsenceOffset a : corrections.get(i)) {
                out[0][i] += (float) a.logit();
                out[1][i] += (float) a.rfsHazard();
                out[2][i] += (float) a.osHazard();
            }
        }
        return out;
    }

    /**
     * The aggressive logit of each patient whose absent inputs' correction rescales it ({@link Calibration.AbsenceOffset#scaled}),
     * before the offsets add; untouched (bit for bit) when none does.
     */
    private static void rescaleAbsent(List<List<Calibration.AbsenceOffset>> corrections, float[] logits, int perPatient) {
        for (int i = 0; i < corrections.size(); i++) {
            double logit = logits[i * perPatient];
            boolean scaled = false;
            for (Calibration.AbsenceOffset a : corrections.get(i)) {
                if (a.logScale() == 0) continue;
                logit = a.scaled(logit);
                scaled = true;
            }
            if (scaled) logits[i * perPatient] = (float) logit;
        }
    }

    /** The inputs a patient lacks, in the network's order (the first input and a treatment are always there). */
    private List<String> absentInputs(InputEncoder.Encoded patient) {
        List<org.livercast.learn.nn.Modality> mods = net().modalities();
        List<String> absent = new ArrayList<>();
        for (int k = 1; k < mods.size(); k++) if (patient.present()[k] == 0) absent.add(mods.get(k).name());
        return absent;
    }

    /** A complementary log-log score moved by a recalibration's shift (none: the array itself, so a model as trained is exact). */
    private static NDArray shifted(NDArray cloglog, double shift) {
        return shift == 0 ? cloglog : cloglog.add(org.livercast.learn.nn.Torch.scalar(cloglog, (float) shift));
    }

    /** The members' outputs averaged: the logit and the two complementary log-log hazard scores. */
    private NDList averaged(NDManager m, NDList in) {
        NDList sum = null;
        for (RiskNet net : nets()) {
            NDList out = net.forward(new ParameterStore(m, false), in, false);
            sum = sum == null ? out : new NDList(sum.get(0).add(out.get(0)), sum.get(1).add(out.get(1)), sum.get(2).add(out.get(2)));
        }
        return new NDList(meanOf(sum.get(0)), meanOf(sum.get(1)), meanOf(sum.get(2)));
    }

    /** A sum over the members divided by their number (one member: the array itself, so a single network's output is exact). */
    private NDArray meanOf(NDArray sum) {
        return members.size() == 1 ? sum : sum.div(org.livercast.learn.nn.Torch.scalar(sum, members.size()));
    }

    /** The calibrated logit of a network logit: logit p = intercept + slope·logit (what a recalibration for a centre updates). */
    public double linearPredictor(double logit) { return calibration.linearPredictor(logit); }

    public double calibrated(double logit) {
        return 1 / (1 + Math.exp(-linearPredictor(logit)));
    }

    /** The full prediction for one encoded patient, with occlusion contributions of the clinical variables. */
    public Prediction predict(String patientId, InputEncoder.Encoded e) {
        List<InputEncoder.Encoded> batch = new ArrayList<>();
        batch.add(e);
        List<String> names = encoder.clinical().names();
        for (int j = 0; j < names.size(); j++) batch.add(occlude(e, j));
        List<Raw> out = raw(batch);
        Raw full = out.get(0);
        double p = calibrated(full.logit());
        List<Double> byYear = new ArrayList<>();
        List<Double> osByYear = new ArrayList<>();
        for (int y = 1; y <= 5; y++) {
            byYear.add(DiscreteTime.survival(full.hazard(), 365.25 * y));
            osByYear.add(DiscreteTime.survival(full.osHazard(), 365.25 * y));
        }
        Map<String, Double> contributions = new LinkedHashMap<>();
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) order.add(j);
        order.sort(Comparator.comparingDouble(j -> -Math.abs(full.logit() - out.get(j + 1).logit())));
        for (int j : order) contributions.put(names.get(j), calibration.slope() * (full.logit() - out.get(j + 1).logit()));
        List<String> used = new ArrayList<>();
        for (int k = 0; k < e.present().length; k++) if (e.present()[k] > 0) used.add(net().modalities().get(k).name());
        return new Prediction(modelId, kind(), patientId, p, p >= Prediction.HIGH_RISK_THRESHOLD, byYear, riskScore(full.hazard()), osByYear, riskScore(full.osHazard()),
                contributions, used, inputHash(e), attention(e), mriOcclusion(e, full.logit()));
    }

    /** Edge of an occlusion block, in voxels of the MRI cube (4 voxels × 5 mm = 20 mm). */
    static final int OCCLUSION_BLOCK = 4;

    /**
     * Occlusion over the MRI cube: each block blanked (all channels) in one batch; empty without an MRI modality or scan.
     * A CNN model's MRI vector is the tensor itself; a radiomics model's features are re-derived from the blanked tensor.
     */
    public List<Prediction.MriRegion> mriOcclusion(InputEncoder.Encoded e, double fullLogit) {
        List<org.livercast.learn.nn.Modality> mods = net().modalities();
        int k = -1;
        for (int i = 0; i < mods.size(); i++) if (mods.get(i).name().equals("mri")) k = i;
        if (k < 0 || e.present()[k] == 0) return List.of();
        boolean cnn = mods.get(k).type() == org.livercast.learn.nn.Modality.Type.VOLUME;
        if (!cnn && e.mriRoi() == null) return List.of();
        float[] roi = cnn ? e.vectors().get(k) : e.mriRoi();
        int side = org.livercast.learn.mri.MriRoi.SIDE;
        int channels = org.livercast.learn.mri.MriRoi.CHANNELS;
        int blocks = side / OCCLUSION_BLOCK;
        double voxelMm = org.livercast.learn.mri.MriRoi.VOXEL_MM;
        List<InputEncoder.Encoded> batch = new ArrayList<>();
        List<double[]> centres = new ArrayList<>();
        for (int bz = 0; bz < blocks; bz++) {
            for (int by = 0; by < blocks; by++) {
                for (int bx = 0; bx < blocks; bx++) {
                    float[] volume = roi.clone();
                    for (int c = 0; c < channels; c++) {
                        for (int z = bz * OCCLUSION_BLOCK; z < (bz + 1) * OCCLUSION_BLOCK; z++) {
                            for (int y = by * OCCLUSION_BLOCK; y < (by + 1) * OCCLUSION_BLOCK; y++) {
                                int row = ((c * side + z) * side + y) * side;
                                java.util.Arrays.fill(volume, row + bx * OCCLUSION_BLOCK, row + (bx + 1) * OCCLUSION_BLOCK, 0f);
                            }
                        }
                    }
                    batch.add(new InputEncoder.Encoded(e.vectors().with(k, cnn ? volume : encoder.mriVector(volume)), e.present()));
                    double half = side / 2.0;
                    centres.add(new double[] {((bx + 0.5) * OCCLUSION_BLOCK - half) * voxelMm, ((by + 0.5) * OCCLUSION_BLOCK - half) * voxelMm,
                            ((bz + 0.5) * OCCLUSION_BLOCK - half) * voxelMm});
                }
            }
        }
        List<Raw> raw = raw(batch);
        List<Prediction.MriRegion> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            double[] c = centres.get(i);
            out.add(new Prediction.MriRegion(c[0], c[1], c[2], calibration.slope() * (fullLogit - raw.get(i).logit())));
        }
        return out;
    }

    /** The slide's tile attention for one patient (empty when the model has no slide modality or the patient no slide). */
    public List<Prediction.TileAttention> attention(InputEncoder.Encoded e) {
        List<org.livercast.learn.nn.Modality> mods = net().modalities();
        int k = -1;
        for (int i = 0; i < mods.size(); i++) if (mods.get(i).bag()) k = i;
        if (k < 0 || e.present()[k] == 0 || e.tiles().isEmpty()) return List.of();
        try (NDManager m = members.get(0).getNDManager().newSubManager()) {
            List<org.livercast.learn.nn.ModalityVectors> vectors = new ArrayList<>();
            vectors.add(e.vectors());
            List<float[]> present = new ArrayList<>();
            present.add(e.present());
            NDList in = NetInputs.of(m, mods, vectors, present, null);
            // Each member attends in its own way; the map shows their mean.
            NDArray sum = null;
            for (RiskNet net : nets()) {
                NDArray one = net.attention(new ParameterStore(m, false), in.get(k), k);
                sum = sum == null ? one : sum.add(one);
            }
            float[] a = meanOf(sum).toFloatArray();
            List<Prediction.TileAttention> out = new ArrayList<>();
            for (int i = 0; i < e.tiles().size(); i++) {
                var t = e.tiles().get(i);
                out.add(new Prediction.TileAttention(t.x(), t.y(), t.sizeLevel0(), a[i]));
            }
            return out;
        }
    }

    /** −log S(3 years): the RFS risk score (higher = worse). */
    public static double riskScore(float[] hazard) {
        return -Math.log(Math.max(1e-12, DiscreteTime.survival(hazard, 3 * 365.25)));
    }

    /** The clinical variable j set to its training mean (z = 0) and marked present. */
    private InputEncoder.Encoded occlude(InputEncoder.Encoded e, int j) {
        float[] clinical = e.vectors().get(0).clone();
        clinical[j] = 0f;
        List<String> cols = encoder.clinical().columns();
        int indicator = cols.indexOf(encoder.clinical().names().get(j) + "_missing");
        if (indicator >= 0) clinical[indicator] = 0f;
        return new InputEncoder.Encoded(e.vectors().with(0, clinical), e.present());
    }

    public static String inputHash(InputEncoder.Encoded e) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (int k = 0; k < e.vectors().size(); k++) {
                float[] v = e.vectors().get(k);
                ByteBuffer b = ByteBuffer.allocate(v.length * 4);
                for (float f : v) b.putFloat(f);
                d.update(b.array());
            }
            ByteBuffer b = ByteBuffer.allocate(e.present().length * 4);
            for (float f : e.present()) b.putFloat(f);
            d.update(b.array());
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() { members.forEach(Model::close); }
}
