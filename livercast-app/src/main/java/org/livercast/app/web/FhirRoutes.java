package org.livercast.app.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import org.livercast.core.model.PatientRecord;
import org.livercast.fhir.Bundles;
import org.livercast.fhir.FhirIds;
import org.livercast.core.io.fhir.FhirJson;
import org.livercast.fhir.LiverCastCodes;
import org.livercast.fhir.PatientResource;
import org.livercast.fhir.PatientResources;
import org.livercast.fhir.ServerCapabilities;
import org.livercast.fhir.StagingObservations;
import org.livercast.learn.model.ModelStore;
import org.livercast.study.store.PatientStore;

/**
 * LiverCast as a read-only FHIR R4 server under {@code /fhir}, for a hospital's EHR or data platform to fetch what the
 * models said: the CapabilityStatement, Patient (and {@code $everything}), RiskAssessment by id or by patient,
 * Provenance, Device and LiverCast's CodeSystem. The same users, centre checks and audit as the pages; a recommendation
 * a protocol conceals from the care team is left out of searches and refused when asked for by id.
 */
final class FhirRoutes {
    private final PatientData data;
    private final PatientResources resources;

    FhirRoutes(PatientData data) {
        this.data = data;
        this.resources = new PatientResources(data.db.jdbi());
    }

    void register(Javalin app) {
        app.before("/fhir/*", FhirRoutes::checkFormat);
        app.get("/fhir/metadata", ctx -> send(ctx, ServerCapabilities.statement(ModelStore.codeVersion())));
        app.get("/fhir/Patient", ctx -> {
            // How a hospital finds its patient: by the pseudonym its centre's key gives (`livercast pseudonyms`).
            String identifier = ctx.queryParam("identifier");
            if (identifier == null || !identifier.contains("|")) {
                throw new IllegalArgumentException("Patient is searched by identifier: ?identifier=" + LiverCastCodes.patientSystem("CENTRE") + "|PSEUDONYM");
            }
            String system = identifier.substring(0, identifier.indexOf('|'));
            String value = identifier.substring(identifier.indexOf('|') + 1);
            WebUser u = WebServer.user(ctx);
            List<ObjectNode> found = data.keys(u.user()).stream()
                    .filter(k -> LiverCastCodes.patientSystem(k.centreId()).equals(system) && k.patientId().equals(value))
                    .map(k -> PatientResource.of(data.record(u.user(), k.centreId(), k.patientId()))).toList();
            send(ctx, Bundles.searchset(base(ctx), found, x -> true, ctx.fullUrl()));
        });
        app.get("/fhir/Patient/{id}", ctx -> send(ctx, PatientResource.of(patient(ctx, ctx.pathParam("id")))));
        app.get("/fhir/Patient/{id}/$everything", ctx -> {
            PatientRecord r = patient(ctx, ctx.pathParam("id"));
            send(ctx, Bundles.searchset(base(ctx), resources.everything(r, !concealed(r)), x -> true, ctx.fullUrl()));
        });
        app.get("/fhir/RiskAssessment", ctx -> {
            PatientRecord r = patient(ctx, searchedPatient(ctx, "RiskAssessment"));
            List<ObjectNode> found = resources.assessments(r, !concealed(r)).stream().map(PatientResources.Assessment::riskAssessment).toList();
            send(ctx, Bundles.searchset(base(ctx), found, x -> true, ctx.fullUrl()));
        });
        app.get("/fhir/Observation", ctx -> {
            PatientRecord r = patient(ctx, searchedPatient(ctx, "Observation"));
            send(ctx, Bundles.searchset(base(ctx), StagingObservations.of(r), x -> true, ctx.fullUrl()));
        });
        app.get("/fhir/Observation/{id}", ctx -> {
            // CENTRE.PSEUDONYM-CODE: the patient is the longest patient id the observation's id starts with.
            String id = ctx.pathParam("id");
            WebUser u = WebServer.user(ctx);
            PatientStore.Key k = data.patients.keys().stream().filter(x -> id.startsWith(FhirIds.patient(x.centreId(), x.patientId()) + "-"))
                    .max(java.util.Comparator.comparingInt(x -> FhirIds.patient(x.centreId(), x.patientId()).length()))
                    .orElseThrow(() -> HttpError.notFound("Observation/" + id));
            PatientRecord r = data.record(u.user(), k.centreId(), k.patientId());
            send(ctx, StagingObservations.of(r).stream().filter(o -> o.get("id").asText().equals(id)).findFirst()
                    .orElseThrow(() -> HttpError.notFound("Observation/" + id)));
        });
        app.get("/fhir/RiskAssessment/{id}", ctx -> send(ctx, assessment(ctx, ctx.pathParam("id")).riskAssessment()));
        app.get("/fhir/Provenance/{id}", ctx -> {
            String id = ctx.pathParam("id");
            if (!id.endsWith("-provenance")) throw HttpError.notFound("Provenance/" + id);
            send(ctx, assessment(ctx, id.substring(0, id.length() - "-provenance".length())).provenance());
        });
        app.get("/fhir/Device/{id}", ctx -> {
            WebServer.user(ctx);  // models are not patient data, but the server is not public
            String id = ctx.pathParam("id");
            send(ctx, resources.device(id).orElseThrow(() -> HttpError.notFound("Device/" + id + ": no model has this id")));
        });
        app.get("/fhir/CodeSystem/livercast", ctx -> {
            WebServer.user(ctx);
            send(ctx, LiverCastCodes.codeSystem(ModelStore.codeVersion()));
        });
    }

    /**
     * This endpoint speaks JSON only: a client that accepts only XML (by Accept or {@code _format}) is told so (406)
     * rather than handed what it cannot read.
     */
    private static void checkFormat(Context ctx) {
        String format = ctx.queryParam("_format");
        if (format != null && !format.contains("json")) throw new HttpError(406, "_format=" + format + ": LiverCast's FHIR endpoint answers in JSON only");
        String accept = ctx.header("Accept");
        if (accept != null && !accept.isBlank() && !accept.contains("json") && !accept.contains("*/*")) {
            throw new HttpError(406, "Accept: " + accept + ": LiverCast's FHIR endpoint answers in JSON only (application/fhir+json)");
        }
    }

    /** The patient a FHIR id names, after the same access check and audit as the patient page. */
    private PatientRecord patient(Context ctx, String fhirId) {
        WebUser u = WebServer.user(ctx);
        if (!FhirIds.valid(fhirId)) throw new IllegalArgumentException("'" + fhirId + "' is not a FHIR id");
        PatientStore.Key k = data.patients.keys().stream().filter(x -> FhirIds.patient(x.centreId(), x.patientId()).equals(fhirId)).findFirst()
                .orElseThrow(() -> HttpError.notFound("Patient/" + fhirId));
        return data.record(u.user(), k.centreId(), k.patientId());
    }

    /** {@code patient=ID}, {@code patient=Patient/ID}, {@code subject=Patient/ID}: the one search RiskAssessment and Observation support. */
    private static String searchedPatient(Context ctx, String type) {
        String v = ctx.queryParam("patient");
        if (v == null) v = ctx.queryParam("subject");
        if (v == null || v.isBlank()) throw new IllegalArgumentException(type + " is searched by patient: ?patient=ID or ?subject=Patient/ID");
        return v.startsWith("Patient/") ? v.substring("Patient/".length()) : v;
    }

    private PatientResources.Assessment assessment(Context ctx, String id) {
        WebUser u = WebServer.user(ctx);
        PatientResources.Assessment a = resources.assessment(id).orElseThrow(() -> HttpError.notFound("RiskAssessment/" + id));
        if (!u.user().canSeePatientsOf(a.centreId())) throw HttpError.forbidden(u.user().username() + " may not see patients of centre " + a.centreId());
        if (a.kind().equals("therapy")) {
            data.concealedRecommendations().of(a.centreId(), a.patientId()).ifPresent(why -> {
                throw HttpError.forbidden("RiskAssessment/" + id + ": the recommendation is concealed from the care team by " + why.protocolId());
            });
        }
        data.audit.append(u.user().username(), "fhir.read", "patient " + a.centreId() + "/" + a.patientId(), "{\"resource\":\"RiskAssessment/" + id + "\"}");
        return a;
    }

    private boolean concealed(PatientRecord r) { return data.concealedRecommendations().of(r.patient().centreId(), r.id()).isPresent(); }

    /** The endpoint's absolute address, as the client reached it: what a Bundle's full URLs start with. */
    private static String base(Context ctx) { return ctx.scheme() + "://" + ctx.host() + "/fhir"; }

    static void send(Context ctx, ObjectNode resource) throws com.fasterxml.jackson.core.JsonProcessingException {
        ctx.contentType(FhirJson.MIME_TYPE + "; charset=utf-8").result(FhirJson.JSON.writeValueAsString(resource));
    }
}
