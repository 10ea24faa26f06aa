/* The libvips calls themselves, each through the pointers of libvips_api.h; callers
   have run gv_init first (the Swift side does, in VipsLibrary.start). */
#include "CVipsShim.h"
#include "libvips_api.h"
#include "png_on_white.h"
#include "box_shrink.h"
#include <stdlib.h>
#include <string.h>

const char *gv_version(void) { return api.vips_version_string(); }

char *gv_error_take(void) {
    const char *text = api.vips_error_buffer();
    if (!text || !*text) return NULL;
    return api.vips_error_buffer_copy(); /* copies and clears */
}

void gv_error_clear(void) { api.vips_error_clear(); }
void gv_free(void *p) { api.g_free(p); }

/* sRGB, alpha flattened onto white, 3 bands of uchar. Consumes nothing: the caller
   keeps its reference to in; *out is a new reference. */
static int to_rgb(VipsImage *in, VipsImage **out) {
    VipsImage *t[3] = {0};
    VipsImage *cur = in;
    int rc = -1;
    if (api.vips_colourspace(cur, &t[0], VIPS_INTERPRETATION_sRGB, NULL)) goto done;
    cur = t[0];
    if (api.vips_image_hasalpha(cur)) {
        double white[3] = {255, 255, 255};
        VipsArrayDouble *background = api.vips_array_double_new(white, 3);
        int failed = api.vips_flatten(cur, &t[1], "background", background, NULL);
        api.vips_area_unref(VIPS_AREA(background));
        if (failed) goto done;
        cur = t[1];
    }
    if (cur->Bands > 3) {
        if (api.vips_extract_band(cur, &t[2], 0, "n", 3, NULL)) goto done;
        cur = t[2];
    }
    if (api.vips_cast_uchar(cur, out, NULL)) goto done;
    rc = 0;
done:
    for (int i = 0; i < 3; i++) if (t[i]) api.g_object_unref(t[i]);
    return rc;
}

/* thumb is short_side x short_side already; crops the centre and renders it. */
static int finish(VipsImage *thumb, int crop, uint8_t **pixels, size_t *length) {
    VipsImage *rgb = NULL, *area = NULL;
    int rc = -1;
    if (to_rgb(thumb, &rgb)) goto done;
    int left = (api.vips_image_get_width(rgb) - crop) / 2;
    int top = (api.vips_image_get_height(rgb) - crop) / 2;
    if (left < 0 || top < 0) { api.vips_error("glimpse", "image is smaller than the %d x %d crop", crop, crop); goto done; }
    if (api.vips_extract_area(rgb, &area, left, top, crop, crop, NULL)) goto done;
    size_t n = 0;
    void *memory = api.vips_image_write_to_memory(area, &n); /* decodes here: errors surface here */
    if (!memory) goto done;
    *pixels = memory;
    *length = n;
    rc = 0;
done:
    if (area) api.g_object_unref(area);
    if (rgb) api.g_object_unref(rgb);
    return rc;
}

/* vips_thumbnail with height == width and crop centre resizes the short side to
   short_side and cuts the long side to the middle: the standard ImageNet
   "resize 256, centre crop" without a second resampling. */
int gv_preprocess_file(const char *path, int short_side, int crop, uint8_t **pixels, size_t *length) {
    VipsImage *thumb = NULL;
    if (api.vips_thumbnail(path, &thumb, short_side, "height", short_side, "crop", VIPS_INTERESTING_CENTRE,
                           "size", VIPS_SIZE_BOTH, "fail_on", VIPS_FAIL_ON_ERROR, NULL))
        return -1;
    int rc = finish(thumb, crop, pixels, length);
    api.g_object_unref(thumb);
    return rc;
}

int gv_preprocess_buffer(const void *data, size_t size, int short_side, int crop, uint8_t **pixels, size_t *length) {
    VipsImage *thumb = NULL;
    if (api.vips_thumbnail_buffer((void *)data, size, &thumb, short_side, "height", short_side,
                                  "crop", VIPS_INTERESTING_CENTRE, "size", VIPS_SIZE_BOTH,
                                  "fail_on", VIPS_FAIL_ON_ERROR, NULL))
        return -1;
    int rc = finish(thumb, crop, pixels, length);
    api.g_object_unref(thumb);
    return rc;
}

/* The image upright, as 8-bit sRGB flattened onto white and box-shrunk by
   gv_box_factor (box_shrink.h), in memory: the PNG reader's bytes when it takes the
   file (png_on_white.c), else libvips' decoding followed by the same flattening and
   shrink. *owned is the buffer the image points into: free it after the image. */
static VipsImage *png_on_white(const char *path, const uint8_t *file, size_t size, int side, int reader,
                               uint8_t **owned) {
    uint8_t *rgb = NULL;
    int width = 0, height = 0;
    *owned = NULL;
    if (reader == GV_PNG_READER_LIBVIPS ||
        gv_png_on_white(file, size, reader == GV_PNG_READER_OWN, side, &rgb, &width, &height) != 0) {
        VipsImage *loaded = NULL, *upright = NULL, *flat = NULL;
        VipsRegion *region = NULL;
        int orientation = 1;
        loaded = api.vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
        if (loaded && api.vips_image_get_typeof(loaded, VIPS_META_ORIENTATION) &&
            !api.vips_image_get_int(loaded, VIPS_META_ORIENTATION, &orientation) && orientation != 1) {
            /* Turning needs the whole image: read it at once, as vips_thumbnail does. */
            api.g_object_unref(loaded);
            loaded = api.vips_image_new_from_file(path, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
        }
        GVBoxShrink box;
        if (loaded && !api.vips_autorot(loaded, &upright, NULL) && !to_rgb(upright, &flat) &&
            (region = api.vips_region_new(flat)) &&
            gv_box_start(&box, flat->Xsize, flat->Ysize, gv_box_factor(flat->Xsize, flat->Ysize, side)) == 0) {
            /* Strips top to bottom, decoded as they are asked for: errors surface here. */
            int ok = 1;
            for (int top = 0; ok && top < flat->Ysize; top += 16) {
                VipsRect strip = {0, top, flat->Xsize, flat->Ysize - top < 16 ? flat->Ysize - top : 16};
                if (api.vips_region_prepare(region, &strip)) { ok = 0; break; }
                for (int y = 0; y < strip.height; y++)
                    gv_box_add_row(&box, (const uint8_t *)region->data + (size_t)y * region->bpl);
            }
            gv_box_finish(&box);
            if (ok) {
                rgb = box.out;
                width = box.out_width;
                height = box.out_height;
            } else {
                free(box.out);
            }
        }
        if (region) api.g_object_unref(region);
        if (flat) api.g_object_unref(flat);
        if (upright) api.g_object_unref(upright);
        if (loaded) api.g_object_unref(loaded);
        if (!rgb) return NULL;
    }
    VipsImage *image = api.vips_image_new_from_memory(rgb, (size_t)width * height * 3, width, height, 3,
                                                      VIPS_FORMAT_UCHAR);
    if (!image) { free(rgb); return NULL; }
    image->Type = VIPS_INTERPRETATION_sRGB;
    *owned = rgb;
    return image;
}

static int is_png(const uint8_t *file, size_t size) {
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    return size >= 8 && memcmp(file, signature, 8) == 0;
}

int gv_png_reader_takes(const char *path) {
    if (!api.g_mapped_file_new) return 0; /* libvips (and GLib with it) not loaded yet */
    GMappedFile *mapped = api.g_mapped_file_new(path, FALSE, NULL);
    if (!mapped) return 0;
    uint8_t *rgb = NULL;
    int width = 0, height = 0;
    int taken = gv_png_on_white((const uint8_t *)api.g_mapped_file_get_contents(mapped),
                                api.g_mapped_file_get_length(mapped), 1, 224, &rgb, &width, &height) == 0;
    free(rgb);
    api.g_mapped_file_unref(mapped);
    return taken;
}

int gv_fit_file(const char *path, int side, int png_reader, uint8_t **pixels, size_t *length) {
    VipsImage *thumb = NULL, *rgb = NULL, *square = NULL;
    uint8_t *owned = NULL;
    int rc = -1;
    GMappedFile *mapped = api.g_mapped_file_new(path, FALSE, NULL);
    const uint8_t *file = mapped ? (const uint8_t *)api.g_mapped_file_get_contents(mapped) : NULL;
    size_t size = mapped ? api.g_mapped_file_get_length(mapped) : 0;
    if (file && is_png(file, size)) {
        /* Flattened before shrinking, in 8 bits (a shrink of the colours with white
           behind them, not premultiplied), box-shrunk while decoding as a JPEG is,
           then the rest of the way by vips_thumbnail's Lanczos resize. */
        VipsImage *flat = png_on_white(path, file, size, side, png_reader, &owned);
        VipsImage *shrunk = NULL;
        /* Marked as read top to bottom, as a sequential load would be: vips_resize
           then keeps the rows it has shrunk in a cache instead of shrinking them
           again for each tile (four times faster here). Both readers' images are
           marked, so they resize alike. */
        if (flat) api.vips_image_set_int(flat, VIPS_META_SEQUENTIAL, 1);
        if (flat && !api.vips_thumbnail_image(flat, &shrunk, side, "height", side, "size", VIPS_SIZE_BOTH,
                                              "no_rotate", TRUE, NULL)) {
            /* Rendered once here: read in the small tiles of the steps below, a
               pipeline on an image in memory would shrink its source again for each. */
            thumb = api.vips_image_copy_memory(shrunk);
            api.g_object_unref(shrunk);
        }
        if (flat) api.g_object_unref(flat);
    } else if (api.vips_thumbnail(path, &thumb, side, "height", side, "size", VIPS_SIZE_BOTH,
                                  "fail_on", VIPS_FAIL_ON_ERROR, NULL)) {
        thumb = NULL;
    }
    if (mapped) api.g_mapped_file_unref(mapped);
    if (!thumb) goto done;
    if (to_rgb(thumb, &rgb)) goto done;
    double white[3] = {255, 255, 255};
    VipsArrayDouble *background = api.vips_array_double_new(white, 3);
    int failed = api.vips_gravity(rgb, &square, VIPS_COMPASS_DIRECTION_CENTRE, side, side,
                                  "extend", VIPS_EXTEND_BACKGROUND, "background", background, NULL);
    api.vips_area_unref(VIPS_AREA(background));
    if (failed) goto done;
    size_t n = 0;
    void *memory = api.vips_image_write_to_memory(square, &n);
    if (!memory) goto done;
    *pixels = memory;
    *length = n;
    rc = 0;
done:
    if (square) api.g_object_unref(square);
    if (rgb) api.g_object_unref(rgb);
    if (thumb) api.g_object_unref(thumb);
    free(owned);
    return rc;
}

int gv_decode_file(const char *path, uint8_t **pixels, size_t *length, int *width, int *height) {
    VipsImage *image = api.vips_image_new_from_file(path, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
    VipsImage *rgb = NULL;
    int rc = -1;
    if (!image) return -1;
    if (to_rgb(image, &rgb)) goto done;
    size_t n = 0;
    void *memory = api.vips_image_write_to_memory(rgb, &n);
    if (!memory) goto done;
    *pixels = memory;
    *length = n;
    *width = api.vips_image_get_width(rgb);
    *height = api.vips_image_get_height(rgb);
    rc = 0;
done:
    if (rgb) api.g_object_unref(rgb);
    api.g_object_unref(image);
    return rc;
}

int gv_thumbnail_encode(const char *path, int size, const char *suffix, void **buffer, size_t *length) {
    VipsImage *thumb = NULL, *flat = NULL, *source;
    if (api.vips_thumbnail(path, &thumb, size, "height", size, "fail_on", VIPS_FAIL_ON_ERROR, NULL)) return -1;
    source = thumb;
    /* JPEG has no alpha: without flattening, transparent clip art turns black. */
    if ((strstr(suffix, ".jp") || strstr(suffix, ".JP")) && api.vips_image_hasalpha(thumb)) {
        if (to_rgb(thumb, &flat)) { api.g_object_unref(thumb); return -1; }
        source = flat;
    }
    int rc = api.vips_image_write_to_buffer(source, suffix, buffer, length, NULL) ? -1 : 0;
    if (flat) api.g_object_unref(flat);
    api.g_object_unref(thumb);
    return rc;
}

int gv_save_pixels(const uint8_t *pixels, int width, int height, int bands, const char *path) {
    VipsImage *image = api.vips_image_new_from_memory_copy(pixels, (size_t)width * height * bands, width, height,
                                                           bands, VIPS_FORMAT_UCHAR);
    if (!image) return -1;
    if (bands >= 3) image->Type = VIPS_INTERPRETATION_sRGB;
    else image->Type = VIPS_INTERPRETATION_B_W;
    int rc = api.vips_image_write_to_file(image, path, NULL) ? -1 : 0;
    api.g_object_unref(image);
    return rc;
}

char *gv_sha256_file(const char *path) {
    gchar *contents = NULL;
    gsize size = 0;
    GMappedFile *mapped = api.g_mapped_file_new(path, FALSE, NULL);
    if (!mapped) return NULL;
    contents = api.g_mapped_file_get_contents(mapped);
    size = api.g_mapped_file_get_length(mapped);
    /* An empty file maps to NULL contents; its digest is still well defined. */
    gchar *digest = api.g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)(contents ? contents : ""), size);
    api.g_mapped_file_unref(mapped);
    return digest;
}
