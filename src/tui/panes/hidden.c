/* Hidden state pane: h_t per timestep as a signed bar (hidden size 1) or a
 * heat strip over the units with the selected unit's value, and the gradient
 * dL/dh_t arriving at h_t once BPTT has reached it. */
#include <math.h>
#include <stdio.h>

#include "draw.h"
#include "view.h"

#define VALUE_X 8
#define BAR_X 17
#define GRAD_COLS 12

#define HEAT_MAX_COLS 8 /* a unit's cell, its last column a gap from 3 on */

/* The units' heat cells in `width` columns: as wide as the width allows (up
 * to HEAT_MAX_COLS each, a blank between cells from 3 columns on, so that
 * units stay apart), or one column each around the selected unit. */
static void draw_heat_strip(const struct frame *f, WINDOW *w, int y, int x, int width,
                            const double *h)
{
    const struct theme *th = f->th;
    int H = f->v.shape.hidden;
    int cell = width / H < 1 ? 1 : width / H > HEAT_MAX_COLS ? HEAT_MAX_COLS : width / H;
    int fit = width / cell;
    int first = H <= fit ? 0 : f->unit - fit / 2;
    if (first < 0)
        first = 0;
    if (first + fit > H)
        first = H > fit ? H - fit : 0;
    for (int i = first; i < H && i < first + fit; i++) {
        attr_t a;
        const char *glyph = theme_heat(th, h[i], 1.0, &a); /* tanh: full scale 1 */
        for (int k = 0; k < (cell >= 3 ? cell - 1 : cell); k++)
            draw_str(w, y, x + (i - first) * cell + k, i == f->unit ? th->attr[TH_CURRENT] : a,
                     glyph);
    }
}

static void draw_row(const struct frame *f, WINDOW *w, int y, int t, int bar_cols)
{
    const struct rnn_view *v = &f->v;
    const struct theme *th = f->th;
    int H = v->shape.hidden, u = f->unit;
    attr_t cur = t == f->t_show ? th->attr[TH_CURRENT] : th->attr[TH_DIM];
    if (H == 1)
        draw_fmt(w, y, 1, cur, "h_%-3d", t);
    else
        draw_fmt(w, y, 1, cur, "h_%d[%d]", t, u + 1);
    if (t > v->forward_done)
        return;
    const double *h = v->h + (size_t)t * H;
    draw_num(w, y, VALUE_X, th, A_NORMAL, h[u], 8);
    if (H == 1)
        draw_signed_bar(w, y, BAR_X, bar_cols / 2, h[0], th);
    else
        draw_heat_strip(f, w, y, BAR_X, bar_cols, h);
    if (t < v->backward_low || v->backward_low > v->T)
        return;
    int gx = BAR_X + bar_cols + 2;
    bool just = v->has_last && v->last_phase == RNN_PHASE_BACKWARD && v->last_t == t;
    draw_str(w, y, gx, th->attr[TH_DIM], "dh");
    draw_num_cell(w, y, gx + 2, th, just ? th->attr[TH_CHANGED] : A_NORMAL,
                  v->dh[(size_t)(t - 1) * H + u], 8);
}

static void hidden_draw(const void *state, const struct frame *f, WINDOW *w)
{
    (void)state;
    const struct rnn_view *v = &f->v;
    char title[96];
    /* "─ " before a title and " ─" after it must fit, or the title runs into
     * the next pane's border: a narrow pane (40 columns at 80) drops the range. */
    static const char full[] = "Hidden state h_t (-1..1), dh = dL/dh_t";
    if (v->shape.hidden == 1)
        snprintf(title, sizeof title, "%s",
                 sizeof full - 1 + 4 <= (size_t)getmaxx(w) ? full
                                                           : "Hidden state h_t, dh = dL/dh_t");
    else
        snprintf(title, sizeof title, "Hidden state h_t, %d units (u: unit %d)", v->shape.hidden,
                 f->unit + 1);
    draw_title(w, f->th, title);
    int rows = getmaxy(w) - 1;
    int bar_cols = getmaxx(w) - BAR_X - GRAD_COLS - 1;
    if (rows < 1 || bar_cols < 3)
        return;
    int first = draw_first_step(f->t_focus, v->T, rows);
    for (int t = first; t <= v->T && t < first + rows; t++)
        draw_row(f, w, 1 + t - first, t, bar_cols);
}

const struct view_ops pane_hidden = {.name = "hidden", .draw = hidden_draw};
