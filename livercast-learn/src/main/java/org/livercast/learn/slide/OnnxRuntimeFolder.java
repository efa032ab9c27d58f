package org.livercast.learn.slide;

import java.lang.reflect.Field;
import java.nio.file.Path;
import org.livercast.core.io.Folders;

/**
 * ONNX Runtime unpacks its native libraries into a new {@code onnxruntime-java*} folder of the temporary directory in
 * every JVM that uses it, and deletes the libraries on exit but not the folder: one test run left 73 empty folders in
 * /tmp. The folder (a private field of {@code ai.onnxruntime.OnnxRuntime}) is deleted when this JVM exits.
 */
final class OnnxRuntimeFolder {
    private static boolean registered;

    private OnnxRuntimeFolder() {}

    /** Once ONNX Runtime is loaded (after {@code OrtEnvironment.getEnvironment()}); an ONNX Runtime without the field keeps its folder, as before. */
    static synchronized void deleteOnExit() {
        if (registered) return;
        registered = true;
        try {
            Field f = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            f.setAccessible(true);
            if (f.get(null) instanceof Path dir && dir.getFileName().toString().startsWith("onnxruntime-java")) Folders.deleteTreeOnExit(dir);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Another version of ONNX Runtime: nothing to clean, or not where this looks.
        }
    }
}
