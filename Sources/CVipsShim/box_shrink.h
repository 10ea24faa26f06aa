#ifndef BOX_SHRINK_H
#define BOX_SHRINK_H
#include <stddef.h>
#include <stdint.h>

/* Shrinks RGB rows by an integer factor as they arrive, each output pixel the rounded mean
   of its factor x factor block (fewer pixels in the last column and row of blocks when the
   size is not a multiple): what JPEG's shrink-on-load does for a JPEG, and Pillow's
   `reduce` before its Lanczos filter, for images that have no such load (PNG). */
typedef struct GVBoxShrink {
    int width, height, factor;
    int out_width, out_height;
    uint8_t *out;       /* out_width x out_height x 3 bytes (free with free) */
    uint32_t *sums;     /* the block row being summed: out_width x 3 */
    int rows_summed, next_row, out_row;
} GVBoxShrink;

/* The factor for an image of width x height whose long side is to become side: the
   largest that leaves at least 2x for the Lanczos resize after it (1: no box shrink). */
int gv_box_factor(int width, int height, int side);

/* 0, or -1 when out of memory (nothing then to free). */
int gv_box_start(GVBoxShrink *box, int width, int height, int factor);
/* Adds the next row (width x 3 bytes), top to bottom. */
void gv_box_add_row(GVBoxShrink *box, const uint8_t *row);
/* Frees what gv_box_start allocated except out, which the caller takes (NULL if taken). */
void gv_box_finish(GVBoxShrink *box);
#endif
