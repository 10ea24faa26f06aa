/* Header-only reads: an image's size, orientation and the metadata Glimpse keeps, before
   (or instead of) decoding it, so that a 20,000 x 20,000 image is refused unread. */
#include "CVipsShim.h"
#include "libvips_api.h"
#include <stdlib.h>
#include <string.h>

static char *copy_bytes(const void *data, size_t length) {
    char *copy = malloc(length + 1);
    if (!copy) return NULL;
    memcpy(copy, data, length);
    copy[length] = 0;
    return copy;
}

/* libvips gives EXIF strings as "Canon (Canon, ASCII, 6 components, 6 bytes)": the value is
   what comes before the last " (". */
static char *exif_string(VipsImage *image, const char *name) {
    const char *text = NULL;
    if (!api.vips_image_get_typeof(image, name) || api.vips_image_get_string(image, name, &text) || !text) return NULL;
    const char *end = strrchr(text, '(');
    size_t length = end && end > text ? (size_t)(end - text) : strlen(text);
    while (length > 0 && text[length - 1] == ' ') length--;
    return length ? copy_bytes(text, length) : NULL;
}

static char *blob(VipsImage *image, const char *name, size_t *length) {
    const void *data = NULL;
    size_t size = 0;
    *length = 0;
    if (!api.vips_image_get_typeof(image, name) || api.vips_image_get_blob(image, name, &data, &size) || !data) return NULL;
    *length = size;
    return copy_bytes(data, size);
}

int gv_read_header(const char *path, GVImageHeader *header) {
    memset(header, 0, sizeof *header);
    VipsImage *image = api.vips_image_new_from_file(path, NULL);
    if (!image) return -1;
    header->width = api.vips_image_get_width(image);
    header->height = api.vips_image_get_height(image);
    int orientation = 1;
    if (api.vips_image_get_typeof(image, "orientation") && api.vips_image_get_int(image, "orientation", &orientation)) orientation = 1;
    header->orientation = orientation >= 1 && orientation <= 8 ? orientation : 1;
    header->make = exif_string(image, "exif-ifd0-Make");
    header->model = exif_string(image, "exif-ifd0-Model");
    header->taken = exif_string(image, "exif-ifd2-DateTimeOriginal");
    header->xmp = blob(image, "xmp-data", &header->xmp_length);
    header->iptc = blob(image, "iptc-data", &header->iptc_length);
    api.g_object_unref(image);
    return 0;
}

void gv_header_clear(GVImageHeader *header) {
    free(header->make);
    free(header->model);
    free(header->taken);
    free(header->xmp);
    free(header->iptc);
    memset(header, 0, sizeof *header);
}
