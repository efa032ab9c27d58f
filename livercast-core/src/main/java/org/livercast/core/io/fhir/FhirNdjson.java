package org.livercast.core.io.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * FHIR resources as a Bulk Data export holds them: NDJSON files (one resource a line, {@code .ndjson}, gzipped too) or a
 * JSON Bundle (a transaction or collection, as Synthea writes them, whose entries refer to each other by fullUrl), read
 * with where each came from (file and line) so that an error can name it.
 */
public final class FhirNdjson {
    /** A resource and where it was read: {@code Observation.ndjson:12}. */
    public record Entry(String source, ObjectNode resource, String fullUrl) {
        public Entry(String source, ObjectNode resource) { this(source, resource, null); }

        public String type() { return resource.path("resourceType").asText(); }

        /** The references that name this resource: {@code Type/id}, and in a Bundle its fullUrl ({@code urn:uuid:…}). */
        public List<String> names() {
            List<String> n = new ArrayList<>();
            if (id() != null) n.add(type() + "/" + id());
            if (fullUrl != null) n.add(fullUrl);
            return n;
        }

        public String id() { return resource.path("id").asText(null); }

        /** "Observation.ndjson:12 Observation/abc": where and what, for an error. */
        public String where() { return source + " " + type() + (id() == null ? "" : "/" + id()); }
    }

    /** The file could not be read as FHIR: its name, line and why. */
    public static final class FhirFileException extends IOException {
        public FhirFileException(String message) { super(message); }
    }

    private FhirNdjson() {}

    /** Whether a file's first bytes are a FHIR resource's JSON (an object naming its resourceType): what discovery looks for. */
    public static boolean isFhir(byte[] head) {
        String s = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (s.startsWith("\uFEFF")) s = s.substring(1).stripLeading();
        return s.startsWith("{") && s.contains("\"resourceType\"");
    }

    /** Whether a file is named as NDJSON or FHIR JSON is: {@code .ndjson}, {@code .ndjson.gz}, {@code .json}. */
    public static boolean named(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".ndjson") || n.endsWith(".ndjson.gz") || n.endsWith(".json");
    }

    /** A file of FHIR resources, by its name and first bytes (NDJSON, gzipped NDJSON, a Bundle or one resource). */
    public static boolean isFhirFile(Path p) throws IOException {
        if (!Files.isRegularFile(p) || !named(p)) return false;
        if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                return isFhir(in.readNBytes(4096));
            } catch (IOException notGzip) {
                return false;
            }
        }
        return isFhir(head(p));
    }

    /** Every resource in the FHIR files of a folder (by name, sorted) or in one file. */
    public static List<Entry> read(Path fileOrFolder) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (Files.isDirectory(fileOrFolder)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(fileOrFolder)) {
                files = s.filter(Files::isRegularFile).filter(FhirNdjson::named).sorted().toList();
            }
            for (Path f : files) if (isFhirFile(f)) out.addAll(readFile(f, fileOrFolder.relativize(f).toString()));
        } else {
            out.addAll(readFile(fileOrFolder, fileOrFolder.getFileName().toString()));
        }
        return out;
    }

    /** One file: NDJSON a line at a time, or one JSON resource (a Bundle's entries are its resources). */
    public static List<Entry> readFile(Path file, String name) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = r.lines().toList();
            // NDJSON when the first line is a whole resource by itself; else the file is one resource (a Bundle, pretty-printed).
            String firstLine = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("").replace("\uFEFF", "").strip();
            boolean ndjson = firstLine.startsWith("{") && firstLine.endsWith("}") && wholeObject(firstLine);
            if (!ndjson) {
                String whole = String.join("\n", lines);
                ObjectNode node = parse(whole.startsWith("\uFEFF") ? whole.substring(1) : whole, name, 1);
                if ("Bundle".equals(node.path("resourceType").asText())) {
                    int i = 0;
                    for (JsonNode e : node.path("entry")) {
                        i++;
                        if (e.path("resource") instanceof ObjectNode res) {
                            Entry en = entry(res, name + " entry " + i);
                            out.add(new Entry(en.source(), res, e.path("fullUrl").asText(null)));
                        }
                        else throw new FhirFileException(name + " entry " + i + ": a Bundle entry without a resource");
                    }
                } else {
                    out.add(entry(node, name + ":1"));
                }
                return out;
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) continue;
                out.add(entry(parse(line, name, i + 1), name + ":" + (i + 1)));
            }
        }
        return out;
    }

    private static Entry entry(ObjectNode node, String source) throws FhirFileException {
        if (!node.path("resourceType").isTextual()) throw new FhirFileException(source + ": resourceType: missing; every FHIR resource names its type");
        // The narrative (XHTML for people) is often the larger part of a resource and nothing here reads it: not kept.
        node.remove("text");
        return new Entry(source, node);
    }

    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = FhirJson.JSON.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static boolean wholeObject(String line) {
        try {
            return STRICT.readTree(line).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static ObjectNode parse(String json, String name, int line) throws FhirFileException {
        try {
            JsonNode n = STRICT.readTree(json);
            if (n instanceof ObjectNode o) return o;
            throw new FhirFileException(name + ":" + line + ": not a JSON object");
        } catch (JsonProcessingException e) {
            throw new FhirFileException(name + ":" + line + ": not JSON: " + e.getOriginalMessage());
        }
    }

    private static byte[] head(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(4096);
        }
    }
}
