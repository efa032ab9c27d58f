package org.livercast.ingest.discover;

import java.nio.file.Path;

/**
 * One file found in an export: where it is, what it is, and the hospital number it belongs to (null when it could not
 * be linked, with the reason in {@code note}).
 */
public record ExportFile(Path path, String relative, FileKind kind, long sizeBytes, String hospitalNumber, String note) {
    public ExportFile linkedTo(String id) { return new ExportFile(path, relative, kind, sizeBytes, id, note); }
}
