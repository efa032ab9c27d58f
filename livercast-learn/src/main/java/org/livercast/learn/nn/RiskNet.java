package org.livercast.learn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The fusion network behind PRE, POST and diagnosis: one small encoder per modality, the modality embeddings masked
 * and concatenated with the mask (a patient without slides or without a report is fused from what they have), a
 * shared trunk, a linear "wide" path from the inputs, and three heads: the logit of aggressive recurrence within 2 years,
 * and two proportional-hazards survival heads (RFS and OS), each one risk score per patient added to a learned baseline
 * per interval of {@link DiscreteTime} on the complementary log-log scale, which is exactly a Cox model for recurrences seen at
 * scheduled scans (grouped time). One risk per patient, rather than a free hazard per interval, is what the synthetic
 * and the clinical evidence say (proportional hazards), and it keeps treatment effects the same at every time.
 *
 * <p>Input: one array per modality in {@link #modalities()} order — [B, width], or [B, N, width] for a bag (slide tiles,
 * pooled by {@link GatedAttentionMil}; [1, N, width] when the batch is one patient's variants, its embedding then
 * broadcast over them) — then the mask [B, modalities] (1 = present); {@link NetInputs} builds them.
 * Output: aggressive logit [B, 1], the complementary log-log hazard of RFS [B, intervals] (baseline + risk) and the
 * same for OS (death from any cause; its own head and baseline on the shared trunk).
 */
public final class RiskNet extends AbstractBlock {
    private static final byte VERSION = 1;

    private final List<Modality> modalities;
    private final int hidden;
    private final int intervals;
    private final int binaryOutputs;
    private final List<Block> encoders = new ArrayList<>();
    private final Block trunk;
    private final Block aggressiveHead;
    private final Block hazardHead;
    private final Block osHead;
    private final Block wide;
    private final Parameter baseline;
    private final Parameter osBaseline;
    private final int treatment;

    public RiskNet(List<Modality> modalities, int hidden, int intervals, float dropout) {
        this(modalities, hidden, intervals, dropout, 1);
    }

    /** @param binaryOutputs width of the binary head (1: aggressive recurrence; diagnosis: malignant, ICC) */
    public RiskNet(List<Modality> modalities, int hidden, int intervals, float dropout, int binaryOutputs) {
        super(VERSION);
        this.binaryOutputs = binaryOutputs;
        if (modalities.isEmpty()) throw new IllegalArgumentException("a risk network needs at least one modality");
        this.modalities = List.copyOf(modalities);
        this.hidden = hidden;
        this.intervals = intervals;
        int t = -1;
        for (int i = 0; i < modalities.size(); i++) if (modalities.get(i).type() == Modality.Type.TREATMENT) t = i;
        this.treatment = t;
        for (Modality m : modalities) {
            if (m.type() == Modality.Type.TREATMENT) {
                encoders.add(null);  // not fused into the trunk: its effect is added to the risk below
                continue;
            }
            encoders.add(addChildBlock(m.name(), switch (m.type()) {
                case BAG -> new GatedAttentionMil(m.width() - 1, hidden, Math.max(4, hidden / 2), dropout);
                case VOLUME -> new Mri3dCnn(m.channels(), m.side(), hidden, dropout);
                default -> new SequentialBlock().add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                        .add(Dropout.builder().optRate(dropout).build());
            }));
        }
        trunk = addChildBlock("trunk", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Dropout.builder().optRate(dropout).build()));
        aggressiveHead = addChildBlock("aggressive", Linear.builder().setUnits(binaryOutputs).build());
        hazardHead = addChildBlock("hazard", Linear.builder().setUnits(1).optBias(false).build());
        osHead = addChildBlock("os_hazard", Linear.builder().setUnits(1).optBias(false).build());
        // Columns: the binary logits, the RFS risk, the OS risk.
        wide = addChildBlock("wide", Linear.builder().setUnits(binaryOutputs + 2).optBias(false).build());
        // The baseline hazard of each interval on the complementary log-log scale; −3 ≈ 5% per quarter to start.
        baseline = addParameter(Parameter.builder().setName("baseline").setType(Parameter.Type.OTHER)
                .optShape(new Shape(intervals)).optInitializer(new ConstantInitializer(-3f)).build());
        // Deaths are rarer than recurrences: −4 ≈ 2% per quarter to start.
        osBaseline = addParameter(Parameter.builder().setName("os_baseline").setType(Parameter.Type.OTHER)
                .optShape(new Shape(intervals)).optInitializer(new ConstantInitializer(-4f)).build());
    }

    public List<Modality> modalities() { return modalities; }

    public int hidden() { return hidden; }

    public int intervals() { return intervals; }

    public int binaryOutputs() { return binaryOutputs; }

    /** The index of the treatment modality among {@link #modalities()}, or −1 when the network takes no treatment. */
    public int treatmentIndex() { return treatment; }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray mask = inputs.get(modalities.size());
        NDList parts = new NDList();
        for (int m = 0; m < modalities.size(); m++) {
            if (m == treatment) continue;
            NDArray e = encoders.get(m).forward(ps, new NDList(inputs.get(m)), training).get(0);
            parts.add(e.mul(mask.get(new NDIndex(":, " + m + ":" + (m + 1)))));
        }
        // Late fusion by concatenation: an absent modality contributes zeros and the mask itself is an input, so the
        // trunk knows what it was not shown (a mean would blur "absent" into "average").
        parts.add(mask);
        NDArray h = trunk.forward(ps, new NDList(NDArrays.concat(parts, 1)), training).singletonOrThrow();
        // Wide and deep: a linear path from the (masked) vector inputs straight to both heads carries the additive effects
        // a clinical score captures; the deep path adds interactions on top. With few patients this matters most.
        // Treatment components enter here only, never the trunk: each is one log hazard ratio (Modality.Type.TREATMENT).
        NDList raw = new NDList();
        for (int m = 0; m < modalities.size(); m++) {
            if (modalities.get(m).vector() || m == treatment) raw.add(inputs.get(m).mul(mask.get(new NDIndex(":, " + m + ":" + (m + 1)))));
        }
        // A network without vector inputs (the slide-only baseline) has the presence mask on its linear path instead.
        if (raw.isEmpty()) raw.add(mask);
        NDArray linear = wide.forward(ps, new NDList(NDArrays.concat(raw, 1)), training).singletonOrThrow();
        NDArray risk = hazardHead.forward(ps, new NDList(h), training).singletonOrThrow()
                .add(linear.get(new NDIndex(":, " + binaryOutputs + ":" + (binaryOutputs + 1))));
        NDArray osRisk = osHead.forward(ps, new NDList(h), training).singletonOrThrow()
                .add(linear.get(new NDIndex(":, " + (binaryOutputs + 1) + ":" + (binaryOutputs + 2))));
        NDArray base = ps.getValue(baseline, risk.getDevice(), training);
        NDArray osBase = ps.getValue(osBaseline, risk.getDevice(), training);
        return new NDList(aggressiveHead.forward(ps, new NDList(h), training).singletonOrThrow().add(linear.get(new NDIndex(":, 0:" + binaryOutputs))),
                risk.add(base.reshape(1, intervals)), osRisk.add(osBase.reshape(1, intervals)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(batch, binaryOutputs), new Shape(batch, intervals), new Shape(batch, intervals)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        for (int m = 0; m < modalities.size(); m++) if (m != treatment) encoders.get(m).initialize(manager, dataType, inputShapes[m]);
        // (A bag modality's encoder is the attention pooling; its output is [B, hidden] like the others.)
        int fused = treatment >= 0 ? modalities.size() - 1 : modalities.size();
        trunk.initialize(manager, dataType, new Shape(batch, (long) fused * hidden + modalities.size()));
        aggressiveHead.initialize(manager, dataType, new Shape(batch, hidden));
        hazardHead.initialize(manager, dataType, new Shape(batch, hidden));
        osHead.initialize(manager, dataType, new Shape(batch, hidden));
        long width = modalities.stream().filter(m -> m.vector() || m.type() == Modality.Type.TREATMENT).mapToLong(Modality::width).sum();
        wide.initialize(manager, dataType, new Shape(batch, width == 0 ? modalities.size() : width));
    }

    /**
     * The treatment components' coefficients on the RFS risk, [width of the treatment modality]: each is that component's
     * log hazard ratio (the linear path adds it to the complementary log-log hazard of every interval). Read through
     * {@code ps} so that a penalty on them trains them. Throws if the network has no treatment modality.
     */
    public NDArray treatmentLogHazardRatios(ParameterStore ps, ai.djl.Device device) {
        if (treatment < 0) throw new IllegalStateException("this network has no treatment modality");
        long offset = treatmentColumn();
        NDArray weight = ps.getValue(wide.getParameters().get("weight"), device, true);
        return weight.get(new NDIndex(binaryOutputs + ", " + offset + ":" + (offset + modalities.get(treatment).width())));
    }

    /** Sets the treatment components' RFS coefficients (log hazard ratios), e.g. to a prior's means before training. */
    public void setTreatmentLogHazardRatios(float[] logHr) {
        if (treatment < 0) throw new IllegalStateException("this network has no treatment modality");
        int width = modalities.get(treatment).width();
        if (logHr.length != width) throw new IllegalArgumentException(logHr.length + " values for " + width + " treatment components");
        NDArray weight = wide.getParameters().get("weight").getArray();
        try (NDManager m = weight.getManager().newSubManager()) {
            long offset = treatmentColumn();
            weight.set(new NDIndex(binaryOutputs + ", " + offset + ":" + (offset + width)), m.create(logHr));
        }
    }

    /**
     * Sets the output layers — the three heads and the wide path — to zero, so that an initialised network predicts the
     * same for every patient (a log-odds of 0 and the baseline hazards) and training moves away from that null model.
     * With random output weights the first risk scores could be several units on the log hazard scale, and the
     * grouped-time likelihood, which exponentiates them twice, started so far off that 300 epochs did not recover.
     */
    public void zeroOutputLayers() {
        for (Block head : List.of(aggressiveHead, hazardHead, osHead, wide)) {
            for (var p : head.getParameters().values()) p.getArray().set(new NDIndex(":"), 0f);
        }
    }

    /** The RFS baseline (complementary log-log hazard per interval), a copy. */
    public float[] rfsBaseline() { return baseline.getArray().toFloatArray(); }

    /** Replaces the RFS baseline's values (with {@link #rfsBaseline()}: moves a fit and puts it back exactly). */
    public void setRfsBaseline(float[] values) {
        if (values.length != intervals) throw new IllegalArgumentException(values.length + " values for " + intervals + " intervals");
        NDArray b = baseline.getArray();
        try (NDManager m = b.getManager().newSubManager()) {
            b.set(new NDIndex(":"), m.create(values));
        }
    }

    /** The linear path's first treatment column: the vector modalities before it come first (forwardInternal's order). */
    private long treatmentColumn() {
        long offset = 0;
        for (int m = 0; m < treatment; m++) if (modalities.get(m).vector()) offset += modalities.get(m).width();
        return offset;
    }

    /** The attention over the tiles of bag modality {@code m}: [B, N], for the heat map. */
    public NDArray attention(ParameterStore ps, NDArray bag, int m) {
        if (!modalities.get(m).bag()) throw new IllegalArgumentException("modality " + modalities.get(m).name() + " is not a bag");
        return encoders.get(m).forward(ps, new NDList(bag), false).get(1);
    }

    /** Input shapes for a batch of {@code batch} patients (bags of 8 instances), for {@code Trainer.initialize}. */
    public Shape[] inputShapes(long batch) {
        Shape[] s = new Shape[modalities.size() + 1];
        for (int m = 0; m < modalities.size(); m++) {
            Modality mod = modalities.get(m);
            s[m] = mod.bag() ? new Shape(batch, 8, mod.width()) : new Shape(batch, mod.width());
        }
        s[modalities.size()] = new Shape(batch, modalities.size());
        return s;
    }
}
