#ifndef PNG_ON_WHITE_H
#define PNG_ON_WHITE_H
#include <stddef.h>
#include <stdint.h>

/* gv_png_on_white's answer when the bytes are not a PNG it reads the same way as libpng
   (see png_on_white.c): the caller decodes them with libvips instead. */
#define GV_PNG_NOT_PLAIN 1

/* Decodes the PNG file held in file[0..size) to RGB with alpha flattened onto white,
   box-shrunk by gv_box_factor(width, height, side) as the rows arrive: *width x *height
   x 3 bytes in *rgb (free with free). use_libdeflate 0 inflates with zlib, a row at a
   time, even when libdeflate is there (the bytes are the same; tests compare the two). Returns 0, or
   GV_PNG_NOT_PLAIN with nothing allocated. */
int gv_png_on_white(const uint8_t *file, size_t size, int use_libdeflate, int side,
                    uint8_t **rgb, int *width, int *height);
#endif
