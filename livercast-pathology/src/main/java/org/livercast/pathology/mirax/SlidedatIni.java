package org.livercast.pathology.mirax;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.livercast.pathology.tiff.TiffException;

/**
 * A MIRAX slide's Slidedat.ini, read as GLib's key files are (OpenSlide reads it so): {@code [GROUP]} lines open a
 * group, {@code KEY = VALUE} lines fill it (spaces around the '=' dropped), '#' lines are comments. A UTF-8 byte-order
 * mark and Windows line ends (3DHISTECH's software writes both) are accepted. Values are kept raw, as OpenSlide's
 * {@code mirax.GROUP.KEY} properties give them. A missing or malformed value fails naming the file, group and key.
 */
public final class SlidedatIni {
    /** OpenSlide refuses a Slidedat.ini larger than this: a text file of a few hundred lines. */
    static final long MAX_BYTES = 1 << 20;

    private final Path file;
    private final Map<String, Map<String, String>> groups;

    private SlidedatIni(Path file, Map<String, Map<String, String>> groups) {
        this.file = file;
        this.groups = groups;
    }

    public static SlidedatIni read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new TiffException(file + ": missing (a MIRAX slide's folder holds its Slidedat.ini)");
        if (Files.size(file) > MAX_BYTES) throw new TiffException(file + ": " + Files.size(file) + " bytes, more than a Slidedat.ini holds (" + MAX_BYTES + ")");
        return parse(file, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    static SlidedatIni parse(Path file, String text) {
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
        return new SlidedatIni(file, groups);
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
