package org.livercast.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing what a run created in a scratch folder, so that repeated runs do not fill the disk. */
public final class Folders {
    private Folders() {}

    /** Deletes {@code dir} and everything under it; nothing happens when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            // Deepest first, so that every folder is empty when its turn comes.
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /**
     * {@link #deleteTree}, as a best effort: for clean-ups after the work is done (a scratch folder another process may
     * still be writing to, a shutdown hook), where a failure should not undo a result. What is left, the system's
     * temporary-file cleaning removes.
     *
     * @return whether {@code dir} is gone
     */
    public static boolean deleteTreeQuietly(Path dir) {
        // A few tries: a process that has just been told to stop may still write a last file (PostgreSQL writes its
        // statistics into pgdata/pg_stat while shutting down, so the first walk met a folder no longer empty and every
        // test run left 200 MB of embedded server behind in /tmp).
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            try {
                deleteTree(dir);
                return true;
            } catch (IOException | UncheckedIOException e) {
                try {
                    Thread.sleep(RETRY_PAUSE_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !Files.exists(dir);
    }

    private static final int RETRIES = 10;
    private static final long RETRY_PAUSE_MS = 200;

    /**
     * Deletes {@code dir} when the JVM exits normally (a shutdown hook; {@code File.deleteOnExit} cannot remove a folder
     * that is not empty). For scratch folders that live as long as the process, such as a test suite's shared cohort.
     *
     * @return {@code dir}
     */
    public static Path deleteTreeOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTreeQuietly(dir), "delete " + dir.getFileName()));
        return dir;
    }
}
