#ifndef CVIPSSHIM_H
#define CVIPSSHIM_H
/* Non-variadic wrappers around the libvips calls Glimpse uses: Swift cannot call
   C variadic functions such as vips_thumbnail(path, &out, width, "height", ..., NULL).
   All functions return 0 on success and -1 on failure; the failure's text is then
   in libvips' error buffer (take it with gv_error_take).

   libvips itself is opened with dlopen by gv_init, not linked: a process that never
   touches an image never loads it. Every other function here needs gv_init to have
   returned 0. */
#include <stddef.h>
#include <stdint.h>

/* Loads and starts libvips once per process (thread-safe); later calls return the
   first result: 0, or -1 with the reason in gv_init_failure. GLIMPSE_LIBVIPS names the
   library file to load instead of libvips.so.42. */
int gv_init(void);

/* Why gv_init failed (the dlopen error, a missing function, an ABI mismatch or
   libvips' own start-up error), or "" when it succeeded. */
const char *gv_init_failure(void);

/* Decodes an image file (PNG, JPEG, WebP, GIF, TIFF, ...; truncated or corrupt data
   is an error, not a partly grey image), resizes it so its short side is short_side
   with shrink-on-load, centre-crops crop x crop, converts to sRGB, flattens alpha onto
   white and returns crop*crop*3 bytes, RGB interleaved (HWC), in *pixels (free with
   gv_free). */
int gv_preprocess_file(const char *path, int short_side, int crop, uint8_t **pixels, size_t *length);
int gv_preprocess_buffer(const void *data, size_t size, int short_side, int crop, uint8_t **pixels, size_t *length);

/* How gv_fit_file decodes a PNG: its own reader where it can (png_on_white.c), with
   libdeflate or with zlib, or libvips alone. The bytes are the same either way. */
enum { GV_PNG_READER_OWN = 0, GV_PNG_READER_OWN_ZLIB = 1, GV_PNG_READER_LIBVIPS = 2 };

/* The whole image scaled to fit in side x side and centred on a white square (the
   letterbox framing of the baseline evaluation): nothing is cut off. Same output as
   gv_preprocess_file. A PNG is flattened onto white before it is shrunk (8-bit,
   straight colours; png_reader says how it is decoded); other formats are shrunk
   by vips_thumbnail (premultiplied, JPEGs while decoding) and then flattened. */
int gv_fit_file(const char *path, int side, int png_reader, uint8_t **pixels, size_t *length);

/* 1 when Glimpse's own PNG reader decodes the file at path (rather than leaving it to
   libvips), else 0; for tests, which compare the two. */
int gv_png_reader_takes(const char *path);

/* Decodes an image file into its whole frame as sRGB bytes with alpha flattened onto
   white: *width x *height x 3 bytes in *pixels (free with gv_free). */
int gv_decode_file(const char *path, uint8_t **pixels, size_t *length, int *width, int *height);

/* A thumbnail whose longer side is at most size, encoded with a libvips format
   suffix (".png", ".webp[Q=80]", ".jpg[Q=85]"); alpha is flattened onto white for
   formats without it. *buffer is freed with gv_free. */
int gv_thumbnail_encode(const char *path, int size, const char *suffix, void **buffer, size_t *length);

/* Encodes width x height x bands bytes (bands 1, 3 or 4) to a file whose suffix
   picks the format; used to write test images. */
int gv_save_pixels(const uint8_t *pixels, int width, int height, int bands, const char *path);

/* Takes (copies and clears) libvips' error text, or NULL when empty; free with gv_free. */
char *gv_error_take(void);
void gv_error_clear(void);
void gv_free(void *p);

/* sha256 of a file's bytes as 64 lowercase hex digits (glib's GChecksum), or NULL
   when the file cannot be read. Free with gv_free. */
char *gv_sha256_file(const char *path);

/* What an image file's header says, read without decoding its pixels (probe.c). */
typedef struct GVImageHeader {
    int width, height;
    /* EXIF orientation 1-8; 1 when the file has none. */
    int orientation;
    /* EXIF Make, Model and DateTimeOriginal as text, without libvips' "(..., ASCII, n components)"
       suffix; NULL when absent. */
    char *make, *model, *taken;
    /* The raw XMP packet and IPTC block, NULL when absent. */
    char *xmp;
    size_t xmp_length;
    char *iptc;
    size_t iptc_length;
} GVImageHeader;

/* Fills *header from the file's header (libvips reads headers lazily: no pixels are decoded);
   free its strings with gv_header_clear. */
int gv_read_header(const char *path, GVImageHeader *header);
void gv_header_clear(GVImageHeader *header);

/* The libvips version, e.g. "8.14.1". */
const char *gv_version(void);
#endif
