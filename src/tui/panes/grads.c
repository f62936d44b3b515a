/* Parameters and gradients pane for hidden size 1: U, V, c by vocabulary
 * column, W and b, each above its accumulated gradient dL/d. Entries the
 * last micro-step changed are highlighted. Larger models get the matrix
 * pane (pane_matrix.c) instead. */
#include <stdio.h>

#include "draw.h"
#include "view.h"

#define LABEL_COLS 7
#define CELL_COLS 8

struct grads_ctx {
    const struct frame *f;
    WINDOW *w;
    int first, ncols;      /* vocabulary columns shown */
    bool backward, update; /* what the last micro-step was */
    int x_last;            /* its input character (backward) */
};

static void draw_header(const struct grads_ctx *c)
{
    char name[16];
    for (int k = 0; k < c->ncols && c->first + k < c->f->v.shape.vocab; k++) {
        const char *n = draw_char_name(c->f, c->first + k, name, sizeof name);
        int x = LABEL_COLS + k * CELL_COLS + CELL_COLS - 1 - draw_width(n);
        draw_str(c->w, 1, x, c->f->th->attr[TH_TITLE], n);
    }
}

/* One row of vocabulary-indexed values: base[k * stride] for column k. */
static void draw_vocab_row(const struct grads_ctx *c, int y, const char *label, const double *base,
                           int stride, bool changed_all, int changed_col)
{
    const struct theme *th = c->f->th;
    draw_str(c->w, y, 1, th->attr[TH_DIM], label);
    for (int k = 0; k < c->ncols && c->first + k < c->f->v.shape.vocab; k++) {
        int i = c->first + k;
        bool changed = changed_all || i == changed_col;
        draw_num(c->w, y, LABEL_COLS + k * CELL_COLS, th, changed ? th->attr[TH_CHANGED] : A_NORMAL,
                 base[(size_t)i * stride], CELL_COLS - 1);
    }
}

static void draw_scalar(const struct grads_ctx *c, int y, int x, const char *label, double v,
                        bool changed)
{
    const struct theme *th = c->f->th;
    draw_str(c->w, y, x, th->attr[TH_DIM], label);
    draw_num(c->w, y, x + LABEL_COLS - 1, th, changed ? th->attr[TH_CHANGED] : A_NORMAL, v,
             CELL_COLS - 1);
}

static int first_vocab_column(const struct frame *f, int ncols)
{
    int K = f->v.shape.vocab, t = f->t_show;
    if (K <= ncols || t == 0)
        return 0;
    int focus = f->v.inputs[t - 1], first = focus - ncols / 2;
    if (first < 0)
        first = 0;
    return first + ncols > K ? K - ncols : first;
}

static void grads_draw(const void *state, const struct frame *f, WINDOW *w)
{
    (void)state;
    const struct rnn_view *v = &f->v;
    draw_title(w, f->th, "Parameters and gradients dL/d");
    struct grads_ctx c = {.f = f, .w = w, .ncols = (getmaxx(w) - LABEL_COLS) / CELL_COLS};
    if (c.ncols < 1)
        return;
    c.first = first_vocab_column(f, c.ncols);
    c.backward = v->has_last && v->last_phase == RNN_PHASE_BACKWARD;
    c.update = v->has_last && v->last_phase == RNN_PHASE_UPDATE;
    c.x_last = c.backward ? v->inputs[v->last_t - 1] : -1;
    draw_header(&c);
    draw_vocab_row(&c, 2, "U", v->theta.U, 1, c.update, -1);
    draw_vocab_row(&c, 3, "dL/dU", v->grad.U, 1, false, c.x_last);
    draw_vocab_row(&c, 4, "V", v->theta.V, 1, c.update, -1);
    draw_vocab_row(&c, 5, "dL/dV", v->grad.V, 1, c.backward, -1);
    draw_vocab_row(&c, 6, "c", v->theta.c, 1, c.update, -1);
    draw_vocab_row(&c, 7, "dL/dc", v->grad.c, 1, c.backward, -1);
    int bx = LABEL_COLS + CELL_COLS + 2;
    draw_scalar(&c, 8, 1, "W", v->theta.W[0], c.update);
    draw_scalar(&c, 8, bx, "b", v->theta.b[0], c.update);
    draw_scalar(&c, 9, 1, "dL/dW", v->grad.W[0], c.backward);
    draw_scalar(&c, 9, bx, "dL/db", v->grad.b[0], c.backward);
}

const struct view_ops pane_grads = {.name = "grads", .draw = grads_draw};
