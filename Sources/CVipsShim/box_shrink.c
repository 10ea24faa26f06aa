/* Integer-factor box shrink of RGB rows, streamed (see box_shrink.h). */
#include "box_shrink.h"
#include <stdlib.h>
#include <string.h>

int gv_box_factor(int width, int height, int side) {
    int longest = width > height ? width : height;
    int factor = (int)((double)longest / side / 2.0);
    return factor < 1 ? 1 : factor;
}

int gv_box_start(GVBoxShrink *box, int width, int height, int factor) {
    memset(box, 0, sizeof *box);
    box->width = width;
    box->height = height;
    box->factor = factor;
    box->out_width = (width + factor - 1) / factor;
    box->out_height = (height + factor - 1) / factor;
    box->out = malloc((size_t)box->out_width * box->out_height * 3);
    box->sums = calloc((size_t)box->out_width * 3, sizeof(uint32_t));
    if (!box->out || !box->sums) {
        free(box->out);
        free(box->sums);
        box->out = NULL;
        box->sums = NULL;
        return -1;
    }
    return 0;
}

static void emit(GVBoxShrink *box) {
    int k = box->factor, rows = box->rows_summed;
    uint8_t *out = box->out + (size_t)box->out_row * box->out_width * 3;
    for (int x = 0; x < box->out_width; x++) {
        int columns = (x + 1) * k <= box->width ? k : box->width - x * k;
        uint32_t n = (uint32_t)(columns * rows);
        for (int c = 0; c < 3; c++) out[3 * x + c] = (uint8_t)((box->sums[3 * x + c] + n / 2) / n);
    }
    memset(box->sums, 0, (size_t)box->out_width * 3 * sizeof(uint32_t));
    box->rows_summed = 0;
    box->out_row++;
}

/* Adds the whole blocks of k pixels of a row into sums; returns where the row's rest starts.
   Written once, inlined for the common factors as constants. */
static inline const uint8_t *add_blocks(uint32_t *sums, const uint8_t *row, int blocks, int k) {
    for (int x = 0; x < blocks; x++, sums += 3) {
        uint32_t r = 0, g = 0, b = 0;
        for (int i = 0; i < k; i++, row += 3) { r += row[0]; g += row[1]; b += row[2]; }
        sums[0] += r; sums[1] += g; sums[2] += b;
    }
    return row;
}

void gv_box_add_row(GVBoxShrink *box, const uint8_t *row) {
    int k = box->factor, full = box->width / k;
    uint32_t *sums = box->sums;
    if (k == 1) {
        memcpy(box->out + (size_t)box->out_row * box->out_width * 3, row, (size_t)box->width * 3);
        box->out_row++;
        box->next_row++;
        return;
    }
    switch (k) {
    case 2: row = add_blocks(sums, row, full, 2); break;
    case 3: row = add_blocks(sums, row, full, 3); break;
    case 4: row = add_blocks(sums, row, full, 4); break;
    default: row = add_blocks(sums, row, full, k); break;
    }
    sums += 3 * full;
    for (int x = full * k; x < box->width; x++, row += 3) { sums[0] += row[0]; sums[1] += row[1]; sums[2] += row[2]; }
    box->rows_summed++;
    box->next_row++;
    if (box->rows_summed == k || box->next_row == box->height) emit(box);
}

void gv_box_finish(GVBoxShrink *box) {
    free(box->sums);
    box->sums = NULL;
}
