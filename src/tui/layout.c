/* Layout: a top band of two columns (sequence, hidden state and loss on the
 * left; softmax and gradients on the right), the equation pane across the
 * full width below, and the status line. Extra rows go half to the top band
 * (longer sequences, bigger vocabularies) and half to the equation, except
 * above hidden size 1, where the matrix pane in the top band takes them. */
#include "layout.h"

#define SEQUENCE_ROWS 5
#define LOSS_ROWS 5
#define GRADS_ROWS 10
#define TOP_MIN_ROWS 15 /* at the minimum size the equation pane gets the other 8 */
#define SOFTMAX_MAX_ROWS 17
#define EQUATION_ROWS_LARGE 10 /* above hidden size 1 it shows one unit: room for that */

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void layout_compute(int rows, int cols, const struct layout_wants *wants, struct layout *out)
{
    out->too_small = rows < LAYOUT_MIN_ROWS || cols < LAYOUT_MIN_COLS;
    if (out->too_small)
        return;
    int avail = rows - 1;
    int softmax_rows = clamp(wants->vocab, 4, SOFTMAX_MAX_ROWS) + 1;
    int want_left = SEQUENCE_ROWS + LOSS_ROWS + wants->T + 1;
    int want_right = softmax_rows + GRADS_ROWS;
    int want = want_left > want_right ? want_left : want_right;
    int top_min = avail - (LAYOUT_MIN_ROWS - 1 - TOP_MIN_ROWS);
    int top = clamp(want, TOP_MIN_ROWS, TOP_MIN_ROWS + (top_min - TOP_MIN_ROWS) / 2);
    if (wants->hidden > 1 && top < avail - EQUATION_ROWS_LARGE)
        top = avail - EQUATION_ROWS_LARGE; /* the rest to the matrix pane */
    int left_w = cols / 2, right_w = cols - left_w;

    int hidden_h = top - SEQUENCE_ROWS - LOSS_ROWS;
    out->pane[PANE_SEQUENCE] = (struct rect){0, 0, SEQUENCE_ROWS, left_w};
    out->pane[PANE_HIDDEN] = (struct rect){SEQUENCE_ROWS, 0, hidden_h, left_w};
    out->pane[PANE_LOSS] = (struct rect){SEQUENCE_ROWS + hidden_h, 0, LOSS_ROWS, left_w};

    int soft_h = clamp(softmax_rows, 5, top - GRADS_ROWS);
    out->pane[PANE_SOFTMAX] = (struct rect){0, left_w, soft_h, right_w};
    out->pane[PANE_GRADS] = (struct rect){soft_h, left_w, top - soft_h, right_w};
    out->pane[PANE_EQUATION] = (struct rect){top, 0, avail - top, cols};
    out->status = (struct rect){rows - 1, 0, 1, cols};
}
