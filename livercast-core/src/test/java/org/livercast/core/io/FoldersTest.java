package org.livercast.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {
    @TempDir Path tmp;

    @Test
    void deletesAFolderWithNestedFilesAndLeavesItsNeighbours() throws Exception {
        Path dir = tmp.resolve("scratch");
        Files.createDirectories(dir.resolve("a/b/c"));
        Files.writeString(dir.resolve("a/b/c/deep.txt"), "x");
        Files.writeString(dir.resolve("a/top.txt"), "y");
        Files.writeString(tmp.resolve("neighbour.txt"), "kept");

        Folders.deleteTree(dir);

        assertThat(dir).doesNotExist();
        assertThat(tmp.resolve("neighbour.txt")).hasContent("kept");
    }

    @Test
    void aMissingFolderIsNotAnError() throws Exception {
        Folders.deleteTree(tmp.resolve("never-made"));
        assertThat(tmp.resolve("never-made")).doesNotExist();
    }

    @Test
    void theQuietFormSaysWhetherTheFolderIsGone() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("scratch/inner"));
        Files.writeString(dir.resolve("file.txt"), "x");
        assertThat(Folders.deleteTreeQuietly(tmp.resolve("scratch"))).isTrue();
        assertThat(tmp.resolve("scratch")).doesNotExist();
        assertThat(Folders.deleteTreeQuietly(tmp.resolve("never-made"))).isTrue();
    }

    @Test
    void theQuietFormOutlastsAProcessStillWritingIntoTheFolder() throws Exception {
        // As PostgreSQL does while it stops: new files keep appearing in a subfolder for a while, so a walk that listed
        // the folder finds it not empty when it comes to remove it. The writer stops at its first failed write (the
        // folder is gone) or after 400 ms; the quiet form must still end with the folder gone.
        Path dir = Files.createDirectories(tmp.resolve("pgdata/pg_stat"));
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        Thread writer = new Thread(() -> {
            long end = System.nanoTime() + 400_000_000L;
            while (System.nanoTime() < end) {
                try {
                    Files.writeString(dir.resolve("stat-" + written.incrementAndGet()), "x");
                } catch (java.io.IOException gone) {
                    return;
                }
            }
        });
        writer.start();
        while (written.get() < 50) Thread.onSpinWait();  // the writer is under way

        boolean gone = Folders.deleteTreeQuietly(tmp.resolve("pgdata"));
        writer.join();

        assertThat(gone).isTrue();
        assertThat(tmp.resolve("pgdata")).doesNotExist();
    }

    @Test
    void deleteTreeOnExitReturnsTheFolderUntouched() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("kept-until-exit"));
        assertThat(Folders.deleteTreeOnExit(dir)).isEqualTo(dir);
        assertThat(dir).isDirectory();
    }
}
