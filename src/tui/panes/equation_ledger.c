/* The equation pane's ledger: below the step just done, the iteration's
 * earlier steps with their numbers, newest first. */
#include "equation.h"

/* A ledger column: wide enough for a backward step's longest line. */
#define LEDGER_COL_MIN 80

/* Lines an earlier step takes in the ledger: its header and formulas. */
static int earlier_lines(const struct rnn_view *v, enum rnn_phase phase, int t)
{
    return phase == RNN_PHASE_FORWARD ? 7 + (t == v->T) : 6;
}

/* The step before (phase, t) in the iteration's order F1..FT, BT..B1, U;
 * false before F1. */
static bool step_before(const struct rnn_view *v, enum rnn_phase *phase, int *t)
{
    if (*phase == RNN_PHASE_UPDATE) {
        *phase = RNN_PHASE_BACKWARD;
        *t = 1;
    } else if (*phase == RNN_PHASE_BACKWARD && *t < v->T) {
        ++*t;
    } else if (*phase == RNN_PHASE_BACKWARD) {
        *phase = RNN_PHASE_FORWARD;
    } else if (*t > 1) {
        --*t;
    } else {
        return false;
    }
    return true;
}

/* The ledger: the iteration's earlier steps, newest first, in the rows below
 * the step just done, in as many columns as fit (a step moves to the next
 * column rather than split; the last one shows what fits). */
void eq_draw_ledger(struct eq *q)
{
    const struct rnn_view *v = &q->f->v;
    int top = q->y, rows = getmaxy(q->w) - top, width = getmaxx(q->w);
    int ncols = width / LEDGER_COL_MIN > 0 ? width / LEDGER_COL_MIN : 1, colw = width / ncols;
    enum rnn_phase phase = v->last_phase;
    int t = v->last_t, col = 0, y = 0;
    WINDOW *pane = q->w, *cw = NULL;
    /* After the update the engine may already show the next window. */
    if (rows < 2 || (phase == RNN_PHASE_UPDATE && q->f->corpus))
        return;
    q->earlier = true;
    bool last = false;
    while (!last && y < rows && step_before(v, &phase, &t)) {
        int need = earlier_lines(v, phase, t);
        if (y + need > rows && col + 1 < ncols) {
            col++;
            y = 0;
            if (cw)
                delwin(cw);
            cw = NULL;
        }
        last = y + need > rows; /* the last column's last rows: as much as fits */
        if (!cw && !(cw = derwin(pane, rows, colw, top, col * colw)))
            break;
        q->w = cw;
        q->y = y;
        q->width = colw - 1;
        if (phase == RNN_PHASE_FORWARD)
            eq_draw_forward(q, t);
        else
            eq_draw_backward(q, t);
        y += need;
    }
    if (cw)
        delwin(cw);
    q->w = pane;
    q->width = getmaxx(pane) - 1;
    q->earlier = false;
    q->y = col == 0 && !last ? top + y : getmaxy(pane);
}
