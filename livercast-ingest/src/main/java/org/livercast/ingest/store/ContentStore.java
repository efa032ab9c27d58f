package org.livercast.ingest.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Files named by the SHA-256 of their bytes ({@code sha256/ab/cd/abcd…}), written once: a new file goes to a
 * temporary name, is flushed to disk, then renamed into place atomically, so a crash leaves either the whole file or
 * none. Writing what is already there is a no-op after its hash is checked; reading checks the hash again, so a file
 * damaged on disk is reported, never served.
 */
public final class ContentStore {
    private final Path root;

    public ContentStore(Path root) { this.root = root; }

    public Path root() { return root; }

    public Path pathOf(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a SHA-256: " + sha256);
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    /** Stores bytes; @return their SHA-256. */
    public String put(byte[] bytes) throws IOException {
        String sha = sha256(bytes);
        Path target = pathOf(sha);
        if (Files.exists(target)) {
            verify(sha);
            return sha;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        return moveIntoPlace(tmp, sha);
    }

    /** Stores a file already written elsewhere (a de-identified slide), moving it in; @return its SHA-256. */
    public String putFile(Path file) throws IOException {
        String sha = sha256(file);
        Path target = pathOf(sha);
        if (Files.exists(target)) {
            verify(sha);
            Files.delete(file);
            return sha;
        }
        Files.createDirectories(target.getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        return moveIntoPlace(file, sha);
    }

    private String moveIntoPlace(Path tmp, String sha) throws IOException {
        Path target = pathOf(sha);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);                          // another writer got there first with the same bytes
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().setReadOnly();
        return sha;
    }

    /** The bytes of a stored file, after checking they still hash to their name. */
    public byte[] read(String sha256) throws IOException {
        byte[] b = Files.readAllBytes(pathOf(sha256));
        String actual = sha256(b);
        if (!actual.equals(sha256)) throw new IOException(pathOf(sha256) + ": content hash is " + actual + ", not its name: the file is damaged");
        return b;
    }

    /** Checks a stored file against its name; @return its path. */
    public Path verify(String sha256) throws IOException {
        Path p = pathOf(sha256);
        String actual = sha256(p);
        if (!actual.equals(sha256)) throw new IOException(p + ": content hash is " + actual + ", not its name: the file is damaged");
        return p;
    }

    /** A folder on the same file system for staging files before they are moved in. */
    public Path staging() throws IOException {
        Path s = root.resolve("staging");
        Files.createDirectories(s);
        return s;
    }

    public static String sha256(byte[] bytes) { return org.livercast.study.store.RecordHash.ofBytes(bytes); }

    public static String sha256(Path file) throws IOException {
        MessageDigest d = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), d); OutputStream sink = OutputStream.nullOutputStream()) {
            in.transferTo(sink);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
