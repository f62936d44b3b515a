/* Diagnostics (D): the numbers practitioners watch (rnn_diagnostics_compute):
 * the initial loss against T ln(vocab), the share of saturated hidden units,
 * ||update|| / ||parameter|| and the gradient norm per parameter, and what
 * element-wise and norm clipping would make of the current gradient
 * (rnn_clip_compare). */
#include <math.h>
#include <stdio.h>

#include "diagnostics.h"
#include "draw.h"
#include "view.h"

#define LABEL_COLS 19
#define CELL_COLS 11
#define CAND_COLS 40
/* What the candidates assume for a clipping that is off: c's default, and a
 * norm bound of 1 (as --diagnostics). */
#define CLIP_CANDIDATE 0.5
#define NORM_CANDIDATE 1.0

void clip_candidates_derive(const struct rnn_view *v, struct clip_candidates *out)
{
    out->clip = v->settings.clip > 0 ? v->settings.clip : CLIP_CANDIDATE;
    out->clip_norm = v->settings.clip_norm > 0 ? v->settings.clip_norm : NORM_CANDIDATE;
    out->entries = rnn_param_count(v->shape);
    rnn_clip_compare(v->grad.U, out->entries, out->clip, out->clip_norm, &out->c);
}

void diagnostics_derive(const struct frame *f, struct rnn_engine *e, struct diagnostics *d)
{
    rnn_diagnostics_compute(e, &f->v, &d->d);
    clip_candidates_derive(&f->v, &d->cand);
}

static void diag_update(void *state, const struct frame *f, struct rnn_engine *e)
{
    diagnostics_derive(f, e, state);
}

/* %.3e, or a dash for a ratio not known yet (before the first update). */
static const char *sci(char *buf, size_t cap, double x)
{
    if (isnan(x))
        snprintf(buf, cap, "-");
    else
        snprintf(buf, cap, "%.3e", x);
    return buf;
}

static void draw_per_param(const struct frame *f, WINDOW *w, int y, const char *label,
                           const double *x, const char *note)
{
    char buf[32];
    draw_str(w, y, 1, f->th->attr[TH_DIM], label);
    for (int id = 0; id < RNN_P_COUNT; id++)
        draw_fmt(w, y, LABEL_COLS + id * CELL_COLS, A_NORMAL, "%*s", CELL_COLS,
                 sci(buf, sizeof buf, x[id]));
    draw_str(w, y, LABEL_COLS + RNN_P_COUNT * CELL_COLS + 2, f->th->attr[TH_DIM], note);
}

static void draw_losses(const struct diagnostics *d, const struct frame *f, WINDOW *w)
{
    const struct rnn_view *v = &f->v;
    attr_t dim = f->th->attr[TH_DIM];
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP];
    draw_str(w, 1, 1, dim, "initial loss");
    if (isnan(d->d.initial_loss)) {
        draw_str(w, 1, LABEL_COLS, dim, "(after the first forward pass)");
    } else {
        int x = draw_str(w, 1, LABEL_COLS, A_BOLD, fmt_num(a, sizeof a, d->d.initial_loss, 0));
        draw_fmt(w, 1, x + 2, dim, "against T ln(vocab) = %d x ln %d = %s", v->T, v->shape.vocab,
                 fmt_num(b, sizeof b, d->d.uniform_loss, 0));
        draw_str(w, 2, LABEL_COLS, dim,
                 d->d.initial_loss > d->d.uniform_loss
                     ? "(what guessing uniformly scores: this start is worse)"
                     : "(what guessing uniformly scores: this start is better)");
    }
    draw_str(w, 3, 1, dim, "saturated units");
    if (!d->d.saturated_of) {
        draw_str(w, 3, LABEL_COLS, dim, "(after the first forward step)");
        return;
    }
    int x = draw_fmt(w, 3, LABEL_COLS, A_BOLD, "%.1f%%", d->d.saturated * 100);
    draw_fmt(w, 3, x + 2, dim, "of %zu values |h| > %.2f (h_1..h_%d: tanh gate below 0.02)",
             d->d.saturated_of, RNN_SATURATION, v->forward_done);
}

/* A candidate's row: its label, norm and cosine to the raw gradient, a note. */
static void draw_candidate(const struct frame *f, WINDOW *w, int y, const char *label, double on,
                           double norm, double cosine, const char *note)
{
    char a[FMT_NUM_CAP];
    draw_fmt(w, y, 3, A_NORMAL, "%s at %g", label, on);
    draw_str(w, y, CAND_COLS, A_NORMAL, fmt_num(a, sizeof a, norm, 8));
    draw_fmt(w, y, CAND_COLS + 8, A_NORMAL, "%9.4f", cosine);
    draw_str(w, y, CAND_COLS + 19, f->th->attr[TH_DIM], note);
}

static void draw_candidates(const struct diagnostics *d, const struct frame *f, WINDOW *w, int y)
{
    attr_t dim = f->th->attr[TH_DIM];
    const struct clip_candidates *cc = &d->cand;
    const struct rnn_clip_compare *c = &cc->c;
    const struct rnn_settings *s = &f->v.settings;
    char a[FMT_NUM_CAP], note[64];
    draw_fmt(w, y, 1, dim,
             "Clipping this gradient (norm %s):", fmt_num(a, sizeof a, c->raw_norm, 0));
    draw_str(w, y, CAND_COLS + 4, dim, "norm   cosine to it");
    snprintf(note, sizeof note, "%zu of %zu clipped%s", c->element_clipped, cc->entries,
             s->clip > 0 ? " (on)" : "");
    draw_candidate(f, w, y + 1, "element-wise", cc->clip, c->element_norm, c->element_cosine, note);
    snprintf(note, sizeof note, "scale %.4g%s", c->norm_scale, s->clip_norm > 0 ? " (on)" : "");
    draw_candidate(f, w, y + 2, "by norm", cc->clip_norm, c->norm_norm, c->norm_cosine, note);
}

static void diag_draw(const void *state, const struct frame *f, WINDOW *w)
{
    const struct diagnostics *d = state;
    attr_t dim = f->th->attr[TH_DIM];
    draw_title(w, f->th, "Diagnostics: the numbers practitioners watch (D closes)");
    draw_losses(d, f, w);
    draw_str(w, 5, 1, dim, "per parameter");
    for (int id = 0; id < RNN_P_COUNT; id++)
        draw_fmt(w, 5, LABEL_COLS + id * CELL_COLS, dim, "%*s", CELL_COLS,
                 rnn_param_name((enum rnn_param_id)id));
    draw_per_param(f, w, 6, "||update||/||par||", d->d.update_ratio, "");
    draw_per_param(f, w, 7, "||dL/d par||", d->d.grad_norm, "");
    draw_str(w, 8, 1, dim,
             d->d.has_update ? "(the update ratio of the last update: about 1e-3 is healthy)"
                             : "(the update ratio comes with the first update)");
    draw_candidates(d, f, w, 10);
}

const struct view_ops view_diagnostics = {
    .name = "diagnostics",
    .state_size = sizeof(struct diagnostics),
    .update = diag_update,
    .draw = diag_draw,
};
