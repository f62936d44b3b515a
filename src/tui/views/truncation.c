/* Truncated BPTT view (K): for every truncation length K = 1..T, the
 * gradient of U, W and b that BPTT truncated to K steps gives beside the full
 * one (norms, relative error, cosine), and the share of dL/dW carried by
 * paths longer than K steps (rnn_truncation_profile). The row of the K in
 * effect is marked; { } change it. Of the gradient the panes show: right
 * after an update the one it applied, else this window's at the current
 * parameters (rnn_engine_gradcheck says which), so the full row and the
 * gradients pane never differ. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "rnnstep/lab.h"
#include "view.h"
#include "view_table.h"

/* Multiply-adds of one profile (T truncated gradients), about a second. */
#define TRUNC_WORK_MAX ((double)(1u << 30))
/* The profile keeps T + 1 gradients side by side. */
#define TRUNC_SCRATCH_MAX ((size_t)64 << 20)
#define HEAD_ROWS 4 /* title, full gradient, two header rows */
#define LEGEND_ROWS 3
#define CHART_MIN_ROWS 8 /* title, 3 rows of plot, axis, ticks, events, legend */
#define K_COLS 12        /* the marker, "  K longer" */
#define BLOCK_COLS 22
#define NORM_COLS 7
#define ERR_COLS 7
#define COS_COLS 8

/* The parameters whose gradient truncation changes (V and c never flow
 * through time). */
static const enum rnn_param_id shown[] = {RNN_P_U, RNN_P_W, RNN_P_B};
#define NSHOWN (sizeof shown / sizeof shown[0])

/* A forward and a backward pass of up to K products with W^T per step, for
 * each K = 1..T. */
static double profile_cost(struct rnn_shape s, int T)
{
    double pass = (double)s.hidden * (s.hidden + 2.0 * s.vocab);
    return (double)T * T * (2.0 * pass + (T + 1) / 2.0 * s.hidden * (double)s.hidden);
}

/* The profile of the gradient the panes show (rnn_truncation_profile),
 * computed again after every model change (the view is stale then). */
struct trunc_view {
    struct rnn_truncation_row *rows;
    double *scratch;
    bool too_large, failed;
};

static bool trunc_open(void *state, const struct view_env *env, char *err, size_t cap)
{
    struct trunc_view *tv = state;
    struct rnn_shape shape = env->s->cfg.shape;
    int T = env->s->cfg.seq_len;
    size_t P = rnn_param_count(shape);
    tv->too_large = profile_cost(shape, T) > TRUNC_WORK_MAX ||
                    (size_t)(T + 1) * P > TRUNC_SCRATCH_MAX / sizeof(double);
    if (tv->too_large)
        return true; /* the view says so */
    tv->rows = calloc((size_t)T, sizeof *tv->rows);
    tv->scratch = calloc((size_t)(T + 1) * P, sizeof(double));
    if (tv->rows && tv->scratch)
        return true;
    snprintf(err, cap, "out of memory for the teaching views");
    return false;
}

static void trunc_close(void *state)
{
    struct trunc_view *tv = state;
    free(tv->rows);
    free(tv->scratch);
}

static void trunc_update(void *state, const struct frame *f, struct rnn_engine *e)
{
    (void)f;
    struct trunc_view *tv = state;
    if (!tv->too_large)
        tv->failed = !rnn_truncation_profile(e, tv->rows, tv->scratch);
}

/* The K in effect: 0 (off) and K >= T are full BPTT. */
static int current_k(const struct rnn_view *v)
{
    int K = v->settings.truncate;
    return K > 0 && K < v->T ? K : v->T;
}

static void draw_full(const struct trunc_view *tv, const struct frame *f, WINDOW *w)
{
    const struct theme *th = f->th;
    const struct rnn_truncation_row *full = &tv->rows[f->v.T - 1];
    char buf[FMT_NUM_CAP];
    int x = draw_str(w, 1, 1, th->attr[TH_DIM], "full BPTT:");
    for (size_t i = 0; i < NSHOWN; i++) {
        x = draw_fmt(w, 1, x + 2, th->attr[TH_DIM], "||dL/d%s||", rnn_param_name(shown[i]));
        x = draw_str(w, 1, x + 1, A_BOLD,
                     fmt_num(buf, sizeof buf, full->param[shown[i]].ref_norm, 0));
    }
}

static void draw_header(const struct frame *f, WINDOW *w)
{
    attr_t dim = f->th->attr[TH_DIM];
    draw_str(w, 2, 2, dim, "      paths");
    draw_str(w, 3, 2, dim, "  K  longer");
    for (size_t i = 0; i < NSHOWN; i++) {
        int x = K_COLS + 1 + (int)i * BLOCK_COLS;
        const char *name = rnn_param_name(shown[i]);
        draw_fmt(w, 2, x, dim, "  truncated dL/d%s", name);
        draw_fmt(w, 3, x, dim, "%*s%*s%*s", NORM_COLS, "norm", ERR_COLS, "err", COS_COLS, "cosine");
    }
}

/* err as a percentage: a student reads "13.0%" faster than 1.303e-01. */
static int draw_error(WINDOW *w, int y, int x, attr_t a, double err)
{
    if (!isfinite(err))
        return draw_fmt(w, y, x, a, "%*s", ERR_COLS, "inf");
    if (err * 100 >= 999.95)
        return draw_fmt(w, y, x, a, "%*.0f%%", ERR_COLS - 1, err * 100);
    return draw_fmt(w, y, x, a, "%*.1f%%", ERR_COLS - 1, err * 100);
}

static void draw_row(const struct rnn_truncation_row *r, const struct frame *f, WINDOW *w, int y,
                     bool current)
{
    const struct theme *th = f->th;
    attr_t a = current ? th->attr[TH_CURRENT] : A_NORMAL;
    char buf[FMT_NUM_CAP];
    draw_fmt(w, y, 1, a, " %3d %6.1f%%", r->K, r->long_path_share * 100);
    if (current) /* over the blank before K: the ASCII arrow takes two columns */
        draw_str(w, y, 0, a, th->g->arrow);
    for (size_t i = 0; i < NSHOWN; i++) {
        const struct rnn_grad_compare *c = &r->param[shown[i]];
        int x = K_COLS + 1 + (int)i * BLOCK_COLS;
        x = draw_str(w, y, x, a, fmt_cell(buf, sizeof buf, c->norm, NORM_COLS));
        x = draw_error(w, y, x, a, c->rel_error);
        draw_fmt(w, y, x, a, "%*.4f", COS_COLS, c->cosine);
    }
}

static void draw_legend(const struct frame *f, WINDOW *w, int first, int last)
{
    attr_t dim = f->th->attr[TH_DIM];
    int y = getmaxy(w) - LEGEND_ROWS, T = f->v.T;
    draw_str(w, y, 1, dim,
             "longer: share of dL/dW from paths longer than K; V and c are exact at any K");
    draw_str(w, y + 1, 1, dim,
             "err: ||g_K - g||/||g||; cosine of g_K to the full g (+-1 for a single entry)");
    int x = draw_str(w, y + 2, 1, f->th->attr[TH_TITLE], "{ } change K");
    x = draw_str(w, y + 2, x, dim, "  F forks a run: change K in one, compare the losses");
    if (first > 1 || last < T)
        draw_fmt(w, y + 2, x + 2, f->th->attr[TH_TITLE], "rows %d-%d of %d, j/k", first, last, T);
}

/* The loss chart of this run and the forked ghost (F), each named with the
 * K it trains with when the two differ. */
static void draw_chart(const struct frame *f, WINDOW *w, int y, int rows)
{
    WINDOW *cw = derwin(w, rows, getmaxx(w), y, 0);
    if (!cw)
        return;
    chart_draw_in(f, cw, false,
                  f->ghost_log ? "Loss per epoch: this run and the ghost run (l: full screen)"
                               : "Loss per epoch (F forks a ghost run: then { } and compare)");
    delwin(cw);
}

static void trunc_draw(const void *state, const struct frame *f, WINDOW *w)
{
    const struct trunc_view *tv = state;
    const struct rnn_view *v = &f->v;
    int K = current_k(v);
    char title[96];
    /* The profile leaves an injected bug out (the panes show its gradient):
     * the title says so, so that the row of K and the pane never read as one. */
    if (v->settings.bug != RNN_BUG_NONE)
        snprintf(title, sizeof title, "Truncated BPTT, without the bug %s: K=%d of T=%d (K closes)",
                 rnn_bug_name(v->settings.bug), K, v->T);
    else
        snprintf(title, sizeof title,
                 "Truncated BPTT: each L_t reaches back K steps, K=%d of T=%d (K closes)", K, v->T);
    draw_title(w, f->th, title);
    if (tv->too_large) {
        draw_str(w, 2, 1, A_NORMAL, "This window is too long for a live profile (T gradients,");
        draw_str(w, 3, 1, A_NORMAL, "about a second or more): rnnstep --gradcheck --truncate K");
        draw_str(w, 4, 1, A_NORMAL, "reports the bias of one K.");
        return;
    }
    if (tv->failed) {
        draw_str(w, 2, 1, f->th->attr[TH_WARN], "out of memory for the truncation profile");
        return;
    }
    draw_full(tv, f, w);
    draw_header(f, w);
    int rows = getmaxy(w) - HEAD_ROWS - LEGEND_ROWS;
    if (rows < 1)
        return;
    if (rows - v->T >= CHART_MIN_ROWS) { /* room for the runs' losses below the table */
        draw_chart(f, w, HEAD_ROWS + v->T, rows - v->T);
        rows = v->T;
    }
    /* Keep the K in effect in view, shifted by j/k. */
    int first = K - rows / 2 + f->scroll;
    first = first > v->T - rows + 1 ? v->T - rows + 1 : first;
    first = first < 1 ? 1 : first;
    int last = first + rows - 1 < v->T ? first + rows - 1 : v->T;
    for (int k = first; k <= last; k++)
        draw_row(&tv->rows[k - 1], f, w, HEAD_ROWS + k - first, k == K);
    draw_legend(f, w, first, last);
}

const struct view_ops view_truncation = {
    .name = "truncation",
    .state_size = sizeof(struct trunc_view),
    .open = trunc_open,
    .close = trunc_close,
    .update = trunc_update,
    .draw = trunc_draw,
};
