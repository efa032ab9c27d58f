package org.livercast.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.livercast.core.model.PatientRecord;
import org.livercast.ingest.store.ContentStore;
import org.livercast.study.access.User;
import org.livercast.study.audit.AuditLog;
import org.livercast.study.db.Database;
import org.livercast.study.models.ModelRegistry;
import org.livercast.study.ops.Enrolments;
import org.livercast.study.ops.LockedPredictions;
import org.livercast.study.ops.StudyEvents;
import org.livercast.study.store.PatientStore;

/**
 * What the web reads, each read checked against the user and audited: patients in the user's scope, a patient's record,
 * predictions, locks and stored files (slides and MRI from the content store, hash-checked once per process).
 */
final class PatientData {
    /**
     * A stored prediction with its row id (what a lock refers to); its body is read by {@link #body} when a page needs it
     * (a body holds the slide's attention map, 650 KB at 10,000 tiles, and a page needs only the latest of each kind).
     */
    record PredictionRow(long id, String kind, String modelId, double probability, boolean highRisk, String predictedAt) {}

    record StoredFile(String sha256, String kind, String seriesUid, String phase, String detailJson) {}

    final Database db;
    final PatientStore patients;
    final ModelRegistry models;
    final LockedPredictions locks;
    final Enrolments enrolments;
    final AuditLog audit;
    final StudyEvents events;
    private final ContentStore store;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    PatientData(Database db, Path storeDir) {
        this.db = db;
        this.patients = new PatientStore(db.jdbi());
        this.models = new ModelRegistry(db.jdbi());
        this.locks = new LockedPredictions(db.jdbi());
        this.enrolments = new Enrolments(db.jdbi());
        this.audit = new AuditLog(db.jdbi());
        this.events = new StudyEvents(db.jdbi());
        this.store = new ContentStore(storeDir);
    }

    /**
     * The patients whose therapy recommendation a protocol they are enrolled in keeps from their care team (P4), read
     * afresh for each page: an enrolment takes effect on the next view.
     */
    org.livercast.study.ops.ConcealedOutputs concealedRecommendations() {
        return org.livercast.study.ops.ConcealedOutputs.read(db.jdbi(), org.livercast.core.protocol.Protocols.bundled(),
                org.livercast.core.protocol.Concealment.ADJUVANT_RECOMMENDATION);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Parsed prediction bodies by prediction id: predictions are never changed once stored, so a parse can be kept. */
    private final Map<Long, JsonNode> bodies = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, JsonNode> e) { return size() > 1024; }
    };
    /** Parsed model cards by model id: a registered model's card is immutable too. */
    private final Map<String, JsonNode> cards = new ConcurrentHashMap<>();

    /** A prediction's body, read and parsed once per server. */
    JsonNode body(PredictionRow p) {
        synchronized (bodies) {
            JsonNode hit = bodies.get(p.id());
            if (hit != null) return hit;
        }
        JsonNode parsed = parse(db.jdbi().withHandle(h -> h.createQuery("select body::text from prediction where prediction_id = :id")
                .bind("id", p.id()).mapTo(String.class).one()));
        synchronized (bodies) {
            bodies.put(p.id(), parsed);
        }
        return parsed;
    }

    /** A registered model's card ({@code {}} when the model is unknown), parsed once per server. */
    JsonNode modelCard(String modelId) {
        JsonNode hit = cards.get(modelId);
        if (hit != null) return hit;
        var json = models.cardJson(modelId);
        JsonNode parsed = parse(json.orElse("{}"));
        if (json.isPresent()) cards.put(modelId, parsed);
        return parsed;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * The MRI occlusion map of the latest prediction from a model that read the scan (PRE first: the scan is its
     * pre-operative input), as the prediction stored it: 20 mm blocks of the tumour-centred cube with their effect on
     * the log-odds.
     */
    Optional<JsonNode> mriOcclusion(List<PredictionRow> preds) {
        for (String kind : new String[] {"pre", "post"}) {
            for (int i = preds.size() - 1; i >= 0; i--) {
                PredictionRow p = preds.get(i);
                if (!p.kind().equals(kind)) continue;
                JsonNode o = body(p).path("mriOcclusion");
                if (o.isArray() && o.size() > 0) return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** The patients a user may see, by centre then pseudonym. */
    List<PatientStore.Key> keys(User u) {
        if (u.role() == org.livercast.study.access.Role.STATISTICIAN) throw HttpError.forbidden("statisticians see de-identified study data only");
        return patients.keys().stream().filter(k -> u.canSeePatientsOf(k.centreId())).toList();
    }

    /** A patient's record, after the access check; the read is audited. */
    PatientRecord record(User u, String centre, String id) {
        if (!u.canSeePatientsOf(centre)) throw HttpError.forbidden(u.username() + " may not see patients of centre " + centre);
        PatientRecord r = patients.find(centre, id).orElseThrow(() -> HttpError.notFound("patient " + centre + "/" + id));
        audit.append(u.username(), "patient.read", "patient " + centre + "/" + id, "{}");
        return events.merged(r);
    }

    List<PredictionRow> predictions(String centre, String id) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                        select prediction_id, kind, model_id, probability_aggressive_2y, high_risk, predicted_at::text from prediction
                        where centre_id = :c and patient_id = :p order by predicted_at, prediction_id""")
                .bind("c", centre).bind("p", id)
                .map((rs, ctx) -> new PredictionRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getBoolean(5),
                        rs.getString(6))).list());
    }

    /** A POST prediction's attention over the slide it read: which prediction, which model, and each tile's weight. */
    record SlideAttention(long predictionId, String modelId, List<org.livercast.learn.model.Prediction.TileAttention> tiles) {}

    /**
     * The slide attention of the latest POST prediction among {@code rows} (a patient's, oldest first, as
     * {@link #predictions} gives them) that has one; empty when none read a slide. What the heat map draws and the page
     * describes, so both speak of the same prediction; the page passes the rows it has already read.
     */
    java.util.Optional<SlideAttention> latestSlideAttention(List<PredictionRow> rows) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (!rows.get(i).kind().equals("post")) continue;
            JsonNode a = body(rows.get(i)).path("slideAttention");
            if (!a.isArray() || a.isEmpty()) continue;
            try {
                var tiles = JSON.treeToValue(a, org.livercast.learn.model.Prediction.TileAttention[].class);
                return java.util.Optional.of(new SlideAttention(rows.get(i).id(), rows.get(i).modelId(), List.of(tiles)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("prediction " + rows.get(i).id() + ": slideAttention is not a list of tiles: " + e.getMessage(), e);
            }
        }
        return java.util.Optional.empty();
    }

    List<StoredFile> files(String centre, String id) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                        select f.sha256, f.kind, f.series_uid, f.phase, f.detail::text from stored_file f join patient p on p.pk = f.patient_pk
                        where p.centre_id = :c and p.patient_id = :p order by f.kind, f.phase, f.sha256""")
                .bind("c", centre).bind("p", id)
                .map((rs, ctx) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))).list());
    }

    /** The centre and patient a stored file belongs to (for the access check on tile and slice requests). */
    Optional<String[]> ownerOf(String sha) {
        return db.jdbi().withHandle(h -> h.createQuery("select p.centre_id, p.patient_id from stored_file f join patient p on p.pk = f.patient_pk where f.sha256 = :s limit 1")
                .bind("s", sha).map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).findOne());
    }

    /** A stored file's path, after checking once that its bytes still hash to its name. */
    Path file(String sha) throws IOException {
        if (verified.contains(sha)) return store.pathOf(sha);
        Path p = store.verify(sha);
        verified.add(sha);
        return p;
    }
}
