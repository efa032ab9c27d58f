/*
 * JNI bridge to libjpeg-turbo's TurboJPEG API: decodes one complete JPEG stream (tables already spliced in) into a
 * Java int[] of packed RGB (0x00RRGGBB). One TurboJPEG handle per thread. Returns 0 on success, 1 when the size does
 * not match, 2 when the stream is corrupt, 3 when memory is short.
 */
#include <jni.h>
#include <stdio.h>
#include <turbojpeg.h>

static __thread tjhandle handle = NULL;
/* libjpeg's own words for this thread's last failure ("Premature end of JPEG file", "Bogus marker length"), kept so the
 * Java side can name them beside the tile. */
static __thread char last_error[256];

/* A handle that failed on a corrupt stream can keep the broken decoder state (the next, valid tile then reports
 * "Unsupported marker"), so it is thrown away and the next call starts afresh. */
static jint fail(jint code) {
    const char *why = tjGetErrorStr2(handle);
    snprintf(last_error, sizeof last_error, "%s", why == NULL ? "" : why);
    if (handle != NULL) {
        tjDestroy(handle);
        handle = NULL;
    }
    return code;
}

/* Decodes at 1/denominator (1: full size); width and height are the output's size, which must be the stream's scaled
 * as libjpeg scales it (rounded up). Asked for that size, TurboJPEG picks the scaling factor that gives it. */
static jint decode(JNIEnv *env, jbyteArray jpeg, jint length, jintArray out, jint width, jint height, jint denominator) {
    if (handle == NULL) {
        handle = tjInitDecompress();
        if (handle == NULL) return fail(3);
    }
    jbyte *src = (*env)->GetByteArrayElements(env, jpeg, NULL);
    if (src == NULL) return 3;
    int w = 0, h = 0, subsamp = 0, colorspace = 0;
    if (tjDecompressHeader3(handle, (unsigned char *) src, (unsigned long) length, &w, &h, &subsamp, &colorspace) != 0) {
        (*env)->ReleaseByteArrayElements(env, jpeg, src, JNI_ABORT);
        return fail(2);
    }
    if (w <= 0 || h <= 0) {
        /* libjpeg read to the end without a frame header (a stream cut short, or tables only): corrupt, not a size. */
        (*env)->ReleaseByteArrayElements(env, jpeg, src, JNI_ABORT);
        fail(2);
        snprintf(last_error, sizeof last_error, "no frame header (SOF) in the stream: cut short, or tables only");
        return 2;
    }
    tjscalingfactor factor = {1, denominator};
    if (TJSCALED(w, factor) != width || TJSCALED(h, factor) != height) {
        (*env)->ReleaseByteArrayElements(env, jpeg, src, JNI_ABORT);
        return 1;
    }
    jint *dst = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    if (dst == NULL) {
        (*env)->ReleaseByteArrayElements(env, jpeg, src, JNI_ABORT);
        return 3;
    }
    /* BGRX bytes read as a little-endian int give 0xXXRRGGBB. */
    int rc = tjDecompress2(handle, (unsigned char *) src, (unsigned long) length, (unsigned char *) dst, width, width * 4, height,
                           TJPF_BGRX, 0);
    if (rc == 0) {
        int n = width * height;
        for (int i = 0; i < n; i++) dst[i] &= 0x00FFFFFF;
    }
    (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
    (*env)->ReleaseByteArrayElements(env, jpeg, src, JNI_ABORT);
    return rc == 0 ? 0 : fail(2);
}

JNIEXPORT jint JNICALL Java_org_livercast_pathology_tiff_TurboJpeg_decode(JNIEnv *env, jclass cls, jbyteArray jpeg,
                                                                          jint length, jintArray out, jint width, jint height) {
    return decode(env, jpeg, length, out, width, height, 1);
}

/* The stream decoded at 1/denominator of its size by the decoder's scaled inverse DCT (libjpeg's scale_denom, which
 * OpenSlide uses for the levels it adds between a Hamamatsu file's stored ones). */
JNIEXPORT jint JNICALL Java_org_livercast_pathology_tiff_TurboJpeg_decodeScaled(JNIEnv *env, jclass cls, jbyteArray jpeg,
                                                                                jint length, jintArray out, jint width, jint height,
                                                                                jint denominator) {
    return decode(env, jpeg, length, out, width, height, denominator);
}

/* libjpeg-turbo's message for this thread's last failed decode. */
JNIEXPORT jstring JNICALL Java_org_livercast_pathology_tiff_TurboJpeg_lastError(JNIEnv *env, jclass cls) {
    return (*env)->NewStringUTF(env, last_error);
}
