/*
 * JNI bridge to OpenJPEG (the decoder OpenSlide uses for Aperio's JPEG 2000 tiles): decodes one raw codestream of
 * three 8-bit components into a Java int[] of packed components (c0 << 16 | c1 << 8 | c2), a subsampled component
 * repeated over the pixels it covers; the caller converts YCbCr. Returns 0 on success, 1 when the size does not match,
 * 2 when the codestream is corrupt, 3 when memory is short, 4 when it does not hold three 8-bit components.
 */
#include <jni.h>
#include <string.h>
#include <openjpeg.h>

typedef struct {
    const unsigned char *data;
    OPJ_SIZE_T length;
    OPJ_SIZE_T position;
} memory;

static OPJ_SIZE_T read_bytes(void *buffer, OPJ_SIZE_T n, void *user) {
    memory *m = (memory *) user;
    if (m->position >= m->length) return (OPJ_SIZE_T) -1;
    OPJ_SIZE_T k = m->length - m->position < n ? m->length - m->position : n;
    memcpy(buffer, m->data + m->position, k);
    m->position += k;
    return k;
}

static OPJ_OFF_T skip_bytes(OPJ_OFF_T n, void *user) {
    memory *m = (memory *) user;
    if (n < 0) {
        if ((OPJ_SIZE_T) -n > m->position) return -1;
        m->position -= (OPJ_SIZE_T) -n;
        return n;
    }
    OPJ_SIZE_T k = m->length - m->position < (OPJ_SIZE_T) n ? m->length - m->position : (OPJ_SIZE_T) n;
    m->position += k;
    return (OPJ_OFF_T) k;
}

static OPJ_BOOL seek_to(OPJ_OFF_T p, void *user) {
    memory *m = (memory *) user;
    if (p < 0 || (OPJ_SIZE_T) p > m->length) return OPJ_FALSE;
    m->position = (OPJ_SIZE_T) p;
    return OPJ_TRUE;
}

static void quiet(const char *message, void *user) {
    (void) message;
    (void) user;
}

JNIEXPORT jint JNICALL Java_org_livercast_pathology_tiff_OpenJpeg_decode(JNIEnv *env, jclass cls, jbyteArray codestream,
                                                                         jint length, jintArray out, jint width, jint height) {
    (void) cls;
    jbyte *src = (*env)->GetByteArrayElements(env, codestream, NULL);
    if (src == NULL) return 3;
    memory m = {(const unsigned char *) src, (OPJ_SIZE_T) length, 0};
    jint rc = 0;
    opj_image_t *image = NULL;
    opj_codec_t *codec = opj_create_decompress(OPJ_CODEC_J2K);
    opj_stream_t *stream = opj_stream_create(1 << 16, OPJ_TRUE);
    if (codec == NULL || stream == NULL) {
        rc = 3;
        goto done;
    }
    opj_stream_set_user_data(stream, &m, NULL);
    opj_stream_set_user_data_length(stream, (OPJ_UINT64) length);
    opj_stream_set_read_function(stream, read_bytes);
    opj_stream_set_skip_function(stream, skip_bytes);
    opj_stream_set_seek_function(stream, seek_to);
    opj_set_error_handler(codec, quiet, NULL);
    opj_set_warning_handler(codec, quiet, NULL);
    opj_set_info_handler(codec, quiet, NULL);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec, &parameters) || !opj_read_header(stream, codec, &image) || !opj_decode(codec, stream, image)
            || !opj_end_decompress(codec, stream)) {
        rc = 2;
        goto done;
    }
    if (image->numcomps != 3) {
        rc = 4;
        goto done;
    }
    if ((jint) image->comps[0].w != width || (jint) image->comps[0].h != height) {
        rc = 1;
        goto done;
    }
    for (int c = 0; c < 3; c++) {
        opj_image_comp_t *k = &image->comps[c];
        if (k->prec != 8 || k->sgnd || k->dx < 1 || k->dy < 1 || k->data == NULL
                || (jint) k->w != (width + (jint) k->dx - 1) / (jint) k->dx || (jint) k->h != (height + (jint) k->dy - 1) / (jint) k->dy) {
            rc = 4;
            goto done;
        }
    }
    jint *dst = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    if (dst == NULL) {
        rc = 3;
        goto done;
    }
    /* A subsampled component (Aperio's 4:2:2 chroma) is repeated over the pixels it covers, as OpenSlide does. */
    opj_image_comp_t *k0 = &image->comps[0], *k1 = &image->comps[1], *k2 = &image->comps[2];
    for (jint y = 0; y < height; y++) {
        const OPJ_INT32 *r0 = k0->data + (y / k0->dy) * k0->w;
        const OPJ_INT32 *r1 = k1->data + (y / k1->dy) * k1->w;
        const OPJ_INT32 *r2 = k2->data + (y / k2->dy) * k2->w;
        for (jint x = 0; x < width; x++) {
            OPJ_INT32 v0 = r0[x / k0->dx], v1 = r1[x / k1->dx], v2 = r2[x / k2->dx];
            int a = v0 < 0 ? 0 : v0 > 255 ? 255 : v0;
            int b = v1 < 0 ? 0 : v1 > 255 ? 255 : v1;
            int d = v2 < 0 ? 0 : v2 > 255 ? 255 : v2;
            dst[y * width + x] = a << 16 | b << 8 | d;
        }
    }
    (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
done:
    if (image != NULL) opj_image_destroy(image);
    if (stream != NULL) opj_stream_destroy(stream);
    if (codec != NULL) opj_destroy_codec(codec);
    (*env)->ReleaseByteArrayElements(env, codestream, src, JNI_ABORT);
    return rc;
}
