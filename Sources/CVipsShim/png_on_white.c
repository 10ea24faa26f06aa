/* A plain PNG decoded straight to RGB bytes flattened onto white and box-shrunk, without
   libvips.

   libvips reads PNGs through libpng and zlib, then flattens in a pass of its own; for the
   large transparent clip art Glimpse encodes, that decoding was most of the time per
   image. This reader inflates the image data in one call (libdeflate, which libvips
   already brings in; zlib a row at a time for very large images), undoes the row filters
   and writes each row as RGB on white into a box shrink (box_shrink.c) as it goes. The
   rows it gives the shrink are exactly libvips' pngload followed by
   vips_colourspace(sRGB) and vips_flatten onto white (255): palette and tRNS expanded as
   libpng does, grey replicated, and (p * a + 255 * (255 - a)) / 255 in integers, which is
   vips_flatten's arithmetic on 8-bit images (checked on all 65,536 pairs).

   It takes only what it reads the same way as libpng: 8-bit or smaller samples, not
   interlaced, every chunk's CRC right, the image data exactly the expected size, palette
   indices inside the palette, no EXIF (orientation) and no animation. Anything else is
   GV_PNG_NOT_PLAIN: the caller then decodes the file with libvips, which also gives the
   error text for a damaged file. */
#include "png_on_white.h"
#include "box_shrink.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The inflaters, from the zlib and libdeflate that libvips loaded (libdeflate is optional). */
typedef void *(*deflate_alloc_fn)(void);
typedef int (*deflate_zlib_fn)(void *, const void *, size_t, void *, size_t, size_t *);
typedef void (*deflate_free_fn)(void *);

static struct {
    deflate_alloc_fn deflate_alloc;
    deflate_zlib_fn deflate_zlib;
    deflate_free_fn deflate_free;
    __typeof__(&inflateInit_) inflate_init;
    __typeof__(&inflate) inflate;
    __typeof__(&inflateEnd) inflate_end;
    __typeof__(&crc32) crc32;
} inflaters;
static pthread_once_t inflaters_once = PTHREAD_ONCE_INIT;

/* The first of names that dlopen finds (already loaded with libvips, so no cost). */
static void *open_first(const char *const *names) {
    for (; *names; names++) {
        void *handle = dlopen(*names, RTLD_NOW | RTLD_LOCAL);
        if (handle) return handle;
    }
    return NULL;
}

static void find_inflaters(void) {
    /* Looked up in the libraries themselves, not process-wide: another library in the
       process may export a crc32 or inflate of its own. */
    static const char *const zlib_names[] = {"libz.so.1", "libz.1.dylib", "libz.so", "libz.dylib", NULL};
    static const char *const deflate_names[] = {"libdeflate.so.0", "libdeflate.0.dylib", "libdeflate.so", "libdeflate.dylib", NULL};
    void *zlib = open_first(zlib_names), *deflate = open_first(deflate_names);
    if (deflate) {
        inflaters.deflate_alloc = (deflate_alloc_fn)dlsym(deflate, "libdeflate_alloc_decompressor");
        inflaters.deflate_zlib = (deflate_zlib_fn)dlsym(deflate, "libdeflate_zlib_decompress");
        inflaters.deflate_free = (deflate_free_fn)dlsym(deflate, "libdeflate_free_decompressor");
    }
    if (zlib) {
        inflaters.inflate_init = (__typeof__(&inflateInit_))dlsym(zlib, "inflateInit_");
        inflaters.inflate = (__typeof__(&inflate))dlsym(zlib, "inflate");
        inflaters.inflate_end = (__typeof__(&inflateEnd))dlsym(zlib, "inflateEnd");
        inflaters.crc32 = (__typeof__(&crc32))dlsym(zlib, "crc32");
    }
}

/* Images whose filtered rows take more than this are inflated a row at a time (zlib)
   rather than whole (libdeflate, faster): two 20,990 x 29,700 drawings of the demo
   would otherwise hold 2.5 GB each, where libvips' sequential reading holds a few rows. */
#define WHOLE_INFLATE_LIMIT ((size_t)64 << 20)

/* Inflates a zlib stream into exactly `expected` bytes; 0 when it filled them, no more, no less. */
static int inflate_whole(const uint8_t *data, size_t size, uint8_t *out, size_t expected) {
    void *decompressor = inflaters.deflate_alloc();
    if (!decompressor) return -1;
    size_t produced = 0;
    int result = inflaters.deflate_zlib(decompressor, data, size, out, expected, &produced);
    inflaters.deflate_free(decompressor);
    return result == 0 && produced == expected ? 0 : -1; /* 0: LIBDEFLATE_SUCCESS */
}

/* zlib inflating a row at a time. */
typedef struct {
    z_stream stream;
    int started, ended;
} RowInflater;

static int rows_start(RowInflater *z, const uint8_t *data, size_t size) {
    memset(z, 0, sizeof *z);
    if (!inflaters.inflate_init || !inflaters.inflate || !inflaters.inflate_end || size > 0xffffffffu) return -1;
    if (inflaters.inflate_init(&z->stream, ZLIB_VERSION, (int)sizeof(z_stream)) != Z_OK) return -1;
    z->started = 1;
    z->stream.next_in = (Bytef *)data;
    z->stream.avail_in = (uInt)size;
    return 0;
}

/* Fills out[0..length) with the next bytes of the stream; -1 when it ends or breaks first. */
static int rows_next(RowInflater *z, uint8_t *out, size_t length) {
    z->stream.next_out = out;
    z->stream.avail_out = (uInt)length;
    while (z->stream.avail_out > 0) {
        if (z->ended) return -1;
        int result = inflaters.inflate(&z->stream, Z_NO_FLUSH);
        if (result == Z_STREAM_END) z->ended = 1;
        else if (result != Z_OK) return -1;
    }
    return 0;
}

/* 0 when the stream ends (its checksum right) exactly where the rows did. */
static int rows_end(RowInflater *z) {
    uint8_t spare;
    if (!z->ended) {
        z->stream.next_out = &spare;
        z->stream.avail_out = 1;
        if (inflaters.inflate(&z->stream, Z_NO_FLUSH) != Z_STREAM_END || z->stream.avail_out != 1) return -1;
    }
    return 0;
}

static void rows_finish(RowInflater *z) {
    if (z->started) inflaters.inflate_end(&z->stream);
}

static uint32_t big_endian(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int chunk_is(const uint8_t *type, const char *name) { return memcmp(type, name, 4) == 0; }

static uint8_t paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    if (pa <= pb && pa <= pc) return (uint8_t)a;
    return (uint8_t)(pb <= pc ? b : c);
}

/* Undoes one row's filter in place; prior is the row above, already unfiltered (NULL for the first). */
static int unfilter(int type, uint8_t *row, const uint8_t *prior, size_t length, size_t bpp) {
    size_t i;
    switch (type) {
    case 0: return 0;
    case 1:
        for (i = bpp; i < length; i++) row[i] = (uint8_t)(row[i] + row[i - bpp]);
        return 0;
    case 2:
        if (prior) for (i = 0; i < length; i++) row[i] = (uint8_t)(row[i] + prior[i]);
        return 0;
    case 3:
        if (prior) {
            for (i = 0; i < bpp; i++) row[i] = (uint8_t)(row[i] + (prior[i] >> 1));
            for (; i < length; i++) row[i] = (uint8_t)(row[i] + ((row[i - bpp] + prior[i]) >> 1));
        } else {
            for (i = bpp; i < length; i++) row[i] = (uint8_t)(row[i] + (row[i - bpp] >> 1));
        }
        return 0;
    case 4:
        if (prior) {
            for (i = 0; i < bpp; i++) row[i] = (uint8_t)(row[i] + prior[i]);
            for (; i < length; i++) row[i] = (uint8_t)(row[i] + paeth(row[i - bpp], prior[i], prior[i - bpp]));
        } else {
            /* With no row above, Paeth picks the left neighbour: the Sub filter. */
            for (i = bpp; i < length; i++) row[i] = (uint8_t)(row[i] + row[i - bpp]);
        }
        return 0;
    default: return -1;
    }
}

static inline uint8_t on_white(unsigned value, unsigned alpha) {
    return (uint8_t)((value * alpha + 255u * (255u - alpha)) / 255u);
}

/* What the header and the chunks before the image data say. */
typedef struct {
    uint32_t width, height;
    int depth, colour;
    uint8_t palette[256][3];
    int palette_size;
    uint8_t palette_alpha[256];
    int has_trns;
    unsigned trns[3]; /* grey, or red green blue: the colour that is transparent */
} Header;

/* One row of unfiltered samples to RGB on white. */
static int row_on_white(const Header *h, const uint8_t *in, uint8_t *out) {
    uint32_t x, w = h->width;
    switch (h->colour) {
    case 6:
        for (x = 0; x < w; x++, in += 4, out += 3) {
            unsigned a = in[3];
            if (a == 255) { /* most pixels of clip art are opaque or clear */
                out[0] = in[0]; out[1] = in[1]; out[2] = in[2];
            } else if (a == 0) {
                out[0] = out[1] = out[2] = 255;
            } else {
                out[0] = on_white(in[0], a); out[1] = on_white(in[1], a); out[2] = on_white(in[2], a);
            }
        }
        return 0;
    case 2:
        for (x = 0; x < w; x++, in += 3, out += 3) {
            if (h->has_trns && in[0] == h->trns[0] && in[1] == h->trns[1] && in[2] == h->trns[2]) {
                out[0] = out[1] = out[2] = 255;
            } else {
                out[0] = in[0]; out[1] = in[1]; out[2] = in[2];
            }
        }
        return 0;
    case 4:
        for (x = 0; x < w; x++, in += 2, out += 3) out[0] = out[1] = out[2] = on_white(in[0], in[1]);
        return 0;
    case 0:
    case 3: {
        int depth = h->depth, per_byte = 8 / depth;
        unsigned mask = (1u << depth) - 1;
        for (x = 0; x < w; x++, out += 3) {
            unsigned sample = depth == 8 ? in[x] : (in[x / per_byte] >> (8 - depth * (int)(x % per_byte + 1))) & mask;
            if (h->colour == 3) {
                if ((int)sample >= h->palette_size) return -1;
                unsigned a = h->palette_alpha[sample];
                out[0] = on_white(h->palette[sample][0], a);
                out[1] = on_white(h->palette[sample][1], a);
                out[2] = on_white(h->palette[sample][2], a);
            } else if (h->has_trns && sample == h->trns[0]) {
                out[0] = out[1] = out[2] = 255;
            } else {
                /* libpng widens 1, 2 and 4-bit grey by repeating the bits: x 255, 85, 17. */
                uint8_t grey = (uint8_t)(sample * (255u / mask));
                out[0] = out[1] = out[2] = grey;
            }
        }
        return 0;
    }
    default: return -1;
    }
}

static int depth_allowed(int colour, int depth) {
    switch (colour) {
    case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2: case 4: case 6: return depth == 8;
    default: return 0;
    }
}

/* Reads the chunks of file (size bytes); on success *data holds the concatenated image data. */
static int read_chunks(const uint8_t *file, size_t size, Header *h, uint8_t **data, size_t *data_size) {
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (size < 8 || memcmp(file, signature, 8) != 0) return -1;
    size_t at = 8, total = 0, capacity = 0;
    int seen_header = 0, seen_data = 0, data_ended = 0, chunk_index = 0;
    uint8_t *joined = NULL;
    memset(h, 0, sizeof *h);
    memset(h->palette_alpha, 255, sizeof h->palette_alpha);
    for (;; chunk_index++) {
        if (size - at < 12) goto fail;
        uint32_t length = big_endian(file + at);
        const uint8_t *type = file + at + 4, *body = file + at + 8;
        if (length > size - at - 12) goto fail;
        uint32_t stored = big_endian(body + length);
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION /* a fuzzer reaches the code past the check */
        if ((uint32_t)inflaters.crc32(0, type, length + 4) != stored) goto fail;
#else
        (void)stored;
#endif
        at += 12 + (size_t)length;
        if (chunk_index == 0 && !chunk_is(type, "IHDR")) goto fail;
        if (chunk_is(type, "IHDR")) {
            if (seen_header || length != 13) goto fail;
            seen_header = 1;
            h->width = big_endian(body);
            h->height = big_endian(body + 4);
            h->depth = body[8];
            h->colour = body[9];
            if (h->width == 0 || h->height == 0 || h->width > 0x7fffffff || h->height > 0x7fffffff) goto fail;
            if (!depth_allowed(h->colour, h->depth) || body[10] != 0 || body[11] != 0 || body[12] != 0) goto fail;
        } else if (chunk_is(type, "PLTE")) {
            if (seen_data || h->palette_size || length % 3 || length == 0 || length > 768) goto fail;
            h->palette_size = (int)(length / 3);
            memcpy(h->palette, body, length);
        } else if (chunk_is(type, "tRNS")) {
            if (seen_data || h->has_trns) goto fail;
            h->has_trns = 1;
            if (h->colour == 3) {
                if (!h->palette_size || (int)length > h->palette_size) goto fail;
                memcpy(h->palette_alpha, body, length);
            } else if (h->colour == 0) {
                if (length != 2) goto fail;
                h->trns[0] = (unsigned)body[0] << 8 | body[1];
                if (h->trns[0] > (1u << h->depth) - 1) goto fail;
            } else if (h->colour == 2) {
                if (length != 6) goto fail;
                for (int i = 0; i < 3; i++) {
                    h->trns[i] = (unsigned)body[2 * i] << 8 | body[2 * i + 1];
                    if (h->trns[i] > 255) goto fail;
                }
            } else {
                goto fail; /* colours with alpha take no tRNS */
            }
        } else if (chunk_is(type, "IDAT")) {
            if (data_ended) goto fail; /* image data must be consecutive */
            seen_data = 1;
            if (total + length > capacity) {
                size_t wanted = capacity ? capacity * 2 : 65536;
                while (wanted < total + length) wanted *= 2;
                uint8_t *grown = realloc(joined, wanted);
                if (!grown) goto fail;
                joined = grown;
                capacity = wanted;
            }
            memcpy(joined + total, body, length);
            total += length;
        } else if (chunk_is(type, "IEND")) {
            break;
        } else if (chunk_is(type, "eXIf") || chunk_is(type, "acTL") || !(type[0] & 0x20)) {
            goto fail; /* an orientation, an animation, or a critical chunk this reader does not know */
        }
        if (seen_data && !chunk_is(type, "IDAT")) data_ended = 1;
    }
    if (!seen_data || (h->colour == 3 && !h->palette_size)) goto fail;
    *data = joined;
    *data_size = total;
    return 0;
fail:
    free(joined);
    return -1;
}

int gv_png_on_white(const uint8_t *file, size_t size, int use_libdeflate, int side,
                    uint8_t **rgb, int *width, int *height) {
    pthread_once(&inflaters_once, find_inflaters);
    if (!inflaters.crc32) return GV_PNG_NOT_PLAIN;
    Header h;
    uint8_t *data = NULL;
    size_t data_size = 0;
    if (read_chunks(file, size, &h, &data, &data_size)) return GV_PNG_NOT_PLAIN;

    int samples = h.colour == 6 ? 4 : h.colour == 2 ? 3 : h.colour == 4 ? 2 : 1;
    size_t bits = (size_t)samples * (size_t)h.depth;
    size_t row_bytes = ((size_t)h.width * bits + 7) / 8, bpp = bits >= 8 ? bits / 8 : 1;
    size_t stride = row_bytes + 1;
    uint8_t *raw = NULL, *line = NULL;
    GVBoxShrink box = {0};
    RowInflater rows;
    memset(&rows, 0, sizeof rows);
    int rc = GV_PNG_NOT_PLAIN;
    /* Deflate expands at most 1032 times: data that cannot fill the image is refused
       before the image's memory is asked for. */
    if (stride > ((size_t)1 << 40) / h.height || stride * h.height / 1032 > data_size + 64) goto done;
    int whole = use_libdeflate && inflaters.deflate_alloc && inflaters.deflate_zlib && inflaters.deflate_free &&
                stride * h.height <= WHOLE_INFLATE_LIMIT;
    raw = malloc(whole ? stride * h.height : 2 * stride);
    line = malloc((size_t)h.width * 3);
    if (!raw || !line) goto done;
    if (gv_box_start(&box, (int)h.width, (int)h.height, gv_box_factor((int)h.width, (int)h.height, side)))
        goto done;
    if (whole ? inflate_whole(data, data_size, raw, stride * h.height) : rows_start(&rows, data, data_size)) goto done;
    for (uint32_t y = 0; y < h.height; y++) {
        /* Whole: row y of the image. Streamed: the two rows taking turns. */
        uint8_t *row = raw + (whole ? y : y & 1) * stride;
        const uint8_t *prior = y == 0 ? NULL : whole ? row + 1 - stride : raw + ((y - 1) & 1) * stride + 1;
        if (!whole && rows_next(&rows, row, stride)) goto done;
        if (unfilter(row[0], row + 1, prior, row_bytes, bpp)) goto done;
        if (row_on_white(&h, row + 1, line)) goto done;
        gv_box_add_row(&box, line);
    }
    if (!whole && rows_end(&rows)) goto done;
    *rgb = box.out;
    box.out = NULL;
    *width = box.out_width;
    *height = box.out_height;
    rc = 0;
done:
    rows_finish(&rows);
    free(box.out);
    gv_box_finish(&box);
    free(line);
    free(raw);
    free(data);
    return rc;
}
