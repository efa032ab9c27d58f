package org.livercast.pathology.tiff;

/**
 * libjpeg-turbo through a small JNI bridge (src/main/c), when it was built and loads: the decoder OpenSlide uses, so
 * pixels are the same and decoding is several times faster than the JDK's IJG libjpeg. Absent or disabled
 * ({@code -Dlivercast.turbojpeg=false}), {@link TileCodecs} uses the JDK decoder.
 */
final class TurboJpeg {
    private static final boolean AVAILABLE = NativeBridge.load("turbojpeg");

    private TurboJpeg() {}

    static boolean available() { return AVAILABLE; }

    /** @return 0 decoded; 1 size mismatch; 2 corrupt stream; 3 out of memory */
    static native int decode(byte[] jpeg, int length, int[] out, int width, int height);

    /** Decodes at 1/{@code denominator} (2, 4 or 8); {@code width} × {@code height} is the scaled size (rounded up). Same codes. */
    static native int decodeScaled(byte[] jpeg, int length, int[] out, int width, int height, int denominator);

    /** libjpeg-turbo's words for this thread's last failed decode (code 2 or 3), e.g. "Premature end of JPEG file". */
    static native String lastError();

    /** Why a decode of {@code what} at {@code where} failed with {@code code} (2 or 3), in libjpeg-turbo's words. */
    static String failure(String where, String what, int code) {
        String why = lastError();
        String words = why == null || why.isBlank() ? "" : ": " + why;
        return code == 3 ? where + ": out of memory decoding " + what + words : where + ": corrupt " + what + words;
    }
}
