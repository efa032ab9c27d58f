package org.livercast.learn.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.learn.features.ClinicalFeatures;
import org.livercast.learn.features.FeatureRow;
import org.livercast.learn.features.Standardiser;
import org.livercast.learn.features.TaceEffectModifiers;
import org.livercast.learn.features.TextEmbedding;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.mri.MriRadiomics;
import org.livercast.learn.mri.MriRoi;
import org.livercast.learn.nn.BagSpill;
import org.livercast.learn.nn.Modality;
import org.livercast.learn.nn.ModalityVectors;
import org.livercast.learn.slide.SlideBag;
import org.livercast.learn.slide.TileStandardiser;

/**
 * Turns a patient's inputs into the network's modality vectors, with the standardisation fitted on training patients.
 * PRE has two modalities — clinical (baseline) and radiology (the MRI report's LI-RADS findings and its text) — and a
 * third, the MRI tensor, when the model was trained on images ({@code mri}): read by a 3D CNN, or — when {@code mriFeatures}
 * is set — as its radiomic features ({@link MriRadiomics}) standardised like the report's findings. POST
 * adds pathology (findings and text) and, when the model was trained with slides ({@code tiles} not null), the H&amp;E
 * slide as a bag of tile embeddings. THERAPY is POST plus the strategy. {@link #encode(PreOperativeInputs)} accepts
 * only pre-operative inputs: a PRE encoder has no way to see pathology.
 */
public record InputEncoder(ModelKind kind, Standardiser clinical, Standardiser radiology, Standardiser pathology, TileStandardiser tiles,
                           int textDims, boolean mri, @JsonInclude(JsonInclude.Include.NON_NULL) Standardiser mriFeatures) {
    // mriFeatures is left out of the JSON when null, so models saved before it existed keep their content hash.
    public static final int TEXT_DIMS = 32;

    /** How the MRI tensor enters the network. */
    public enum MriReading {
        /** A 3D CNN over the tensor ({@link org.livercast.learn.nn.Mri3dCnn}). */
        CNN,
        /** The tensor's radiomic features ({@link MriRadiomics}) through the same layer as any findings vector. */
        RADIOMICS
    }

    /**
     * One vector per modality, the presence mask, the slide's tiles (for the heat map) when a slide was given, and the
     * MRI tensor when a radiomics model read one (its occlusion map re-derives the features from a blanked tensor).
     */
    public record Encoded(ModalityVectors vectors, float[] present, List<SlideBag.TileRef> tiles, float[] mriRoi) {
        public Encoded(ModalityVectors vectors, float[] present, List<SlideBag.TileRef> tiles) { this(vectors, present, tiles, null); }

        public Encoded(ModalityVectors vectors, float[] present) { this(vectors, present, List.of()); }

        /** This patient with its vector of modality {@code k} written to {@code spill} (a slide's tiles that do not fit the heap). */
        public Encoded spill(int k, BagSpill spill) throws java.io.IOException {
            return new Encoded(vectors.spill(k, spill), present, tiles, mriRoi);
        }
    }

    public static InputEncoder fitPre(List<PreOperativeInputs> train, MriReading reading) {
        return new InputEncoder(ModelKind.PRE, Standardiser.fit(train.stream().map(ClinicalFeatures::baseline).toList()),
                Standardiser.fit(train.stream().map(ClinicalFeatures::radiology).toList()), null, null, TEXT_DIMS, anyMri(train),
                mriFeatures(train, reading));
    }

    /** The radiomic features' standardisation, fitted on the training patients with a scan; null for the CNN or no scans. */
    private static Standardiser mriFeatures(List<PreOperativeInputs> train, MriReading reading) {
        if (reading != MriReading.RADIOMICS || !anyMri(train)) return null;
        return Standardiser.fit(train.stream().flatMap(p -> p.mriRoi().stream()).map(MriRadiomics::of).toList());
    }

    /** The network's MRI vector for a tensor: its standardised radiomic features (radiomics models only). */
    public float[] mriVector(float[] roi) {
        if (mriFeatures == null) throw new IllegalStateException("this model reads the MRI with a CNN, not as radiomic features");
        return mriFeatures.apply(MriRadiomics.of(roi));
    }

    /** The MRI modality is used when the training patients' images were read (any of them has a tensor). */
    private static boolean anyMri(List<PreOperativeInputs> train) {
        return train.stream().anyMatch(p -> p.mriRoi().isPresent());
    }

    /** The diagnosis model reads what PRE reads: clinical baseline, the MRI report and, when read, the scan. */
    public static InputEncoder fitDiagnosis(List<PreOperativeInputs> train, MriReading reading) {
        InputEncoder pre = fitPre(train, reading);
        return new InputEncoder(ModelKind.DIAGNOSIS, pre.clinical(), pre.radiology(), null, null, TEXT_DIMS, pre.mri(), pre.mriFeatures());
    }

    /** @param tiles tile standardisation when the model uses slides, else null */
    public static InputEncoder fitPost(List<PostOperativeInputs> train, TileStandardiser tiles, MriReading reading) {
        List<PreOperativeInputs> pre = train.stream().map(PostOperativeInputs::pre).toList();
        return new InputEncoder(ModelKind.POST, Standardiser.fit(pre.stream().map(ClinicalFeatures::baseline).toList()),
                Standardiser.fit(pre.stream().map(ClinicalFeatures::radiology).toList()),
                Standardiser.fit(train.stream().map(ClinicalFeatures::pathology).toList()), tiles, TEXT_DIMS, anyMri(pre), mriFeatures(pre, reading));
    }

    /** The same standardisation, for the therapy model: POST's modalities plus the adjuvant strategy. */
    public InputEncoder forTherapy() {
        if (kind != ModelKind.POST) throw new IllegalStateException("the therapy model builds on POST inputs");
        return new InputEncoder(ModelKind.THERAPY, clinical, radiology, pathology, tiles, textDims, mri, mriFeatures);
    }

    public boolean usesSlides() { return tiles != null; }

    /**
     * The same patient as the network sees one without modality {@code name} — no report, no scan, no slide: its vector
     * zeros (an absent slide, no tiles) and its mask 0, exactly what {@link #encode} gives when the input is missing.
     * What the training report's missing-modality rows measure.
     */
    public Encoded without(Encoded e, String name) {
        List<Modality> all = modalities();
        int m = -1;
        for (int k = 0; k < all.size(); k++) if (all.get(k).name().equals(name)) m = k;
        if (m < 0) throw new IllegalArgumentException("a " + kind.id() + " model has no modality " + name + " (it has " + all.stream().map(Modality::name).toList() + ")");
        if (m == 0 || all.get(m).type() == Modality.Type.TREATMENT) throw new IllegalArgumentException(name + " is always present in a " + kind.id() + " model");
        ModalityVectors v = e.vectors().with(m, all.get(m).bag() ? new float[0] : new float[e.vectors().floats(m)]);
        float[] present = e.present().clone();
        present[m] = 0f;
        return new Encoded(v, present, all.get(m).bag() ? List.of() : e.tiles(), name.equals("mri") ? null : e.mriRoi());
    }

    public List<Modality> modalities() {
        List<Modality> m = new ArrayList<>(List.of(new Modality("clinical", clinical.width()), new Modality("radiology", radiology.width() + textDims)));
        if (mri) m.add(mriFeatures != null ? new Modality("mri", mriFeatures.width()) : Modality.volume("mri", MriRoi.CHANNELS, MriRoi.SIDE));
        if (preOperative()) return m;
        m.add(new Modality("pathology", pathology.width() + textDims));
        if (tiles != null) m.add(Modality.bagOf("slide", tiles.dimension()));
        if (kind == ModelKind.THERAPY) m.add(Modality.treatment("strategy", 2 + TaceEffectModifiers.NAMES.size()));
        return m;
    }

    /** PRE and DIAGNOSIS read pre-operative inputs only. */
    public boolean preOperative() { return kind == ModelKind.PRE || kind == ModelKind.DIAGNOSIS; }

    public Encoded encode(PreOperativeInputs in) {
        if (!preOperative()) throw new IllegalStateException("a " + kind.id() + " model needs post-operative inputs");
        List<float[]> v = new ArrayList<>(List.of(clinical.apply(ClinicalFeatures.baseline(in)), radiology(in)));
        List<Float> present = new ArrayList<>(List.of(1f, in.radiologyText().isEmpty() ? 0f : 1f));
        addMri(in, v, present);
        return new Encoded(ModalityVectors.of(v.toArray(float[][]::new)), toArray(present), List.of(), radiomicsRoi(in));
    }

    /** The MRI tensor, or zeros marked absent, when the model reads images: as it is for the CNN, else its features. */
    private void addMri(PreOperativeInputs in, List<float[]> v, List<Float> present) {
        if (!mri) return;
        if (mriFeatures != null) {
            v.add(in.mriRoi().map(this::mriVector).orElseGet(() -> new float[mriFeatures.width()]));
        } else {
            v.add(in.mriRoi().orElseGet(() -> new float[org.livercast.learn.nn.Mri3dCnn.width(MriRoi.CHANNELS, MriRoi.SIDE)]));
        }
        present.add(in.mriRoi().isPresent() ? 1f : 0f);
    }

    /** The tensor a radiomics model's occlusion map needs; null otherwise (the CNN's vector is the tensor itself). */
    private float[] radiomicsRoi(PreOperativeInputs in) {
        return mri && mriFeatures != null ? in.mriRoi().orElse(null) : null;
    }

    private static float[] toArray(List<Float> values) {
        float[] p = new float[values.size()];
        for (int i = 0; i < p.length; i++) p[i] = values.get(i);
        return p;
    }

    public Encoded encode(PostOperativeInputs in) {
        if (kind != ModelKind.POST) throw new IllegalStateException("a " + kind.id() + " model does not take POST inputs alone");
        return post(in);
    }

    /**
     * THERAPY: the patient's POST vectors with the strategy appended as its own (always present) modality, coded as its
     * two components (TACE yes/no, systemic yes/no) rather than four categories: TACE + systemic then shares what the
     * data say about each part (it is the rarest strategy, given to the sickest patients), and any interaction is
     * still open to the network. TACE's effect is also modified in the subgroups the trials name
     * ({@link TaceEffectModifiers}: TACE × each subgroup indicator), so its log hazard ratio can differ there.
     */
    public Encoded encode(PostOperativeInputs in, AdjuvantStrategy strategy) {
        if (kind != ModelKind.THERAPY) throw new IllegalStateException("only the therapy model takes a strategy");
        Encoded post = post(in);
        float tace = strategy.includesTace() ? 1f : 0f;
        float[] components = new float[2 + TaceEffectModifiers.NAMES.size()];
        components[0] = tace;
        components[1] = strategy.includesSystemic() ? 1f : 0f;
        float[] subgroups = TaceEffectModifiers.of(in);
        for (int k = 0; k < subgroups.length; k++) components[2 + k] = tace * subgroups[k];
        ModalityVectors v = post.vectors().plus(components);
        float[] present = Arrays.copyOf(post.present(), post.present().length + 1);
        present[present.length - 1] = 1f;
        return new Encoded(v, present, post.tiles(), post.mriRoi());
    }

    private Encoded post(PostOperativeInputs in) {
        PreOperativeInputs pre = in.pre();
        FeatureRow path = ClinicalFeatures.pathology(in);
        boolean anyPathology = !in.pathologyText().isEmpty() || path.values().values().stream().anyMatch(v -> v != null);
        List<float[]> v = new ArrayList<>(List.of(clinical.apply(ClinicalFeatures.baseline(pre)), radiology(pre)));
        List<Float> present = new ArrayList<>(List.of(1f, pre.radiologyText().isEmpty() ? 0f : 1f));
        addMri(pre, v, present);
        v.add(concat(pathology.apply(path), TextEmbedding.of(in.pathologyText(), textDims)));
        present.add(anyPathology ? 1f : 0f);
        List<SlideBag.TileRef> tileRefs = List.of();
        if (tiles != null) {
            SlideBag bag = in.slide().orElse(null);
            boolean has = bag != null && bag.size() > 0;
            v.add(has ? tiles.flatten(bag) : new float[0]);
            present.add(has ? 1f : 0f);
            if (has) tileRefs = bag.tiles();
        }
        return new Encoded(ModalityVectors.of(v.toArray(float[][]::new)), toArray(present), tileRefs, radiomicsRoi(pre));
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
