package org.livercast.learn.model;

import org.livercast.learn.data.UnusableInputException;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.livercast.learn.nn.Modality;
import org.livercast.learn.nn.RiskNet;
import org.livercast.learn.nn.Torch;

/**
 * A model on disk is a folder: {@code weights.params} (DJL's parameter format) and {@code model.json} (schema version,
 * kind, model id, architecture, input encoder with its standardisation, calibration, training-data hash, code version,
 * metrics). The model id is the SHA-256 of the weights and of everything in model.json that changes a prediction, so
 * two folders with the same id predict identically.
 */
public final class ModelStore {
    /** 2 since the network gained its OS head (a version-1 model's weights have no place for it). */
    public static final int SCHEMA_VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelStore() {}

    /** What a saved model records besides its weights. */
    public record Card(int schemaVersion, String modelId, ModelKind kind, String codeVersion, String trainingDataSha256,
                       List<Modality> modalities, int hidden, int intervals, int binaryOutputs, float dropout, InputEncoder encoder,
                       double calibrationIntercept, double calibrationSlope, Map<String, Object> metrics, int members,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) double rfsHazardShift, @JsonInclude(JsonInclude.Include.NON_DEFAULT) double osHazardShift,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Recalibration recalibration,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Calibration.AbsenceOffset> absenceOffsets,
                       @JsonInclude(JsonInclude.Include.NON_NULL) org.livercast.learn.slide.TileEncoderSource tileEncoder) {
        /** The networks in weights.params, one after the other (absent from cards written before ensembles: one). */
        public int networks() { return Math.max(1, members); }

        /** What turns the networks' outputs into predictions (hazard shifts absent from a model as trained: 0). */
        public Calibration calibration() {
            return new Calibration(calibrationIntercept, calibrationSlope, rfsHazardShift, osHazardShift, absenceOffsets);
        }
    }

    /**
     * How a model was updated for a centre from the centre's own patients (absent from a model as trained): the model it
     * was updated from, the update of that model's aggressive-recurrence linear predictor (logit p' = intercept + slope·lp)
     * and of its RFS and OS hazards (cloglog h' = cloglog h + shift), and the patients it was estimated on.
     */
    public record Recalibration(String fromModelId, String centre, String method, double intercept, double slope, double rfsHazardShift,
                                double osHazardShift, int patients, int events, String firstSurgery, String lastSurgery) {}

    /** Assigns the content-hash id to a freshly trained network. */
    public static TrainedModel identify(Model model, InputEncoder encoder, double intercept, double slope) {
        return identify(List.of(model), encoder, intercept, slope);
    }

    /** Assigns the content-hash id to freshly trained members of an ensemble (their outputs are averaged). */
    public static TrainedModel identify(List<Model> members, InputEncoder encoder, double intercept, double slope) {
        return identify(members, encoder, new Calibration(intercept, slope, 0, 0));
    }

    /** Assigns the content-hash id to freshly trained members with their whole calibration (absence offsets included). */
    public static TrainedModel identify(List<Model> members, InputEncoder encoder, Calibration cal) {
        return new TrainedModel(members, encoder, cal, contentId(weights(nets(members)), encoder, cal));
    }

    private static List<RiskNet> nets(List<Model> members) { return members.stream().map(m -> (RiskNet) m.getBlock()).toList(); }

    public static void save(TrainedModel m, float dropout, String trainingDataSha256, Map<String, Object> metrics, Path dir) throws IOException {
        save(m, dropout, trainingDataSha256, metrics, null, dir);
    }

    /**
     * @param tileEncoder where the model's tile encoder was read from (recorded on the card, not in the id), or null for the
     *     built-in features
     */
    public static void save(TrainedModel m, float dropout, String trainingDataSha256, Map<String, Object> metrics,
                            org.livercast.learn.slide.TileEncoderSource tileEncoder, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("weights.params"), weights(m.nets()));
        Card card = new Card(SCHEMA_VERSION, m.modelId(), m.kind(), codeVersion(), trainingDataSha256, m.net().modalities(), m.net().hidden(),
                m.net().intervals(), m.net().binaryOutputs(), dropout, m.encoder(), m.calibration().intercept(), m.calibration().slope(), new LinkedHashMap<>(metrics),
                m.nets().size(), m.calibration().rfsHazardShift(), m.calibration().osHazardShift(), null, m.calibration().absent(), tileEncoder);
        JSON.writeValue(dir.resolve("model.json").toFile(), card);
    }

    /**
     * Writes the model in {@code from} again under {@code to} with its calibration updated (see {@link Recalibration}; lp
     * is the model's calibrated logit, h its hazards as they were): the networks are the same bytes; the calibration — and so
     * the id — are new, and the card records where the model came from and {@code metrics} (what the caller measured of the
     * new model). Returns the new card.
     */
    public static Card recalibrate(Path from, Path to, Recalibration r, Map<String, Object> metrics) throws IOException {
        Card c = card(from);
        byte[] weights = Files.readAllBytes(from.resolve("weights.params"));
        if (!contentId(weights, c.encoder(), c.calibration()).equals(c.modelId())) {
            throw new UnusableInputException(from.resolve("weights.params") + ": content hash does not match model id " + c.modelId().substring(0, 12)
                    + " (file changed or corrupt)");
        }
        if (!r.fromModelId().equals(c.modelId())) throw new IllegalArgumentException("recalibration of " + r.fromModelId() + " applied to " + c.modelId());
        Calibration cal = new Calibration(r.intercept() + r.slope() * c.calibrationIntercept(), r.slope() * c.calibrationSlope(),
                c.rfsHazardShift() + r.rfsHazardShift(), c.osHazardShift() + r.osHazardShift(), c.absenceOffsets());
        String id = contentId(weights, c.encoder(), cal);
        Card updated = new Card(SCHEMA_VERSION, id, c.kind(), codeVersion(), c.trainingDataSha256(), c.modalities(), c.hidden(), c.intervals(),
                c.binaryOutputs(), c.dropout(), c.encoder(), cal.intercept(), cal.slope(), new java.util.TreeMap<>(metrics), c.members(), cal.rfsHazardShift(), cal.osHazardShift(), r, cal.absent(),
                c.tileEncoder());
        Files.createDirectories(to);
        Files.write(to.resolve("weights.params"), weights);
        JSON.writeValue(to.resolve("model.json").toFile(), updated);
        return updated;
    }

    public static Card card(Path dir) throws IOException {
        Path json = dir.resolve("model.json");
        if (!Files.exists(json)) throw new UnusableInputException(dir + ": not a LiverCast model folder (no model.json)");
        Card c = JSON.readValue(json.toFile(), Card.class);
        if (c.schemaVersion() != SCHEMA_VERSION) throw new UnusableInputException(json + ": schemaVersion " + c.schemaVersion() + " is not " + SCHEMA_VERSION
                + " (saved by an earlier LiverCast, whose network's weights are laid out differently); train the model again with `livercast train`");
        return c;
    }

    /** Loads a model and checks that its weights still hash to its id (a changed file is refused, not used). */
    public static TrainedModel load(Path dir) throws IOException {
        Card c = card(dir);
        byte[] weights = Files.readAllBytes(dir.resolve("weights.params"));
        String id = contentId(weights, c.encoder(), c.calibration());
        if (!id.equals(c.modelId())) {
            throw new UnusableInputException(dir.resolve("weights.params") + ": content hash " + id.substring(0, 12) + " does not match model id "
                    + c.modelId().substring(0, 12) + " (file changed or corrupt)");
        }
        Torch.engine();
        List<Model> members = new java.util.ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            for (int k = 0; k < c.networks(); k++) {
                RiskNet net = new RiskNet(c.modalities(), c.hidden(), c.intervals(), c.dropout(), Math.max(1, c.binaryOutputs()));
                Model model = Model.newInstance("livercast-" + c.kind().id() + (k == 0 ? "" : "-" + k));
                members.add(model);
                model.setBlock(net);
                net.initialize(model.getNDManager(), DataType.FLOAT32, net.inputShapes(1));
                net.loadParameters(model.getNDManager(), in);
            }
        } catch (MalformedModelException | IOException e) {
            members.forEach(Model::close);
            throw new UnusableInputException(dir.resolve("weights.params") + ": network " + members.size() + " of " + c.networks() + ": " + e.getMessage(), e);
        }
        return new TrainedModel(members, c.encoder(), c.calibration(), c.modelId());
    }

    /** The network's parameters in DJL's format, as saved in weights.params. */
    public static byte[] weights(RiskNet net) { return weights(List.of(net)); }

    /** The networks' parameters in DJL's format, one after the other (one network: exactly its own). */
    public static byte[] weights(List<RiskNet> nets) {
        try (ByteArrayOutputStream b = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(b)) {
            for (RiskNet net : nets) net.saveParameters(out);
            out.flush();
            return b.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String contentId(byte[] weights, InputEncoder encoder, Calibration cal) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(weights);
            d.update(new ObjectMapper().writeValueAsBytes(encoder));
            d.update((Double.toString(cal.intercept()) + "," + cal.slope()).getBytes(StandardCharsets.UTF_8));
            // Only a recalibrated model has hazard shifts: a model as trained keeps the id it had before they existed.
            if (cal.shiftsHazards()) d.update(("," + cal.rfsHazardShift() + "," + cal.osHazardShift()).getBytes(StandardCharsets.UTF_8));
            // Likewise the absence offsets: a model without them (diagnosis, therapy) keeps its id. In key order: a card
            // stored as JSON may come back with its object's keys reordered (PostgreSQL's jsonb sorts them).
            for (var a : new java.util.TreeMap<>(cal.absent()).entrySet()) {
                Calibration.AbsenceOffset o = a.getValue();
                d.update(("," + a.getKey() + ":" + o.logit() + "," + o.rfsHazard() + "," + o.osHazard()).getBytes(StandardCharsets.UTF_8));
                // A rescaling (later than the offsets) only where there is one: an offset without it keeps its id.
                if (o.logScale() != 0) d.update(("*" + o.logScale() + "@" + o.scaleCentre()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String codeVersion() {
        try (InputStream in = ModelStore.class.getResourceAsStream("/org/livercast/learn/version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return "livercast-learn " + p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "livercast-learn unknown";
        }
    }
}
