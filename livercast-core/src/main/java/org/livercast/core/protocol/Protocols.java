package org.livercast.core.protocol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The protocols LiverCast knows: the five bundled studies (P1-P5) and any directory of protocol JSON files.
 * Every file is validated as it loads; a bad file fails loudly, naming itself.
 */
public final class Protocols {
    static final String BUNDLED = "/org/livercast/core/protocols/";
    static final List<String> BUNDLED_FILES = List.of("P1.json", "P2.json", "P3.json", "P4.json", "P5.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Map<String, Protocol> byId;

    private Protocols(List<Protocol> protocols) {
        Map<String, Protocol> map = new LinkedHashMap<>();
        for (Protocol p : protocols) {
            if (map.put(p.id(), p) != null) throw new ProtocolException(p.id(), "id", "two protocols share this id");
        }
        this.byId = java.util.Collections.unmodifiableMap(map);
    }

    /** The five protocols shipped in the jar, parsed and validated once (they cannot change while it runs). */
    public static Protocols bundled() { return Bundled.PROTOCOLS; }

    private static final class Bundled {
        static final Protocols PROTOCOLS = readBundled();
    }

    private static Protocols readBundled() {
        List<Protocol> list = new ArrayList<>();
        for (String file : BUNDLED_FILES) {
            try (InputStream in = Protocols.class.getResourceAsStream(BUNDLED + file)) {
                if (in == null) throw new ProtocolException(file, "file", "bundled protocol is missing from the jar");
                list.add(parse("bundled " + file, in.readAllBytes()));
            } catch (IOException e) {
                throw new ProtocolException(file, "cannot read", e);
            }
        }
        return new Protocols(list);
    }

    /** Every {@code *.json} in {@code dir}, in file-name order. */
    public static Protocols fromDirectory(Path dir) throws IOException {
        List<Protocol> list = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                list.add(parse(f.toString(), Files.readAllBytes(f)));
            }
        }
        return new Protocols(list);
    }

    public static Protocol parse(String source, byte[] json) {
        Protocol p;
        try {
            p = JSON.readValue(json, Protocol.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ProtocolException(source, "not a valid protocol file: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ProtocolException(source, "cannot read", e);
        }
        return ProtocolValidator.validate(source, p);
    }

    public List<Protocol> all() { return List.copyOf(byId.values()); }

    public Optional<Protocol> find(String id) { return Optional.ofNullable(byId.get(id)); }

    public Protocol get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no protocol '" + id + "'; known: " + byId.keySet()));
    }

    public static String toJson(Protocol p) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
