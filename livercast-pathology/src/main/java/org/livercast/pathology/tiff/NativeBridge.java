package org.livercast.pathology.tiff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Loads one of the optional native bridges built from src/main/c into the jar's native/ folder. */
final class NativeBridge {
    private NativeBridge() {}

    /**
     * Loads liblivercast_NAME.so unless {@code -Dlivercast.NAME=false}; false when it was not built or does not load
     * (then the caller uses its Java decoder).
     */
    static boolean load(String name) {
        if ("false".equals(System.getProperty("livercast." + name))) return false;
        String file = "liblivercast_" + name + ".so";
        try (InputStream in = NativeBridge.class.getResourceAsStream("/native/" + file)) {
            if (in == null) return false;
            Path tmp = Files.createTempFile("liblivercast_" + name, ".so");
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
