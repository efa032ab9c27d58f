package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Predicate;

/** Resources in a FHIR Bundle: a search's answer (what matched, and what came along with it) or a collection. */
public final class Bundles {
    private Bundles() {}

    /**
     * A searchset: each resource with its full URL under {@code baseUrl} (the endpoint's absolute address); {@code total}
     * counts the resources {@code matched} says the search was for, the rest are marked as included.
     */
    public static ObjectNode searchset(String baseUrl, List<ObjectNode> resources, Predicate<ObjectNode> matched, String selfUrl) {
        ObjectNode b = FhirJson.resource("Bundle", null).put("type", "searchset");
        b.putObject("meta").put("lastUpdated", FhirJson.instant(OffsetDateTime.now()));
        b.put("total", resources.stream().filter(matched).count());
        b.putArray("link").addObject().put("relation", "self").put("url", selfUrl);
        var entries = b.putArray("entry");
        for (ObjectNode r : resources) {
            ObjectNode e = entries.addObject().put("fullUrl", baseUrl + "/" + r.get("resourceType").asText() + "/" + r.get("id").asText());
            e.set("resource", r);
            e.putObject("search").put("mode", matched.test(r) ? "match" : "include");
        }
        return b;
    }
}
