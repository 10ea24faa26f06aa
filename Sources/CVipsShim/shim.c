#include "CVipsShim.h"
#include <vips/vips.h>
#include <string.h>

static GOnce once = G_ONCE_INIT;

static void drop_message(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain; (void)level; (void)message; (void)data;
}

static gpointer start(gpointer unused) {
    (void)unused;
    if (VIPS_INIT("glimpse")) return GINT_TO_POINTER(-1);
    /* Failures reach Swift as errors with libvips' text; the extra warnings libvips
       prints for the same damaged file ("error in tile 0 x 168") are only noise on
       stderr. GLIMPSE_VIPS_WARNINGS=1 keeps them for debugging. */
    if (!g_getenv("GLIMPSE_VIPS_WARNINGS"))
        g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, drop_message, NULL);
    /* The operation cache keys on file names: a file changed in place would give
       the old pixels, and a batch over thousands of files never hits it anyway. */
    vips_cache_set_max(0);
    /* Glimpse decodes several images in parallel itself; libvips' own worker
       threads per image would only compete with those and with ONNX Runtime. */
    vips_concurrency_set(1);
    return GINT_TO_POINTER(0);
}

int gv_init(void) { return GPOINTER_TO_INT(g_once(&once, start, NULL)); }

const char *gv_version(void) { return vips_version_string(); }

char *gv_error_take(void) {
    const char *text = vips_error_buffer();
    if (!text || !*text) return NULL;
    return vips_error_buffer_copy(); /* copies and clears */
}

void gv_error_clear(void) { vips_error_clear(); }
void gv_free(void *p) { g_free(p); }

/* sRGB, alpha flattened onto white, 3 bands of uchar. Consumes nothing: the caller
   keeps its reference to in; *out is a new reference. */
static int to_rgb(VipsImage *in, VipsImage **out) {
    VipsImage *t[3] = {0};
    VipsImage *cur = in;
    int rc = -1;
    if (vips_colourspace(cur, &t[0], VIPS_INTERPRETATION_sRGB, NULL)) goto done;
    cur = t[0];
    if (vips_image_hasalpha(cur)) {
        double white[3] = {255, 255, 255};
        VipsArrayDouble *background = vips_array_double_new(white, 3);
        int failed = vips_flatten(cur, &t[1], "background", background, NULL);
        vips_area_unref(VIPS_AREA(background));
        if (failed) goto done;
        cur = t[1];
    }
    if (cur->Bands > 3) {
        if (vips_extract_band(cur, &t[2], 0, "n", 3, NULL)) goto done;
        cur = t[2];
    }
    if (vips_cast_uchar(cur, out, NULL)) goto done;
    rc = 0;
done:
    for (int i = 0; i < 3; i++) if (t[i]) g_object_unref(t[i]);
    return rc;
}

/* thumb is short_side x short_side already; crops the centre and renders it. */
static int finish(VipsImage *thumb, int crop, uint8_t **pixels, size_t *length) {
    VipsImage *rgb = NULL, *area = NULL;
    int rc = -1;
    if (to_rgb(thumb, &rgb)) goto done;
    int left = (vips_image_get_width(rgb) - crop) / 2;
    int top = (vips_image_get_height(rgb) - crop) / 2;
    if (left < 0 || top < 0) { vips_error("glimpse", "image is smaller than the %d x %d crop", crop, crop); goto done; }
    if (vips_extract_area(rgb, &area, left, top, crop, crop, NULL)) goto done;
    size_t n = 0;
    void *memory = vips_image_write_to_memory(area, &n); /* decodes here: errors surface here */
    if (!memory) goto done;
    *pixels = memory;
    *length = n;
    rc = 0;
done:
    if (area) g_object_unref(area);
    if (rgb) g_object_unref(rgb);
    return rc;
}

/* vips_thumbnail with height == width and crop centre resizes the short side to
   short_side and cuts the long side to the middle: the standard ImageNet
   "resize 256, centre crop" without a second resampling. */
int gv_preprocess_file(const char *path, int short_side, int crop, uint8_t **pixels, size_t *length) {
    VipsImage *thumb = NULL;
    if (vips_thumbnail(path, &thumb, short_side, "height", short_side, "crop", VIPS_INTERESTING_CENTRE,
                       "size", VIPS_SIZE_BOTH, "fail_on", VIPS_FAIL_ON_ERROR, NULL))
        return -1;
    int rc = finish(thumb, crop, pixels, length);
    g_object_unref(thumb);
    return rc;
}

int gv_preprocess_buffer(const void *data, size_t size, int short_side, int crop, uint8_t **pixels, size_t *length) {
    VipsImage *thumb = NULL;
    if (vips_thumbnail_buffer((void *)data, size, &thumb, short_side, "height", short_side,
                              "crop", VIPS_INTERESTING_CENTRE, "size", VIPS_SIZE_BOTH,
                              "fail_on", VIPS_FAIL_ON_ERROR, NULL))
        return -1;
    int rc = finish(thumb, crop, pixels, length);
    g_object_unref(thumb);
    return rc;
}

int gv_fit_file(const char *path, int side, uint8_t **pixels, size_t *length) {
    VipsImage *thumb = NULL, *rgb = NULL, *square = NULL;
    int rc = -1;
    if (vips_thumbnail(path, &thumb, side, "height", side, "size", VIPS_SIZE_BOTH,
                       "fail_on", VIPS_FAIL_ON_ERROR, NULL))
        return -1;
    if (to_rgb(thumb, &rgb)) goto done;
    double white[3] = {255, 255, 255};
    VipsArrayDouble *background = vips_array_double_new(white, 3);
    int failed = vips_gravity(rgb, &square, VIPS_COMPASS_DIRECTION_CENTRE, side, side,
                              "extend", VIPS_EXTEND_BACKGROUND, "background", background, NULL);
    vips_area_unref(VIPS_AREA(background));
    if (failed) goto done;
    size_t n = 0;
    void *memory = vips_image_write_to_memory(square, &n);
    if (!memory) goto done;
    *pixels = memory;
    *length = n;
    rc = 0;
done:
    if (square) g_object_unref(square);
    if (rgb) g_object_unref(rgb);
    g_object_unref(thumb);
    return rc;
}

int gv_decode_file(const char *path, uint8_t **pixels, size_t *length, int *width, int *height) {
    VipsImage *image = vips_image_new_from_file(path, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
    VipsImage *rgb = NULL;
    int rc = -1;
    if (!image) return -1;
    if (to_rgb(image, &rgb)) goto done;
    size_t n = 0;
    void *memory = vips_image_write_to_memory(rgb, &n);
    if (!memory) goto done;
    *pixels = memory;
    *length = n;
    *width = vips_image_get_width(rgb);
    *height = vips_image_get_height(rgb);
    rc = 0;
done:
    if (rgb) g_object_unref(rgb);
    g_object_unref(image);
    return rc;
}

int gv_thumbnail_encode(const char *path, int size, const char *suffix, void **buffer, size_t *length) {
    VipsImage *thumb = NULL, *flat = NULL, *source;
    if (vips_thumbnail(path, &thumb, size, "height", size, "fail_on", VIPS_FAIL_ON_ERROR, NULL)) return -1;
    source = thumb;
    /* JPEG has no alpha: without flattening, transparent clip art turns black. */
    if ((strstr(suffix, ".jp") || strstr(suffix, ".JP")) && vips_image_hasalpha(thumb)) {
        if (to_rgb(thumb, &flat)) { g_object_unref(thumb); return -1; }
        source = flat;
    }
    int rc = vips_image_write_to_buffer(source, suffix, buffer, length, NULL) ? -1 : 0;
    if (flat) g_object_unref(flat);
    g_object_unref(thumb);
    return rc;
}

int gv_save_pixels(const uint8_t *pixels, int width, int height, int bands, const char *path) {
    VipsImage *image = vips_image_new_from_memory_copy(pixels, (size_t)width * height * bands, width, height,
                                                       bands, VIPS_FORMAT_UCHAR);
    if (!image) return -1;
    if (bands >= 3) image->Type = VIPS_INTERPRETATION_sRGB;
    else image->Type = VIPS_INTERPRETATION_B_W;
    int rc = vips_image_write_to_file(image, path, NULL) ? -1 : 0;
    g_object_unref(image);
    return rc;
}

char *gv_sha256_file(const char *path) {
    gchar *contents = NULL;
    gsize size = 0;
    GMappedFile *mapped = g_mapped_file_new(path, FALSE, NULL);
    if (!mapped) return NULL;
    contents = g_mapped_file_get_contents(mapped);
    size = g_mapped_file_get_length(mapped);
    /* An empty file maps to NULL contents; its digest is still well defined. */
    gchar *digest = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)(contents ? contents : ""), size);
    g_mapped_file_unref(mapped);
    return digest;
}
