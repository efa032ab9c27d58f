package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.learn.features.TrialEffectPriors;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.train.DiagnosisRun;
import org.livercast.learn.train.FitConfig;
import org.livercast.learn.train.TherapyRun;
import org.livercast.learn.train.Weighting;
import org.livercast.learn.train.TrainingRun;
import org.livercast.study.db.Database;
import org.livercast.study.models.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livercast train}: trains, measures on a held-out centre, saves and registers a model. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the PRE or POST recurrence model on a cohort export, holding one centre out for external validation; "
                + "writes OUT/report.json, OUT/report.html and OUT/model/, and registers the model in the store."})
final class TrainCommand extends Leaf {
    @Option(names = "--model", required = true, paramLabel = "pre|post|therapy|diagnosis",
            description = "Which model: pre (before surgery), post (after pathology), therapy (RFS under each adjuvant strategy) or "
                    + "diagnosis (benign vs malignant, ICC vs HCC, from pre-operative data).")
    String model;

    @Option(names = "--weighting", defaultValue = "ipw", paramLabel = "none|ipw|overlap",
            description = "Therapy model only: propensity weighting on top of the outcome model (default ${DEFAULT-VALUE}).")
    String weighting;

    @Option(names = "--effect-prior", defaultValue = "trials", paramLabel = "trials|robust[:P]|sceptical|none",
            description = "Therapy model only: fit each strategy component's hazard ratio under a prior from the randomised trials "
                    + "(IMbrave050, Wang 2018, the TNM I-II TACE trial; listed in report.json's effect_priors); under the robust form of "
                    + "it (each effect transfers with probability P, 0.5 by default, else is nil here); under a sceptical prior "
                    + "(the trials' uncertainty centred on no effect), or from the data alone (default ${DEFAULT-VALUE}).")
    String effectPrior;

    @Option(names = "--cohort", required = true, paramLabel = "DIR", description = "Cohort export (centre-NN folders, as `livercast synth` writes).")
    Path cohort;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the report and the model go.") Path out;

    @Option(names = "--heldout-centre", paramLabel = "CENTRE", description = "Centre folder to hold out (default: the last one).") String heldout;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).") long seed;

    @Option(names = "--max-epochs", description = "Upper bound on epochs (early stopping usually ends sooner).") Integer maxEpochs;

    @Option(names = "--members", paramLabel = "N", description = "PRE, POST and diagnosis: networks in the ensemble, each from its own seed (seed, seed + 1, "
            + "…) and stopped early on its own fifth of the training patients, their outputs averaged and calibrated on every training patient's out-of-fold prediction (default " + FitConfig.DEFAULT_MEMBERS
            + "; 1 for a single network, five times faster, calibrated on one fifth: on ~1,000 training patients its held-out calibration slope was "
            + "1.4-1.5 where the ensemble's was 1.0).") Integer members;

    @Option(names = "--max-tiles-per-slide", paramLabel = "N", description = "POST/therapy: a slide with more tissue tiles is trained (and "
            + "measured on the held-out centre) on N of them, the same ones every run (default " + FitConfig.DEFAULT_MAX_TILES_PER_SLIDE
            + ", more than any synthetic slide has): a wide encoder's tiles of a whole real cohort do not fit in memory (a ViT-L's "
            + "1,024 floats for 15,000 tiles are 60 MB a slide). predict reads every tile.") Integer maxTilesPerSlide;

    @Option(names = "--no-slides", description = "POST/therapy: ignore the export's H&E slides (by default they are used when present; "
            + "tile embeddings are cached under --home/tile-cache).") boolean noSlides;

    @picocli.CommandLine.Mixin TileEncoderOptions tileEncoder;

    @Option(names = "--stain-normalise", description = "POST/therapy: read each slide's built-in histology features with that slide's own "
            + "stain vectors (Macenko, on its overview: histology-features-v4) instead of the reference ones. A regression on the slide then "
            + "transfers to a centre that stains differently; on the synthetic cohort the network's held-out AUC was the same and its "
            + "attention less focused on the lymphoid aggregates (BENCHMARKS.md). predict and recalibrate read the version from the model.")
    boolean stainNormalise;

    @Option(names = "--no-images", description = "Ignore the export's MRI series (by default PRE, POST, therapy and diagnosis read "
            + "them, as a tumour-centred tensor, when present).") boolean noImages;

    @Option(names = "--mri-reader", defaultValue = "radiomics", paramLabel = "radiomics|cnn", description = "How the network reads the "
            + "tumour-centred MRI tensor: its radiomic features (enhancement against the liver per phase, rim, capsule, peritumoral "
            + "enhancement, volume, surface; seconds to train) or a 3D CNN learnt from scratch (minutes per network, and it needs far "
            + "more patients; BENCHMARKS.md). Default ${DEFAULT-VALUE}.") String mriReader;

    @Option(names = "--cutoff", defaultValue = "2026-06-30", paramLabel = "YYYY-MM-DD",
            description = "Data cut-off when the export does not state one (default ${DEFAULT-VALUE}).") LocalDate cutoff;

    @Override
    public Integer call() throws IOException {
        ModelKind kind;
        try {
            kind = ModelKind.parse(model);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!Files.isDirectory(cohort)) throw new java.nio.file.NoSuchFileException(cohort.toString());
        FitConfig fit = FitConfig.defaults(seed);
        if (maxEpochs != null) fit = fit.withMaxEpochs(maxEpochs);
        if (maxTilesPerSlide != null) {
            if (maxTilesPerSlide < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-tiles-per-slide: at least 1, not " + maxTilesPerSlide);
            fit = fit.withMaxTilesPerSlide(maxTilesPerSlide);
        }
        if (members != null) {
            if (members < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--members: at least 1, not " + members);
            fit = fit.withMembers(members);
        }
        InputEncoder.MriReading reading = switch (mriReader) {
            case "radiomics" -> InputEncoder.MriReading.RADIOMICS;
            case "cnn" -> InputEncoder.MriReading.CNN;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--mri-reader: radiomics or cnn, not " + mriReader);
        };
        if (stainNormalise && tileEncoder.given()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--stain-normalise applies to the built-in histology features, not to a --tile-encoder");
        }
        // load() checks the options even when no file is given (a normalisation without a network is refused).
        try (var encoder = !stainNormalise ? tileEncoder.load(spec) : org.livercast.learn.slide.HistologyFeatureEncoder.stainNormalised()) {
            var options = new TrainingRun.Options(kind, cohort, out, heldout, fit, cutoff, noSlides ? null : root().tileCache(), !noImages, encoder,
                    reading);
            return train(kind, options);
        }
    }

    private int train(ModelKind kind, TrainingRun.Options options) throws IOException {
        if (kind == ModelKind.THERAPY) return therapy(options);
        if (kind == ModelKind.DIAGNOSIS) return diagnosis(options);
        var result = TrainingRun.run(options, line -> out().println(line));
        try (var trained = result.model()) {
            print(result.report());
            Path dir = result.modelDir();
            var card = ModelStore.card(dir);
            try (Database db = root().openDatabase()) {
                boolean isNew = ModelArgument.register(dir, new ModelRegistry(db.jdbi()));
                out().printf("model %s %s in the store; report: %s%n", card.modelId().substring(0, 12), isNew ? "registered" : "already", out.resolve("report.html"));
            }
        }
        return ExitCodes.OK;
    }

    private int therapy(TrainingRun.Options options) throws IOException {
        Weighting w;
        try {
            w = Weighting.parse(weighting);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<TrialEffectPriors.Prior> priors;
        try {
            priors = TrialEffectPriors.named(effectPrior);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--effect-prior: " + e.getMessage());
        }
        var result = TherapyRun.run(options, w, priors, line -> out().println(line));
        try (var model = result.model()) {
            Map<String, Object> r = result.report();
            out().printf(Locale.ROOT, "held-out centre %s: %s HCC patients; recommended %s%n", r.get("heldout_centre"), r.get("n_heldout_hcc"),
                    r.get("recommended_counts"));
            if (r.containsKey("policy_gain_fraction")) {
                out().printf(Locale.ROOT, "  mean true 3-year RFS: recommended %.3f, as treated %.3f, oracle %.3f: %.0f%% of the oracle's gain%n",
                        r.get("value_recommended_rfs3y"), r.get("value_observed_rfs3y"), r.get("value_oracle_rfs3y"),
                        100 * (double) r.get("policy_gain_fraction"));
            }
            printPriorConflicts(r);
            try (Database db = root().openDatabase()) {
                ModelArgument.registerTherapy(out.resolve("model"), new ModelRegistry(db.jdbi()));
            }
            out().printf("therapy model (%d members) in %s, registered in the store%n", model.members().size(), out.resolve("model"));
        }
        return ExitCodes.OK;
    }

    private int diagnosis(TrainingRun.Options options) throws IOException {
        var result = DiagnosisRun.run(options, line -> out().println(line));
        // The networks are only closed here: what is printed comes from the report and the saved model card.
        try {
            Map<String, Object> r = result.report();
            out().printf(Locale.ROOT, "held-out centre %s: %s lesions (%s benign, %s ICC)%n", r.get("heldout_centre"), r.get("n_heldout"),
                    r.get("n_heldout_benign"), r.get("n_heldout_icc"));
            out().printf(Locale.ROOT, "  network: AUC malignant %.3f, ICC vs HCC %.3f; at 0.5 sensitivity %.3f, specificity %.3f;"
                    + " P(malignant) calibration slope %.2f%n", r.get("auc_malignant"), r.get("auc_icc_vs_hcc"), r.get("malignant_sensitivity_at_0.5"),
                    r.get("malignant_specificity_at_0.5"), r.getOrDefault("malignant_calibration_slope", Double.NaN));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Double>> b = (Map<String, Map<String, Double>>) r.get("baselines");
            b.forEach((name, m) -> out().printf(Locale.ROOT, "  %s: AUC malignant %.3f, ICC vs HCC %.3f%n", name, m.get("auc_malignant"), m.get("auc_icc_vs_hcc")));
            @SuppressWarnings("unchecked")
            var missing = (Map<String, Map<String, Object>>) r.get("missing_modalities");
            missing.forEach((hidden, m) -> out().printf(Locale.ROOT, "  without %s for every held-out lesion: AUC malignant %.3f, ICC vs HCC %.3f; "
                    + "P(malignant) calibration in the large %+.2f%n", hidden, m.get("auc_malignant"), m.get("auc_icc_vs_hcc"),
                    m.getOrDefault("malignant_calibration_in_the_large", Double.NaN)));
            Path dir = out.resolve("model");
            var card = ModelStore.card(dir);
            try (Database db = root().openDatabase()) {
                ModelArgument.register(dir, new ModelRegistry(db.jdbi()));
            }
            out().printf("model %s registered in the store; report: %s%n", card.modelId().substring(0, 12), out.resolve("report.json"));
        } finally {
            result.model().close();
        }
        return ExitCodes.OK;
    }

    private void print(Map<String, Object> r) {
        out().printf(Locale.ROOT, "held-out centre %s: %s HCC patients, %s evaluable, %s aggressive recurrences%n", r.get("heldout_centre"),
                r.get("n_heldout_hcc"), r.get("n_heldout_evaluable"), r.get("n_heldout_aggressive"));
        @SuppressWarnings("unchecked")
        List<Double> ci = (List<Double>) r.get("auc_ci");
        out().printf(Locale.ROOT, "  %-28s AUC %.3f (95%% CI %.3f-%.3f)  C-index %.3f  calibration slope %.2f%n", "network", r.get("auc"), ci.get(0),
                ci.get(1), r.get("c_index"), r.get("calibration_slope"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> b = (Map<String, Map<String, Object>>) r.get("baselines");
        b.forEach((name, m) -> {
            out().printf(Locale.ROOT, "  %-28s AUC %.3f                      C-index %.3f", name, m.get("auc"), m.get("c_index"));
            // The network's lead over this baseline on the same patients, and whether it is more than chance.
            if (m.get("model_minus_baseline_c_index_ci95") instanceof List<?> c && c.size() == 2) {
                out().printf(Locale.ROOT, "   network %+.3f AUC (paired DeLong p %.2f), %+.3f C (95%% CI %+.3f to %+.3f)", m.get("model_minus_baseline_auc"),
                        m.get("model_minus_baseline_auc_p"), m.get("model_minus_baseline_c_index"), c.get(0), c.get(1));
            }
            out().println();
        });
        if (r.containsKey("oracle_auc")) {
            out().printf(Locale.ROOT, "  %-28s AUC %.3f                      C-index %.3f%n", "oracle (truth)", r.get("oracle_auc"), r.get("oracle_c_index"));
        }
        printMissingInputs(r);
        // With slides: whether the heat maps will single anything out (report.json's slide_attention).
        if (r.get("slide_attention") instanceof Map<?, ?> a) {
            out().printf(Locale.ROOT, "  slide attention on %s held-out slides: the most attended tenth of the tiles holds %.0f%% (median; an even spread: 10%%),"
                    + " %.0f%% of the slides nearly even%n", a.get("n_slides"), 100 * ((Number) a.get("median_top_tenth_share")).doubleValue(),
                    100 * ((Number) a.get("nearly_even_fraction")).doubleValue());
            // A synthetic cohort says where the findings are: whether the attention lands on them.
            if (a.get("regions") instanceof Map<?, ?> regions) {
                regions.forEach((kind, v) -> {
                    Map<?, ?> m = (Map<?, ?>) v;
                    out().printf(Locale.ROOT, "    on %s: %.1f%% of the attention on %.1f%% of the tiles (%.2f×; %s slides)%n", String.valueOf(kind).replace('_', ' '),
                            100 * ((Number) m.get("attention_share")).doubleValue(), 100 * ((Number) m.get("tile_share")).doubleValue(),
                            ((Number) m.get("enrichment")).doubleValue(), m.get("n_slides"));
                });
            }
        }
    }

    /**
     * The network with each input hidden from every held-out patient (report.json's missing_modalities): what a centre
     * that sends no reports or slides gets, with the regression on what is left and the absence offset applied.
     */
    @SuppressWarnings("unchecked")
    private void printMissingInputs(Map<String, Object> r) {
        var rows = (Map<String, Map<String, Object>>) r.get("missing_modalities");
        if (rows == null || rows.isEmpty()) return;
        var offsets = (Map<String, Map<String, Object>>) r.getOrDefault("absence_offsets", Map.of());
        out().println("  with an input missing for every held-out patient:");
        rows.forEach((hidden, m) -> {
            var reg = (Map<String, Object>) m.get("regression_on_the_rest");
            var offset = offsets.get(hidden);
            out().printf(Locale.ROOT, "  %-28s AUC %.3f  C-index %.3f  calibration slope %.2f, in the large %+.2f%s%s%n", "without " + hidden,
                    m.get("auc"), m.get("c_index"), m.get("calibration_slope"), m.get("calibration_in_the_large"),
                    offset == null ? "" : String.format(Locale.ROOT, " (absence offset %+.2f log-odds, logit spread ×%.2f)", offset.get("log_odds"),
                            offset.getOrDefault("logit_scale", 1.0)),
                    reg == null ? "" : String.format(Locale.ROOT, "; regression on the rest AUC %.3f, C-index %.3f", reg.get("auc"), reg.get("c_index")));
        });
    }

    /** Each effect whose data disagree with its prior beyond chance (|z| > 1.96), with the data's own estimate. */
    @SuppressWarnings("unchecked")
    private void printPriorConflicts(Map<String, Object> report) {
        var priors = (Map<String, Map<String, Object>>) report.get("effect_priors");
        if (priors == null) return;
        priors.forEach((component, p) -> {
            if (p.get("prior_data_conflict_z") instanceof Double z && Math.abs(z) > 1.959964) {
                out().printf(Locale.ROOT, "  warning: %s: the data disagree with the trials' prior (z = %.1f): prior HR %.2f, fitted %.2f, "
                        + "data alone %.2f; compare --effect-prior none%n", component, z, p.get("hazard_ratio"), p.get("fitted_hazard_ratio"),
                        p.get("data_alone_hazard_ratio"));
            }
        });
    }
}
