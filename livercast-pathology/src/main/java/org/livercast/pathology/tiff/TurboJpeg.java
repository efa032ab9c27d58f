package org.livercast.pathology.tiff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * libjpeg-turbo through a small JNI bridge (src/main/c), when it was built and loads: the decoder OpenSlide uses, so
 * pixels are the same and decoding is several times faster than the JDK's IJG libjpeg. Absent or disabled
 * ({@code -Dlivercast.turbojpeg=false}), {@link TileCodecs} uses the JDK decoder.
 */
final class TurboJpeg {
    private static final boolean AVAILABLE = load();

    private TurboJpeg() {}

    static boolean available() { return AVAILABLE; }

    /** @return 0 decoded; 1 size mismatch; 2 corrupt stream; 3 out of memory */
    static native int decode(byte[] jpeg, int length, int[] out, int width, int height);

    private static boolean load() {
        if ("false".equals(System.getProperty("livercast.turbojpeg"))) return false;
        try (InputStream in = TurboJpeg.class.getResourceAsStream("/native/liblivercast_turbojpeg.so")) {
            if (in == null) return false;
            Path tmp = Files.createTempFile("liblivercast_turbojpeg", ".so");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                System.load(tmp.toAbsolutePath().toString());
                return true;
            } finally {
                // The library stays mapped once loaded, so the file can go now: deleteOnExit alone left one copy in the
                // temporary folder per JVM that was killed rather than exited (a stopped test fork, an interrupted run).
                // File.delete does not throw: a file that cannot go must not turn a loaded library into "unavailable".
                tmp.toFile().delete();
            }
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            return false;
        }
    }
}
