/* Layout: a top band of two columns (sequence, hidden state and loss on the
 * left; softmax and gradients on the right), the equation pane across the
 * full width below, and the status line. At 80x24 every pane has its
 * minimum. Spare rows go to the panes that can use them: half to the
 * equation pane (the ledger of the iteration's steps), half to the top band,
 * where the hidden state takes what its timesteps need and the loss pane the
 * rest (its chart); above hidden size 1 the matrix pane takes the top band's
 * share. Zoomed, one pane gets the whole screen. */
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
    out->status = (struct rect){rows - 1, 0, 1, cols};
    if (wants->zoom >= 0 && wants->zoom < PANE_COUNT) {
        for (int i = 0; i < PANE_COUNT; i++)
            out->pane[i] = (struct rect){0, 0, 0, 0};
        out->pane[wants->zoom] = (struct rect){0, 0, avail, cols};
        return;
    }
    int softmax_rows = clamp(wants->vocab, 4, SOFTMAX_MAX_ROWS) + 1;
    int want_left = SEQUENCE_ROWS + LOSS_ROWS + wants->T + 1;
    int want_right = softmax_rows + GRADS_ROWS;
    int want = want_left > want_right ? want_left : want_right;
    int spare = avail - (LAYOUT_MIN_ROWS - 1);
    int top = clamp(want, TOP_MIN_ROWS, TOP_MIN_ROWS + spare / 2);
    if (top < TOP_MIN_ROWS + spare / 2)
        top = TOP_MIN_ROWS + spare / 2; /* the loss pane's chart takes the rest */
    if (wants->hidden > 1 && top < avail - EQUATION_ROWS_LARGE)
        top = avail - EQUATION_ROWS_LARGE; /* the rest to the matrix pane */
    int left_w = cols / 2, right_w = cols - left_w;

    int hidden_h = clamp(wants->T + 1, top - SEQUENCE_ROWS - LOSS_ROWS - spare / 2,
                         top - SEQUENCE_ROWS - LOSS_ROWS);
    int loss_h = top - SEQUENCE_ROWS - hidden_h;
    out->pane[PANE_SEQUENCE] = (struct rect){0, 0, SEQUENCE_ROWS, left_w};
    out->pane[PANE_HIDDEN] = (struct rect){SEQUENCE_ROWS, 0, hidden_h, left_w};
    out->pane[PANE_LOSS] = (struct rect){SEQUENCE_ROWS + hidden_h, 0, loss_h, left_w};

    int soft_h = clamp(softmax_rows, 5, top - GRADS_ROWS);
    out->pane[PANE_SOFTMAX] = (struct rect){0, left_w, soft_h, right_w};
    out->pane[PANE_GRADS] = (struct rect){soft_h, left_w, top - soft_h, right_w};
    out->pane[PANE_EQUATION] = (struct rect){top, 0, avail - top, cols};
}
