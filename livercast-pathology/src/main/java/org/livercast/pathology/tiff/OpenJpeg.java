package org.livercast.pathology.tiff;

/**
 * OpenJPEG through a small JNI bridge (src/main/c), when it was built and loads: the JPEG 2000 decoder OpenSlide uses
 * for Aperio's tiles, faster than jai-imageio's pure-Java one. Absent or disabled ({@code -Dlivercast.openjpeg=false}),
 * {@link Jpeg2000Tiles} uses jai-imageio.
 */
final class OpenJpeg {
    private static final boolean AVAILABLE = NativeBridge.load("openjpeg");

    private OpenJpeg() {}

    static boolean available() { return AVAILABLE; }

    /**
     * Decodes a raw codestream of three 8-bit components into {@code out} as packed components, a subsampled component
     * repeated over the pixels it covers.
     *
     * @return 0 decoded; 1 size mismatch; 2 corrupt codestream; 3 out of memory; 4 not three 8-bit components of the tile's size
     */
    static native int decode(byte[] codestream, int length, int[] out, int width, int height);
}
