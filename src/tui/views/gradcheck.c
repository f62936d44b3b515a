/* Gradient check view (g): BPTT against central finite differences for
 * every parameter entry of the gradient the panes show (right after an
 * update the one it applied, else this window's at the current parameters),
 * with the relative error and the verdict of rnn_gradcheck_judge (the same
 * as --gradcheck); the entry nearest its limit per parameter on top.
 * Computed again after every model change (the view is stale then). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "rnnstep/analysis.h"
#include "view.h"

/* Multiply-adds of a live check (2 forward passes per entry), about a second. */
#define GRADCHECK_WORK_MAX ((double)(1u << 30))
#define LIST_Y (RNN_P_COUNT + 3)
#define NAME_COLS 13

static double check_cost(struct rnn_shape s, int T)
{
    return 2.0 * (double)rnn_param_count(s) * T * s.hidden * (double)(s.hidden + 2 * s.vocab);
}

struct gradcheck_view {
    double *analytic, *numeric;
    struct rnn_gradcheck_result result;
    bool too_large;
};

static bool gradcheck_open(void *state, const struct view_env *env, char *err, size_t cap)
{
    struct gradcheck_view *gc = state;
    size_t P = rnn_param_count(env->s->cfg.shape);
    gc->analytic = calloc(P, sizeof(double));
    gc->numeric = calloc(P, sizeof(double));
    if (gc->analytic && gc->numeric)
        return true;
    snprintf(err, cap, "out of memory for the teaching views");
    return false;
}

static void gradcheck_close(void *state)
{
    struct gradcheck_view *gc = state;
    free(gc->analytic);
    free(gc->numeric);
}

static void gradcheck_update(void *state, const struct frame *f, struct rnn_engine *e)
{
    struct gradcheck_view *gc = state;
    gc->too_large = check_cost(f->v.shape, f->v.T) > GRADCHECK_WORK_MAX;
    if (!gc->too_large)
        rnn_gradcheck_run(e, gc->analytic, gc->numeric, &gc->result);
}

static void draw_error(const struct frame *f, WINDOW *w, int y, int x, double err, bool ok)
{
    const struct theme *th = f->th;
    x = draw_fmt(w, y, x, ok ? A_NORMAL : th->attr[TH_BAD], "%9.1e ", err);
    draw_str(w, y, x, th->attr[ok ? TH_GOOD : TH_BAD], ok ? th->g->check : th->g->cross);
}

static void draw_summary(const struct gradcheck_view *gc, const struct frame *f, WINDOW *w)
{
    const struct theme *th = f->th;
    const struct rnn_gradcheck_result *r = &gc->result;
    draw_fmt(w, 1, 1, th->attr[TH_DIM],
             "passes if |a-n| <= %g(|a|+|n|) + noise floor %.1e; nearest its limit:", r->tolerance,
             r->noise);
    for (int id = 0; id < RNN_P_COUNT; id++) {
        const struct rnn_gradcheck_param *p = &r->param[id];
        size_t at = p->at;
        int rows, cols;
        rnn_param_dims(f->v.shape, id, &rows, &cols);
        char name[48];
        draw_entry_name(f, id, (int)(at / (size_t)cols), (int)(at % (size_t)cols), name,
                        sizeof name);
        draw_fmt(w, 2 + id, 3, A_NORMAL, "%-2s %3dx%-3d nearest", rnn_param_name(id), rows, cols);
        draw_str(w, 2 + id, 25, A_NORMAL, name);
        draw_error(f, w, 2 + id, 38, p->rel_error, p->failed == 0);
        if (p->failed)
            draw_fmt(w, 2 + id, 50, th->attr[TH_BAD], "%zu failed", p->failed);
    }
}

static void draw_list(const struct gradcheck_view *gc, const struct frame *f, WINDOW *w)
{
    const struct theme *th = f->th;
    size_t P = rnn_param_count(f->v.shape);
    int rows = getmaxy(w) - LIST_Y - 1;
    if (rows < 1)
        return;
    long first = f->scroll < 0 ? 0 : f->scroll;
    if (first > (long)P - rows)
        first = (long)P - rows > 0 ? (long)P - rows : 0;
    draw_fmt(w, LIST_Y - 1, 1, th->attr[TH_DIM],
             "entry            BPTT     numeric   rel err    (%zu entries, j/k scroll)", P);
    for (int id = 0, y = LIST_Y; id < RNN_P_COUNT; id++) {
        int prow, pcol;
        rnn_param_dims(f->v.shape, id, &prow, &pcol);
        size_t off = rnn_param_offset(f->v.shape, id);
        for (size_t i = 0; i < (size_t)prow * pcol; i++) {
            long at = (long)(off + i) - first;
            if (at < 0 || at >= rows)
                continue;
            char name[48];
            draw_entry_name(f, id, (int)(i / (size_t)pcol), (int)(i % (size_t)pcol), name,
                            sizeof name);
            double a = gc->analytic[off + i], n = gc->numeric[off + i];
            draw_str(w, y + (int)at, 1, A_NORMAL, name);
            int x = draw_num(w, y + (int)at, NAME_COLS, th, A_NORMAL, a, 10);
            x = draw_num(w, y + (int)at, x, th, A_NORMAL, n, 10);
            draw_error(f, w, y + (int)at, x, rnn_relative_error(a, n),
                       rnn_gradcheck_entry_ok(a, n, gc->result.tolerance, gc->result.noise));
        }
    }
}

/* With a lab setting on, the title says what BPTT computes: an injected bug
 * makes the check fail where it corrupts the gradient; truncation makes a
 * biased gradient by design. */
static void draw_gradcheck_title(const struct frame *f, WINDOW *w)
{
    const struct rnn_settings *s = &f->v.settings;
    char title[96];
    if (s->bug != RNN_BUG_NONE)
        snprintf(title, sizeof title, "Gradient check: BPTT with the bug %s vs central differences",
                 rnn_bug_name(s->bug));
    else if (s->truncate > 0 && s->truncate < f->v.T)
        snprintf(title, sizeof title,
                 "Gradient check: BPTT truncated to K=%d (biased by design) vs differences",
                 s->truncate);
    else
        snprintf(title, sizeof title,
                 "Gradient check: BPTT vs central differences, eps 1e-5 (g closes)");
    draw_title(w, f->th, title);
}

static void gradcheck_draw(const void *state, const struct frame *f, WINDOW *w)
{
    const struct gradcheck_view *gc = state;
    draw_gradcheck_title(f, w);
    if (gc->too_large) {
        draw_str(w, 2, 1, A_NORMAL, "This model is too large for a live check (about a second");
        draw_str(w, 3, 1, A_NORMAL, "or more); rnnstep --gradcheck with the same options runs it.");
        return;
    }
    draw_summary(gc, f, w);
    draw_list(gc, f, w);
}

const struct view_ops view_gradcheck = {
    .name = "gradcheck",
    .state_size = sizeof(struct gradcheck_view),
    .open = gradcheck_open,
    .close = gradcheck_close,
    .update = gradcheck_update,
    .draw = gradcheck_draw,
};
