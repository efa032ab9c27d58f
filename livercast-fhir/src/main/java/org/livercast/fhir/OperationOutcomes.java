package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A FHIR server's error: an OperationOutcome with one issue (its code from FHIR's issue-type list) and the reason. */
public final class OperationOutcomes {
    private OperationOutcomes() {}

    /** The issue-type code FHIR's http page pairs with an HTTP status. */
    public static String issueType(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> "invalid";
            case 401 -> "login";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 406 -> "not-supported";
            case 409 -> "conflict";
            default -> "exception";
        };
    }

    public static ObjectNode error(int httpStatus, String diagnostics) {
        ObjectNode o = FhirJson.resource("OperationOutcome", null);
        o.set("text", FhirJson.narrative("<p>" + FhirJson.esc(diagnostics) + "</p>"));
        o.putArray("issue").addObject().put("severity", "error").put("code", issueType(httpStatus)).put("diagnostics", diagnostics);
        return o;
    }
}
