package org.livercast.learn.slide;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.livercast.learn.data.UnusableInputException;

/**
 * The files an ONNX model is: the .onnx graph and, for a model over protobuf's 2 GB limit (a ViT-g foundation model) or
 * saved with {@code save_as_external_data}, the files its weights are in, named by each tensor's
 * {@code external_data} "location" and read from beside the .onnx. The encoder's id must hash them all — the graph alone
 * is the same for two sets of weights.
 */
final class OnnxFiles {
    private OnnxFiles() {}

    /**
     * A tensor's external-data entry as protobuf writes it: StringStringEntryProto field 1 (tag 0x0A), 8 bytes "location",
     * then field 2 (tag 0x12) whose length-prefixed bytes are the file name. Eleven fixed bytes: weights do not forge them.
     */
    private static final byte[] LOCATION = concat(new byte[] {0x0A, 0x08}, "location".getBytes(StandardCharsets.US_ASCII), new byte[] {0x12});

    /** The external data files the model names, resolved beside it, each once, in name order. */
    static List<Path> externalData(Path onnx) throws IOException {
        return read(onnx, null);
    }

    /**
     * SHA-256 of the model: of the .onnx file alone when its weights are inside it (as before external data was read, so
     * those ids are unchanged), else of the .onnx then each weights file's name and bytes, in name order. The .onnx is
     * read once, hashed as it is scanned (a model's graph file can be 2 GB).
     */
    static String sha256(Path onnx) throws IOException {
        MessageDigest d = sha256();
        List<Path> external = read(onnx, d);
        Path dir = onnx.toAbsolutePath().getParent();
        for (Path f : external) {
            d.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            digest(d, f);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** Scans the .onnx for the weights files it names (and feeds its bytes to {@code digest}, when given). */
    private static List<Path> read(Path onnx, MessageDigest digest) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        InputStream raw = Files.newInputStream(onnx);
        try (InputStream in = new BufferedInputStream(digest == null ? raw : new DigestInputStream(raw, digest), 1 << 16)) {
            int matched = 0;
            int b;
            while ((b = in.read()) >= 0) {
                // LOCATION's first byte does not recur in it, so a failed match restarts at this byte.
                matched = b == (LOCATION[matched] & 0xFF) ? matched + 1 : b == (LOCATION[0] & 0xFF) ? 1 : 0;
                if (matched < LOCATION.length) continue;
                matched = 0;
                int length = varint(in);
                if (length <= 0 || length > 4096) continue;
                byte[] name = in.readNBytes(length);
                if (name.length == length) names.add(new String(name, StandardCharsets.UTF_8));
            }
        }
        Path dir = onnx.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            Path f = dir.resolve(name).normalize();
            if (!f.startsWith(dir)) throw new UnusableInputException(onnx + ": its weights are said to be in " + name + ", outside the model's folder");
            if (!Files.isRegularFile(f)) throw new UnusableInputException(onnx + ": its weights are in " + name + ", which is not beside it (" + f + ")");
            files.add(f);
        }
        return files;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void digest(MessageDigest d, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) d.update(buffer, 0, n);
        }
    }

    private static int varint(InputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.read();
            if (b < 0) return -1;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        return -1;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
