/* Gradient flow view (f): ||dL_t/dh_k|| for t >= k as a heat map, one row per
 * h_k and one column per loss L_t, each cell drawn once the forward pass has
 * computed L_t (it needs only forward results); beside each row the total
 * ||dL/dh_k||, revealed as BPTT reaches h_k, the tanh gate 1 - h_k^2 and the step
 * Jacobian norm ||diag(1 - h_k^2) W||; above, the recurrent Jacobian gauge. */
#include <math.h>
#include <stdio.h>

#include <stdlib.h>

#include "draw.h"
#include "view.h"

#define LABEL_COLS 10
#define STATS_COLS 27
#define HEAD_ROWS 3 /* title, gauge, column header */
#define LEGEND_ROWS 1

/* Gradient flow buffers (block NULL when the window is too long to map). */
struct flow_view {
    double *block, *step_norms, *scratch;
    struct rnn_flow flow;
    double w_norm, product; /* the Jacobian gauge */
};

static double *alloc_doubles(size_t n)
{
    return calloc(n ? n : 1, sizeof(double));
}

static bool flow_open(void *state, const struct view_env *env, char *err, size_t cap)
{
    struct flow_view *fl = state;
    struct rnn_shape shape = env->s->cfg.shape;
    int T = env->s->cfg.seq_len;
    if (!rnn_flow_fits(shape, T))
        return true; /* the view says the window is too long to map */
    fl->block = alloc_doubles(rnn_flow_doubles(shape, T));
    fl->step_norms = alloc_doubles((size_t)T);
    fl->scratch = alloc_doubles(3 * (size_t)shape.hidden);
    if (!fl->block || !fl->step_norms || !fl->scratch) {
        snprintf(err, cap, "out of memory for the teaching views");
        return false;
    }
    rnn_flow_bind(&fl->flow, shape, T, fl->block);
    return true;
}

static void flow_close(void *state)
{
    struct flow_view *fl = state;
    free(fl->block);
    free(fl->step_norms);
    free(fl->scratch);
}

static void flow_update(void *state, const struct frame *f, struct rnn_engine *e)
{
    (void)e;
    struct flow_view *fl = state;
    if (!fl->block)
        return;
    rnn_flow_compute(&f->v, &fl->flow);
    fl->w_norm = rnn_spectral_norm(rnn_activation_params(&f->v)->W, f->v.shape.hidden, fl->scratch);
    fl->product = rnn_jacobian_product(&f->v, fl->step_norms, fl->scratch);
}

/* BPTT has reached h_k (all rows once the update is done): the total
 * ||dL/dh_k|| is what BPTT computes there, so it waits for it. */
static bool revealed(const struct rnn_view *v, int k)
{
    return v->backward_low <= v->T && k >= v->backward_low;
}

/* Heat glyph by decade: the map spans many orders of magnitude. */
static const char *heat_glyph(const struct theme *th, double x)
{
    if (!isfinite(x))
        return th->g->spark.missing;
    if (x <= 0)
        return th->g->heat[0];
    int level = x >= 1e-1 ? 4 : x >= 1e-2 ? 3 : x >= 1e-3 ? 2 : x >= 1e-4 ? 1 : 0;
    return level ? th->g->heat[level] : th->g->times;
}

static void draw_gauge(const struct flow_view *fv, const struct frame *f, WINDOW *w)
{
    const struct rnn_view *v = &f->v;
    const struct theme *th = f->th;
    double prod = fv->product;
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP];
    const char *verdict = isnan(prod)  ? ""
                          : prod < 0.1 ? " vanishing"
                          : prod > 10  ? " exploding"
                                       : "";
    int x = draw_str(w, 1, 1, th->attr[TH_DIM], "Jacobian gauge: ||W|| ");
    x = draw_str(w, 1, x, A_BOLD, fmt_num(a, sizeof a, fv->w_norm, 0));
    if (v->forward_done < 2) {
        draw_str(w, 1, x, th->attr[TH_DIM], "  (the product needs two forward steps)");
        return;
    }
    x = draw_fmt(w, 1, x, th->attr[TH_DIM], "  product of step norms k=2..%d: ", v->forward_done);
    if (prod > 0 && prod < 1e-4)
        snprintf(b, sizeof b, "%.2e", prod);
    else
        fmt_num(b, sizeof b, prod, 0);
    x = draw_str(w, 1, x, A_BOLD, b);
    draw_str(w, 1, x + 1, th->attr[TH_WARN], verdict);
}

struct flow_grid {
    int first_k, rows;   /* rows h_k shown */
    int first_t, ncells; /* columns L_t shown */
    int cell;            /* columns per cell */
    int stats_x;
};

static struct flow_grid grid_for(const struct frame *f, WINDOW *w)
{
    const struct rnn_view *v = &f->v;
    struct flow_grid g;
    int T = v->T, width = getmaxx(w) - LABEL_COLS - STATS_COLS - 1;
    g.rows = getmaxy(w) - HEAD_ROWS - LEGEND_ROWS;
    g.cell = 2 * T <= width ? 2 : 1;
    g.ncells = width / g.cell < T ? width / g.cell : T;
    /* Follow the pass (the row the forward pass or BPTT reached), shifted
     * by j/k: the view opens at row 1 before the first step. */
    int focus = v->backward_low <= v->T ? v->backward_low : v->forward_done;
    int first = focus - g.rows / 2 + f->scroll;
    g.first_k = first > T - g.rows + 1 ? T - g.rows + 1 : first;
    if (g.first_k < 1)
        g.first_k = 1;
    g.first_t = g.first_k + g.ncells - 1 > T ? T - g.ncells + 1 : g.first_k;
    if (g.first_t < 1)
        g.first_t = 1;
    g.stats_x = LABEL_COLS + g.ncells * g.cell + 1;
    return g;
}

static void draw_header(const struct frame *f, WINDOW *w, const struct flow_grid *g)
{
    const struct theme *th = f->th;
    draw_str(w, 2, 1, th->attr[TH_DIM], "h_k\\L_t");
    for (int i = 0; i < g->ncells; i++) {
        int t = g->first_t + i, x = LABEL_COLS + i * g->cell;
        if (t % 5 == 0 || t == 1)
            draw_fmt(w, 2, x + g->cell - (t >= 10 ? 2 : 1) - (t >= 100), th->attr[TH_DIM], "%d", t);
        else if (g->cell == 2)
            draw_str(w, 2, x + 1, th->attr[TH_DIM], th->g->times);
    }
    draw_fmt(w, 2, g->stats_x, th->attr[TH_DIM], "%11s%8s%8s", "||dL/dh_k||",
             f->v.shape.hidden == 1 ? "1-h_k^2" : "gate", "step");
}

static void draw_row(const struct flow_view *fv, const struct frame *f, WINDOW *w,
                     const struct flow_grid *g, int k, int y)
{
    const struct rnn_view *v = &f->v;
    const struct theme *th = f->th;
    const struct rnn_flow *fl = &fv->flow;
    char name[16], buf[FMT_NUM_CAP];
    bool current = v->has_last && v->last_phase == RNN_PHASE_BACKWARD && v->last_t == k;
    draw_fmt(w, y, 1, current ? th->attr[TH_CURRENT] : th->attr[TH_DIM], "%3d %s", k,
             draw_char_name(f, v->inputs[k - 1], name, sizeof name));
    if (k > v->forward_done)
        return;
    for (int i = 0; i < g->ncells; i++) {
        int t = g->first_t + i;
        if (t < k || t > v->forward_done)
            continue;
        const char *glyph = heat_glyph(th, fl->reach[(size_t)(t - 1) * v->T + (size_t)(k - 1)]);
        for (int c = 0; c < g->cell; c++)
            draw_str(w, y, LABEL_COLS + i * g->cell + c, th->attr[t == k ? TH_NEG : TH_POS], glyph);
    }
    int x = g->stats_x;
    if (revealed(v, k))
        draw_str(w, y, x, A_BOLD, fmt_num(buf, sizeof buf, fl->total[k - 1], 11));
    double gate = v->shape.hidden == 1 ? fl->gate[k - 1] : fl->gate_mean[k - 1];
    draw_str(w, y, x + 11, A_NORMAL, fmt_num(buf, sizeof buf, gate, 8));
    draw_str(w, y, x + 19, th->attr[TH_DIM], fmt_num(buf, sizeof buf, fv->step_norms[k - 1], 8));
}

/* The glyph scale, which rows are shown when some are hidden and, where it
 * fits, why the totals column is not full yet. */
static void draw_legend(const struct frame *f, WINDOW *w, const struct flow_grid *fg)
{
    const struct glyphs *g = f->th->g;
    static const char pending[] = "||dL/dh_k|| as BPTT walks back";
    int y = getmaxy(w) - 1, T = f->v.T, last = fg->first_k + fg->rows - 1;
    int x = draw_fmt(w, y, 1, f->th->attr[TH_DIM], "%s>=.1 %s>=.01 %s>=1e-3 %s>=1e-4 %s less",
                     g->heat[4], g->heat[3], g->heat[2], g->heat[1], g->times);
    if (fg->first_k > 1 || last < T)
        x = draw_fmt(w, y, x + 3, f->th->attr[TH_TITLE], "rows %d-%d of %d, j/k scroll",
                     fg->first_k, last < T ? last : T, T);
    if (!revealed(&f->v, 1) && x + 3 + (int)sizeof pending <= getmaxx(w))
        draw_str(w, y, x + 3, f->th->attr[TH_DIM], pending);
}

static void flow_draw(const void *state, const struct frame *f, WINDOW *w)
{
    const struct flow_view *fv = state;
    const struct rnn_view *v = &f->v;
    draw_title(w, f->th, "Gradient flow through time: ||dL_t/dh_k|| (f closes)");
    if (!fv->block) {
        draw_str(w, 2, 1, A_NORMAL,
                 "This window is too long to map (over 512 steps or 2^27 multiply-adds):");
        draw_str(w, 3, 1, A_NORMAL, "use a shorter --seq-length or a smaller --hidden.");
        return;
    }
    draw_gauge(fv, f, w);
    struct flow_grid g = grid_for(f, w);
    if (g.rows < 1 || g.ncells < 1)
        return;
    draw_header(f, w, &g);
    for (int k = g.first_k; k <= v->T && k < g.first_k + g.rows; k++)
        draw_row(fv, f, w, &g, k, HEAD_ROWS + k - g.first_k);
    if (v->forward_done == 0)
        draw_str(w, HEAD_ROWS, LABEL_COLS, f->th->attr[TH_DIM], "(run the forward pass: n or e)");
    draw_legend(f, w, &g);
}

const struct view_ops view_flow = {
    .name = "flow",
    .state_size = sizeof(struct flow_view),
    .open = flow_open,
    .close = flow_close,
    .update = flow_update,
    .draw = flow_draw,
};
