package org.livercast.ingest.deid;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A centre's secret pseudonymisation key: 256 random bits in a file the centre keeps (mode 600), never in the
 * database or the file store. Pseudonyms and remapped UIDs are HMAC-SHA256 of the original under this key, so the
 * same patient always gets the same pseudonym (re-ingest is idempotent), the centre can re-identify its own patients
 * by recomputing pseudonyms from its hospital numbers, and nobody without the key can link a pseudonym back.
 */
public final class PseudonymKey {
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ0123456789";   // Crockford-like: no I, L, O, U
    private final byte[] key;

    private PseudonymKey(byte[] key) { this.key = key.clone(); }

    /** Reads the key file, or creates one with a fresh random key (readable by its owner only). */
    public static PseudonymKey loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) return load(file);
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, HexFormat.of().formatHex(k) + "\n");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the folder's permissions are all there is
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return load(file);
    }

    public static PseudonymKey load(Path file) throws IOException {
        String hex = Files.readString(file).strip();
        if (!hex.matches("[0-9a-fA-F]{64}")) throw new IOException(file + ": not a pseudonym key (64 hexadecimal digits expected)");
        return new PseudonymKey(HexFormat.of().parseHex(hex));
    }

    /** A patient's pseudonym: the centre, a dash and ten characters (50 bits) of the keyed hash of the hospital number. */
    public String patientPseudonym(String centre, String hospitalNumber) {
        byte[] h = hmac("patient\0" + hospitalNumber.strip());
        StringBuilder s = new StringBuilder(centre).append('-');
        BigInteger n = new BigInteger(1, java.util.Arrays.copyOf(h, 8));
        for (int i = 0; i < 10; i++) {
            s.append(ALPHABET.charAt(n.mod(BigInteger.valueOf(32)).intValue()));
            n = n.shiftRight(5);
        }
        return s.toString();
    }

    /** A consistent replacement for a DICOM UID: "2.25." and 128 bits of the keyed hash (PS3.5 §B.2). */
    public String uid(String uid) {
        return "2.25." + new BigInteger(1, java.util.Arrays.copyOf(hmac("uid\0" + uid), 16));
    }

    /** Identifies the key without revealing it, so a store can refuse a centre's second, different key. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 16).toLowerCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
