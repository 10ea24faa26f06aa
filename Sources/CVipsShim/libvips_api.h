#ifndef LIBVIPS_API_H
#define LIBVIPS_API_H
/* The libvips, gobject and glib functions the shim calls, reached through pointers
   that libvips_load.c fills from a libvips opened with dlopen. Calling them directly
   would make the linker record libvips as a dependency of the executable, and every
   glimpse process would then pay for loading libvips and its hundred libraries at
   start-up, images or not. The headers are still libvips' own, so each pointer has
   the exact type of the function it stands for (__typeof__ does not reference it). */
#if !__has_include(<vips/vips.h>)
#error "libvips' headers are missing: apt-get install libvips-dev (it brings pkg-config), or run Scripts/install-deps.sh"
#endif
#include <vips/vips.h>

#define LIBVIPS_FUNCTIONS(X) \
    X(vips_init) X(vips_version) X(vips_version_string) \
    X(vips_error) X(vips_error_buffer) X(vips_error_buffer_copy) X(vips_error_clear) \
    X(vips_cache_set_max) X(vips_concurrency_set) \
    X(vips_colourspace) X(vips_flatten) X(vips_extract_band) X(vips_extract_area) \
    X(vips_cast_uchar) X(vips_gravity) X(vips_thumbnail) X(vips_thumbnail_buffer) X(vips_thumbnail_image) \
    X(vips_autorot) X(vips_image_new_from_memory) X(vips_image_copy_memory) X(vips_image_set_int) \
    X(vips_region_new) X(vips_region_prepare) \
    X(vips_array_double_new) X(vips_area_unref) \
    X(vips_image_hasalpha) X(vips_image_get_width) X(vips_image_get_height) \
    X(vips_image_new_from_file) X(vips_image_new_from_memory_copy) \
    X(vips_image_write_to_memory) X(vips_image_write_to_buffer) X(vips_image_write_to_file) \
    X(g_object_unref) X(g_free) X(g_log_set_handler) \
    X(g_mapped_file_new) X(g_mapped_file_get_contents) X(g_mapped_file_get_length) \
    X(g_mapped_file_unref) X(g_compute_checksum_for_data) \
    X(vips_image_get_typeof) X(vips_image_get_string) X(vips_image_get_int) X(vips_image_get_blob)

typedef struct LibvipsAPI {
#define LIBVIPS_FIELD(name) __typeof__(&name) name;
    LIBVIPS_FUNCTIONS(LIBVIPS_FIELD)
#undef LIBVIPS_FIELD
} LibvipsAPI;

/* Filled once by gv_init; use only after gv_init returned 0. */
extern LibvipsAPI api;
#endif
