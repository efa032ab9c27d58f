package org.livercast.learn.model;

import java.util.ArrayList;
import java.util.List;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.learn.features.ClinicalFeatures;
import org.livercast.learn.features.FeatureRow;
import org.livercast.learn.features.Standardiser;
import org.livercast.learn.features.TextEmbedding;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.nn.Modality;

/**
 * Turns a patient's inputs into the network's modality vectors, with the standardisation fitted on training patients.
 * PRE has two modalities — clinical (baseline) and radiology (the MRI report's LI-RADS findings and its text) — and
 * POST adds pathology (findings and text). {@link #encode(PreOperativeInputs)} accepts only pre-operative inputs: a
 * PRE encoder has no way to see pathology.
 */
public record InputEncoder(ModelKind kind, Standardiser clinical, Standardiser radiology, Standardiser pathology, int textDims) {
    public static final int TEXT_DIMS = 32;

    public static InputEncoder fitPre(List<PreOperativeInputs> train) {
        return new InputEncoder(ModelKind.PRE, Standardiser.fit(train.stream().map(ClinicalFeatures::baseline).toList()),
                Standardiser.fit(train.stream().map(ClinicalFeatures::radiology).toList()), null, TEXT_DIMS);
    }

    public static InputEncoder fitPost(List<PostOperativeInputs> train) {
        List<PreOperativeInputs> pre = train.stream().map(PostOperativeInputs::pre).toList();
        return new InputEncoder(ModelKind.POST, Standardiser.fit(pre.stream().map(ClinicalFeatures::baseline).toList()),
                Standardiser.fit(pre.stream().map(ClinicalFeatures::radiology).toList()),
                Standardiser.fit(train.stream().map(ClinicalFeatures::pathology).toList()), TEXT_DIMS);
    }

    /** The same standardisation, for the therapy model: POST's modalities plus the adjuvant strategy. */
    public InputEncoder forTherapy() {
        if (kind != ModelKind.POST) throw new IllegalStateException("the therapy model builds on POST inputs");
        return new InputEncoder(ModelKind.THERAPY, clinical, radiology, pathology, textDims);
    }

    public List<Modality> modalities() {
        List<Modality> m = new ArrayList<>(List.of(new Modality("clinical", clinical.width()), new Modality("radiology", radiology.width() + textDims)));
        if (kind != ModelKind.PRE) m.add(new Modality("pathology", pathology.width() + textDims));
        if (kind == ModelKind.THERAPY) m.add(new Modality("strategy", 2));
        return m;
    }

    /**
     * THERAPY: the patient's POST vectors with the strategy appended as its own (always present) modality, coded as its
     * two components (TACE yes/no, systemic yes/no) rather than four categories: TACE + systemic then shares what the
     * data say about each part (it is the rarest strategy, given to the sickest patients), and any interaction is
     * still open to the network.
     */
    public Encoded encode(PostOperativeInputs in, AdjuvantStrategy strategy) {
        if (kind != ModelKind.THERAPY) throw new IllegalStateException("only the therapy model takes a strategy");
        Encoded post = new InputEncoder(ModelKind.POST, clinical, radiology, pathology, textDims).encode(in);
        float[] oneHot = {strategy.includesTace() ? 1f : 0f, strategy.includesSystemic() ? 1f : 0f};
        float[][] v = java.util.Arrays.copyOf(post.vectors(), post.vectors().length + 1);
        v[v.length - 1] = oneHot;
        float[] present = java.util.Arrays.copyOf(post.present(), post.present().length + 1);
        present[present.length - 1] = 1f;
        return new Encoded(v, present);
    }

    /** One vector per modality and the presence mask (a modality with no source at all is absent, not zeros). */
    public record Encoded(float[][] vectors, float[] present) {}

    public Encoded encode(PreOperativeInputs in) {
        if (kind != ModelKind.PRE) throw new IllegalStateException("a POST model needs post-operative inputs");
        return new Encoded(new float[][] {clinical.apply(ClinicalFeatures.baseline(in)), radiology(in)},
                new float[] {1f, in.radiologyText().isEmpty() ? 0f : 1f});
    }

    public Encoded encode(PostOperativeInputs in) {
        if (kind != ModelKind.POST) throw new IllegalStateException("a PRE model takes pre-operative inputs only");
        PreOperativeInputs pre = in.pre();
        FeatureRow path = ClinicalFeatures.pathology(in);
        boolean anyPathology = !in.pathologyText().isEmpty() || path.values().values().stream().anyMatch(v -> v != null);
        return new Encoded(new float[][] {clinical.apply(ClinicalFeatures.baseline(pre)), radiology(pre),
                concat(pathology.apply(path), TextEmbedding.of(in.pathologyText(), textDims))},
                new float[] {1f, pre.radiologyText().isEmpty() ? 0f : 1f, anyPathology ? 1f : 0f});
    }

    private float[] radiology(PreOperativeInputs in) {
        return concat(radiology.apply(ClinicalFeatures.radiology(in)), TextEmbedding.of(in.radiologyText(), textDims));
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
