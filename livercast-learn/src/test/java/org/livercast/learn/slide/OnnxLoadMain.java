package org.livercast.learn.slide;

import java.nio.file.Path;

/** Loads an ONNX tile encoder and exits: run in a JVM of its own by {@link OnnxTileEncoderTest} to see what it leaves behind. */
public final class OnnxLoadMain {
    private OnnxLoadMain() {}

    public static void main(String[] args) throws Exception {
        try (OnnxTileEncoder e = OnnxTileEncoder.load(Path.of(args[0]), 64)) {
            System.out.println(e.id());
        }
    }
}
