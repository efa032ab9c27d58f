package org.livercast.study.importer;

/** What an import did: patients added, updated and left unchanged, and whether these files were seen before. */
public record ImportSummary(String filesSha256, int added, int updated, int unchanged, boolean filesSeenBefore) {
    public int total() { return added + updated + unchanged; }

    public boolean changedAnything() { return added + updated > 0; }
}
