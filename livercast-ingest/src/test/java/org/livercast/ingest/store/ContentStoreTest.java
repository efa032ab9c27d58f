package org.livercast.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are named by their hash, written once, and checked against it on every read. */
class ContentStoreTest {
    @TempDir Path root;

    @Test
    void theSameBytesAreStoredOnceUnderTheirHash() throws IOException {
        ContentStore store = new ContentStore(root);
        byte[] b = "an anonymous report".getBytes(StandardCharsets.UTF_8);
        String sha = store.put(b);
        assertThat(sha).isEqualTo(ContentStore.sha256(b)).hasSize(64);
        assertThat(store.put(b)).isEqualTo(sha);
        assertThat(store.read(sha)).isEqualTo(b);
        assertThat(store.pathOf(sha)).endsWith(Path.of("sha256", sha.substring(0, 2), sha.substring(2, 4), sha));
        assertThat(Files.getPosixFilePermissions(store.pathOf(sha))).doesNotContain(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        Path staged = Files.writeString(store.staging().resolve("x"), "a staged slide");
        String moved = store.putFile(staged);
        assertThat(Files.exists(staged)).isFalse();
        assertThat(new String(store.read(moved), StandardCharsets.UTF_8)).isEqualTo("a staged slide");
    }

    @Test
    void aFileDamagedOnDiskIsReportedNotServed() throws IOException {
        ContentStore store = new ContentStore(root);
        String sha = store.put("original".getBytes(StandardCharsets.UTF_8));
        Path p = store.pathOf(sha);
        p.toFile().setWritable(true);
        Files.writeString(p, "tampered");
        assertThatThrownBy(() -> store.read(sha)).hasMessageContaining(p.toString()).hasMessageContaining("damaged");
        assertThatThrownBy(() -> store.verify(sha)).hasMessageContaining("damaged");
        assertThatThrownBy(() -> store.put("original".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("damaged");
    }
}
