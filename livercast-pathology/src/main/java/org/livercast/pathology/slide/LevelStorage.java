package org.livercast.pathology.slide;

import java.util.List;

/**
 * A slide that can say how each level is stored — which files or directories, how coded, at what scale — so that a
 * person checking what a hospital sent sees it before ingest ({@code livercast slide info}).
 */
public interface LevelStorage {
    /** How level {@code level} is stored, in words: a line per file or part. */
    List<String> storage(int level);
}
