package org.livercast.pathology.slide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.livercast.pathology.tiff.TiffException;

/**
 * A slide's key file, read as GLib's key files are (OpenSlide reads them so): a MIRAX slide's Slidedat.ini, a Hamamatsu
 * .vms or .vmu. {@code [GROUP]} lines open a group, {@code KEY = VALUE} lines fill it (spaces around the '=' dropped),
 * '#' lines are comments. A UTF-8 byte-order mark and Windows line ends (the scanners' software writes both) are
 * accepted. Values are kept raw, as OpenSlide's {@code mirax.GROUP.KEY} and {@code hamamatsu.KEY} properties give them.
 * A missing or malformed value fails naming the file, group and key.
 */
public final class KeyFile {
    /** OpenSlide refuses a key file larger than this: a text file of a few hundred lines. */
    static final long MAX_BYTES = 1 << 20;

    private final Path file;
    private final Map<String, Map<String, String>> groups;

    private KeyFile(Path file, Map<String, Map<String, String>> groups) {
        this.file = file;
        this.groups = groups;
    }

    /** @param missing what to say when the file is absent: where it should be */
    public static KeyFile read(Path file, String missing) throws IOException {
        if (!Files.isRegularFile(file)) throw new TiffException(file + ": missing (" + missing + ")");
        if (Files.size(file) > MAX_BYTES) throw new TiffException(file + ": " + Files.size(file) + " bytes, more than a slide's key file holds (" + MAX_BYTES + ")");
        return parse(file, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    public static KeyFile parse(Path file, String text) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        Map<String, String> current = null;
        String[] lines = text.split("\r?\n|\r");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) throw new TiffException(file + ": line " + (n + 1) + ": group header without ']': " + line);
                current = groups.computeIfAbsent(line.substring(1, line.length() - 1), g -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) throw new TiffException(file + ": line " + (n + 1) + ": neither a group nor KEY = VALUE: " + line);
            if (current == null) throw new TiffException(file + ": line " + (n + 1) + ": a key before any [GROUP]");
            current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return new KeyFile(file, groups);
    }

    public Path file() { return file; }

    /** Every group's keys, in the file's order. */
    public Map<String, Map<String, String>> groups() { return groups; }

    public boolean has(String group) { return groups.containsKey(group); }

    /** The raw value, or null when the group or key is absent. */
    public String value(String group, String key) {
        Map<String, String> g = groups.get(group);
        return g == null ? null : g.get(key);
    }

    public String required(String group, String key) {
        if (!groups.containsKey(group)) throw new TiffException(file + ": no [" + group + "] group");
        String v = value(group, key);
        if (v == null) throw new TiffException(file + ": [" + group + "] has no " + key);
        return v;
    }

    public int integer(String group, String key) {
        String v = required(group, key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new TiffException(file + ": [" + group + "] " + key + " = '" + v + "' is not an integer");
        }
    }

    /** An integer, or {@code otherwise} when the key is absent. */
    public int integer(String group, String key, int otherwise) { return value(group, key) == null ? otherwise : integer(group, key); }

    public double real(String group, String key) {
        String v = required(group, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new TiffException(file + ": [" + group + "] " + key + " = '" + v + "' is not a number");
        }
    }
}
