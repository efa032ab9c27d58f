package org.livercast.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.core.model.PatientRecord;
import org.livercast.study.models.LatestScores;
import org.livercast.study.ops.LockedPredictions;
import org.livercast.study.store.PatientStore;

/** The patient list and page, and the patient API: list, one patient, locking a prediction. */
final class PatientRoutes {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private final PatientData data;
    private final ImageRoutes images;

    PatientRoutes(PatientData data, ImageRoutes images) {
        this.data = data;
        this.images = images;
    }

    /**
     * Where the page's MRI slider starts, or nowhere in particular when the series or mask cannot be read: a broken scan
     * must not take the rest of the page (risk, reports, timeline) with it; its slices say what is wrong on their own.
     */
    private java.util.OptionalInt tumourSlice(String centre, String id) {
        try {
            return images.tumourSlicePercent(centre, id);
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.OptionalInt.empty();
        }
    }

    void register(Javalin app) {
        app.get("/patients", ctx -> {
            WebUser u = WebServer.user(ctx);
            List<PatientStore.Key> keys = data.keys(u.user());
            PatientList.Order order = PatientList.order(ctx.queryParam("sort"));
            ctx.html(Html.page("Patients", u, new PatientList(LatestScores.read(data.db.jdbi()), data.concealedRecommendations()).render(keys, order)));
        });
        app.get("/patients/{centre}/{id}", ctx -> {
            WebUser u = WebServer.user(ctx);
            String centre = ctx.pathParam("centre");
            String id = ctx.pathParam("id");
            PatientRecord r = data.record(u.user(), centre, id);
            ctx.html(Html.page(id, u, new PatientPage(data, u, r, tumourSlice(centre, id)).render()));
        });
        app.get("/api/patients", ctx -> {
            WebUser u = WebServer.user(ctx);
            // What the list page shows, for a program: each patient's latest PRE and POST risk and recommendation (null when none).
            LatestScores latest = LatestScores.read(data.db.jdbi());
            var concealed = data.concealedRecommendations();
            List<Map<String, Object>> out = new ArrayList<>();
            for (PatientStore.Key k : data.keys(u.user())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("centre", k.centreId());
                m.put("patientId", k.patientId());
                m.put("pre", latest.risk(k.centreId(), k.patientId(), "pre").orElse(null));
                m.put("post", latest.risk(k.centreId(), k.patientId(), "post").orElse(null));
                // Kept from the care team while a protocol the patient is enrolled in says so (P4's prospective phase).
                var why = concealed.of(k.centreId(), k.patientId());
                m.put("recommended", why.isPresent() ? null : latest.recommended(k.centreId(), k.patientId()).orElse(null));
                if (why.isPresent()) m.put("recommendationConcealedBy", why.get().protocolId());
                out.add(m);
            }
            ctx.json(out);
        });
        app.get("/api/patients/{centre}/{id}", ctx -> {
            WebUser u = WebServer.user(ctx);
            String centre = ctx.pathParam("centre");
            String id = ctx.pathParam("id");
            PatientRecord r = data.record(u.user(), centre, id);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("record", r);
            List<Map<String, Object>> preds = new ArrayList<>();
            for (var p : data.models.predictionsOf(centre, id)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", p.kind());
                m.put("modelId", p.modelId());
                m.put("probabilityAggressive2y", p.probabilityAggressive2y());
                m.put("highRisk", p.highRisk());
                m.put("inputSha256", p.inputSha256());
                preds.add(m);
            }
            out.put("predictions", preds);
            out.put("locks", data.locks.history(centre, id));
            out.put("files", data.files(centre, id));
            ctx.contentType("application/json").result(JSON.writeValueAsString(out));
        });
        app.post("/api/patients/{centre}/{id}/events", this::addEvent);
        app.post("/api/patients/{centre}/{id}/enrolments", ctx -> {
            WebUser u = WebServer.user(ctx);
            String centre = ctx.pathParam("centre");
            String id = ctx.pathParam("id");
            String protocol = param(ctx, "protocol");
            java.time.LocalDate consent;
            try {
                consent = java.time.LocalDate.parse(param(ctx, "consent_date"));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("consent_date '" + ctx.formParam("consent_date") + "' is not a date (YYYY-MM-DD)");
            }
            var p = org.livercast.core.protocol.Protocols.bundled().find(protocol).orElseThrow(() -> new IllegalArgumentException("no protocol '" + protocol + "'"));
            var e = data.enrolments.enrol(u.user(), p, centre, id, consent);
            if (ctx.header("Accept") != null && ctx.header("Accept").contains("text/html")) ctx.redirect("/patients/" + centre + "/" + id + "#eligibility");
            else ctx.status(201).json(e);
        });
        app.post("/api/patients/{centre}/{id}/locks", ctx -> {
            WebUser u = WebServer.user(ctx);
            String centre = ctx.pathParam("centre");
            String id = ctx.pathParam("id");
            String protocol = param(ctx, "protocol");
            String moment = param(ctx, "moment");
            long predictionId = Long.parseLong(param(ctx, "predictionId"));
            String reason = ctx.formParam("reason");
            LockedPredictions.Lock lock = reason == null || reason.isBlank()
                    ? data.locks.lock(u.user(), centre, id, protocol, moment, predictionId)
                    : data.locks.supersede(u.user(), centre, id, protocol, moment, predictionId, reason);
            if (ctx.header("Accept") != null && ctx.header("Accept").contains("text/html")) ctx.redirect("/patients/" + centre + "/" + id + "#locks");
            else ctx.status(201).json(lock);
        });
    }

    /**
     * A follow-up event entered by the centre's staff, with the events template's fields; an adverse event may carry its
     * attribution; an adjuvant_treatment event carries the strategy given and its drugs.
     */
    private void addEvent(Context ctx) {
        WebUser u = WebServer.user(ctx);
        String centre = ctx.pathParam("centre");
        String id = ctx.pathParam("id");
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(org.livercast.core.io.ClinicalCsv.EVENT_COLUMNS);
        names.addAll(List.of("adjuvant_strategy", "adjuvant_drugs"));
        for (String f : names) {
            String v = ctx.formParam(f);
            if (v != null && !v.isBlank() && !f.equals("patient_id")) fields.put(f, v.strip());
        }
        long entry = data.events.add(u.user(), centre, id, fields, ctx.formParam("attribution"));
        if (ctx.header("Accept") != null && ctx.header("Accept").contains("text/html")) ctx.redirect("/patients/" + centre + "/" + id + "#timeline");
        else ctx.status(201).json(Map.of("id", entry));
    }

    private static String param(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("missing " + name);
        return v;
    }
}
