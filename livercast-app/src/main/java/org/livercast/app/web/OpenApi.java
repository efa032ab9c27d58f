package org.livercast.app.web;

/** The REST API described in OpenAPI 3.0 (served at /openapi.json). */
final class OpenApi {
    private OpenApi() {}

    static String document() {
        return """
                {"openapi": "3.0.3",
                 "info": {"title": "LiverCast API", "version": "1", "description": "Patients, predictions, locks and images. Sign in at /login (form: username, password); the session cookie lc_session authenticates, and every POST must send the session's CSRF token in X-CSRF-Token (the pages carry it in <meta name=csrf-token>). Without a session: 401; a patient of another centre, or a statistician asking for a patient: 403."},
                 "components": {"securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "lc_session"}},
                   "responses": {"Unauthorized": {"description": "no session"}, "Forbidden": {"description": "another centre or role"}, "NotFound": {"description": "no such patient or file"}}},
                 "security": [{"session": []}],
                 "paths": {
                  "/health": {"get": {"security": [], "summary": "200 when the database answers, 503 when not", "responses": {"200": {"description": "ok"}, "503": {"description": "database unreachable"}}}},
                  "/api/patients": {"get": {"summary": "Patients the user may see: centre, pseudonym, latest PRE and POST risk ({probabilityAggressive2y, highRisk} or null) and latest recommended strategy ({strategy, gainRfs3y} or null)", "responses": {"200": {"description": "list"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
                  "/api/patients/{centre}/{id}": {"get": {"summary": "A patient: record (dates are days from surgery, anchored at 2000-01-01), predictions, locks, stored files",
                    "parameters": [{"name": "centre", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "the patient"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
                  "/api/patients/{centre}/{id}/locks": {"post": {"summary": "Lock a stored prediction for a protocol (site investigator of the centre); with a reason, supersede the current lock",
                    "parameters": [{"name": "centre", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                      {"name": "X-CSRF-Token", "in": "header", "required": true, "schema": {"type": "string"}}],
                    "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["protocol", "moment", "predictionId"],
                      "properties": {"protocol": {"type": "string"}, "moment": {"type": "string", "enum": ["pre", "post"]}, "predictionId": {"type": "integer"}, "reason": {"type": "string"}}}}}},
                    "responses": {"201": {"description": "the lock"}, "400": {"description": "bad request"}, "403": {"$ref": "#/components/responses/Forbidden"}, "409": {"description": "already locked: supersede with a reason"}}}},
                  "/study/{protocol}/analysis.csv": {"get": {"summary": "The de-identified analysis data set of a protocol (statistician or administrator): one row per patient, subject codes, days from surgery; query cutoffDays and population (protocol, enrolled, eligible, all)",
                    "parameters": [{"name": "protocol", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "cutoffDays", "in": "query", "schema": {"type": "integer"}}, {"name": "population", "in": "query", "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "CSV", "content": {"text/csv": {}}}, "401": {"description": "no session"}, "403": {"description": "not a statistician or administrator"}}}},
                  "/api/patients/{centre}/{id}/enrolments": {"post": {"summary": "Enrol the patient in a protocol with the consent date (site investigator or data manager of the centre); screened as of consent, 409 when not eligible or already enrolled",
                    "parameters": [{"name": "centre", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                      {"name": "X-CSRF-Token", "in": "header", "required": true, "schema": {"type": "string"}}],
                    "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["protocol", "consent_date"],
                      "properties": {"protocol": {"type": "string"}, "consent_date": {"type": "string", "format": "date"}}}}}},
                    "responses": {"201": {"description": "the enrolment"}, "400": {"description": "bad request"}, "403": {"description": "another centre or role"}, "409": {"description": "not eligible, or already enrolled"}}}},
                  "/api/patients/{centre}/{id}/events": {"post": {"summary": "Record a follow-up event (site investigator or data manager of the centre): the events template's fields; attribution for adverse events; event_type adjuvant_treatment with adjuvant_strategy and adjuvant_drugs records the treatment actually given",
                    "parameters": [{"name": "centre", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                      {"name": "X-CSRF-Token", "in": "header", "required": true, "schema": {"type": "string"}}],
                    "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["event_type", "event_date"],
                      "properties": {"event_type": {"type": "string", "enum": ["visit", "imaging", "recurrence", "death", "adverse_event", "lost_to_follow_up"]},
                        "event_date": {"type": "string", "format": "date"}, "recurrence_nodule_sizes_mm": {"type": "string"}, "recurrence_macrovascular_invasion": {"type": "string"},
                        "recurrence_extrahepatic_spread": {"type": "string"}, "ctcae_term": {"type": "string"}, "ctcae_grade": {"type": "integer", "minimum": 1, "maximum": 5},
                        "serious": {"type": "string"}, "attribution": {"type": "string", "enum": ["unrelated", "unlikely", "possible", "probable", "definite"]},
                        "cause": {"type": "string"}, "note": {"type": "string"}}}}}},
                    "responses": {"201": {"description": "recorded"}, "400": {"description": "a field is wrong (named in the error)"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
                  "/api/slides/{sha}/slide.dzi": {"get": {"summary": "Deep Zoom descriptor of a stored slide", "responses": {"200": {"description": "DZI XML"}}}},
                  "/api/slides/{sha}/slide_files/{level}/{tile}": {"get": {"summary": "A Deep Zoom tile, {column}_{row}.jpeg (the descriptor's Format; .jpg is accepted too)", "responses": {"200": {"description": "JPEG"}}}},
                  "/api/slides/{sha}/attention.png": {"get": {"summary": "The POST model's attention over the slide, 1/32 of level 0, translucent", "responses": {"200": {"description": "PNG"}}}},
                  "/api/mri/{centre}/{id}/{phase}/{slice}.png": {"get": {"summary": "One slice of a phase; slice in percent of the depth; ?roi=1 outlines the tumour", "responses": {"200": {"description": "PNG"}}}},
                  "/fhir/metadata": {"get": {"security": [], "summary": "FHIR R4: the CapabilityStatement of LiverCast's read-only FHIR endpoint (application/fhir+json; errors are OperationOutcomes; the session token may be sent as Authorization: Bearer)", "responses": {"200": {"description": "CapabilityStatement"}}}},
                  "/fhir/Patient/{id}": {"get": {"summary": "FHIR R4 Patient; id is CENTRE.PSEUDONYM (a hash when that is not a FHIR id)", "responses": {"200": {"description": "Patient"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
                  "/fhir/Patient": {"get": {"summary": "FHIR R4 Patient search by ?identifier=https://livercast.org/fhir/sid/patient/CENTRE|PSEUDONYM (searchset Bundle; only the patients the user may see)", "responses": {"200": {"description": "Bundle"}, "400": {"description": "no identifier given"}}}},
                  "/fhir/Patient/{id}/$everything": {"get": {"summary": "FHIR R4 searchset Bundle: the Patient, every assessment with its Provenance, and the models as Devices", "responses": {"200": {"description": "Bundle"}}}},
                  "/fhir/Observation": {"get": {"summary": "FHIR R4 search by ?patient=ID: the patient's staging (BCLC, CNLC, Child-Pugh, ALBI, Milan, UCSF, up-to-7, AJCC 8, IMbrave050) as Observations; /fhir/Observation/{id} reads one", "responses": {"200": {"description": "Bundle"}}}},
                  "/fhir/RiskAssessment": {"get": {"summary": "FHIR R4 search by ?patient=ID or ?subject=Patient/ID: PRE/POST predictions, diagnoses and (unless a protocol conceals them) recommendations", "responses": {"200": {"description": "Bundle"}, "400": {"description": "no patient given"}}}},
                  "/fhir/RiskAssessment/{id}": {"get": {"summary": "FHIR R4 RiskAssessment prediction-N, diagnosis-N or recommendation-N (403 while a protocol conceals a recommendation)", "responses": {"200": {"description": "RiskAssessment"}}}},
                  "/fhir/Provenance/{id}": {"get": {"summary": "FHIR R4 Provenance of a RiskAssessment (its id + '-provenance'): the model and the inputs' SHA-256", "responses": {"200": {"description": "Provenance"}}}},
                  "/fhir/Device/{id}": {"get": {"summary": "FHIR R4 Device: a registered model by its 64-hex content hash", "responses": {"200": {"description": "Device"}}}},
                  "/fhir/CodeSystem/livercast": {"get": {"summary": "FHIR R4 CodeSystem of LiverCast's codes", "responses": {"200": {"description": "CodeSystem"}}}}
                 }}
                """;
    }
}
