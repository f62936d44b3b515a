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
#define CELL_COLS 12 /* "n/a, was 0" and two blanks; 5 of them end at column 79 */
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

static void draw_per_param(const struct frame *f, WINDOW *w, int y, const char *label,
                           char (*text)[RNN_DIAG_TEXT_CAP])
{
    draw_str(w, y, 1, f->th->attr[TH_DIM], label);
    for (int id = 0; id < RNN_P_COUNT; id++)
        draw_fmt(w, y, LABEL_COLS + id * CELL_COLS, A_NORMAL, "%*s", CELL_COLS, text[id]);
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
    if (isnan(d->d.saturated)) {
        draw_str(w, 3, LABEL_COLS, f->th->attr[TH_WARN], "nan: h is not finite");
        return;
    }
    /* Two rows: "100.0%" and a long window would run off an 80-column row. */
    int x = draw_fmt(w, 3, LABEL_COLS, A_BOLD, "%.1f%%", d->d.saturated * 100);
    draw_fmt(w, 3, x + 2, dim, "of %zu values |h| > %.2f in h_1..h_%d", d->d.saturated_of,
             RNN_SATURATION, v->forward_done);
    draw_str(w, 4, LABEL_COLS, dim, "(where the tanh gate is below 0.02 and blocks the gradient)");
}

/* A candidate's row: its label, norm and cosine to the raw gradient, a note. */
static void draw_candidate(const struct frame *f, WINDOW *w, int y, const char *label, double on,
                           double norm, double cosine, const char *note)
{
    char a[FMT_NUM_CAP];
    draw_fmt(w, y, 3, A_NORMAL, "%s at %g", label, on);
    draw_str(w, y, CAND_COLS, A_NORMAL, fmt_num(a, sizeof a, norm, 8));
    if (isnan(cosine)) /* printf's "-nan" */
        draw_fmt(w, y, CAND_COLS + 8, A_NORMAL, "%9s", "nan");
    else
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
    int x = draw_fmt(w, y, 1, dim,
                     "Clipping this gradient (norm %s):", fmt_num(a, sizeof a, c->raw_norm, 0));
    /* A long raw norm pushes the heading right rather than into it. */
    draw_str(w, y, x + 2 > CAND_COLS + 4 ? x + 2 : CAND_COLS + 4, dim, "norm   cosine to it");
    snprintf(note, sizeof note, "%zu of %zu clipped%s", c->element_clipped, cc->entries,
             s->clip > 0 ? " (on)" : "");
    draw_candidate(f, w, y + 1, "element-wise", cc->clip, c->element_norm, c->element_cosine, note);
    snprintf(note, sizeof note, "scale %.4g%s", c->norm_scale, s->clip_norm > 0 ? " (on)" : "");
    draw_candidate(f, w, y + 2, "by norm", cc->clip_norm, c->norm_norm, c->norm_cosine, note);
}

/* What the update ratios mean, and why one has none. */
static void draw_ratio_note(const struct rnn_diagnostics *d, const struct frame *f, WINDOW *w,
                            int y)
{
    bool was_zero = false, finite = true;
    for (int id = 0; id < RNN_P_COUNT; id++) {
        was_zero = was_zero || d->was_zero[id];
        finite = finite && (d->was_zero[id] || isfinite(d->update_ratio[id]));
    }
    draw_str(w, y, 1, f->th->attr[TH_DIM],
             !d->has_update ? "(the update ratio comes with the first update)"
             : !finite      ? "(nan or inf: the last update left the parameters not finite)"
             : was_zero ? "(n/a: the parameter was all 0 before the update; about 1e-3 is healthy)"
                        : "(the update ratio of the last update: about 1e-3 is healthy)");
}

/* Which gradient the norms are of, so that mid-backward (a partial sum) and
 * after an update (the one applied) each read as what the other panes show. */
static void draw_gradient_note(const struct frame *f, WINDOW *w, int y)
{
    const struct rnn_view *v = &f->v;
    attr_t dim = f->th->attr[TH_DIM];
    if (v->pos == 0 && v->has_last)
        draw_str(w, y, 1, dim, "(dL/d par: the last update's gradient, before any clipping)");
    else if (v->backward_low > v->T)
        draw_str(w, y, 1, dim, "(dL/d par: none yet, the backward steps add it up)");
    else if (v->backward_low > 1)
        draw_fmt(w, y, 1, dim, "(dL/d par: added up so far, t = %d..%d of 1..%d)", v->backward_low,
                 v->T, v->T);
    else
        draw_str(w, y, 1, dim, "(dL/d par: the whole window's, which the update applies next)");
}

static void diag_draw(const void *state, const struct frame *f, WINDOW *w)
{
    const struct diagnostics *d = state;
    attr_t dim = f->th->attr[TH_DIM];
    draw_title(w, f->th, "Diagnostics: the numbers practitioners watch (D closes)");
    draw_losses(d, f, w);
    int y = 6; /* below the losses and a blank row */
    draw_str(w, y, 1, dim, "per parameter");
    for (int id = 0; id < RNN_P_COUNT; id++)
        draw_fmt(w, y, LABEL_COLS + id * CELL_COLS, dim, "%*s", CELL_COLS,
                 rnn_param_name((enum rnn_param_id)id));
    struct rnn_diagnostics_text text;
    rnn_diagnostics_write(&d->d, &text);
    draw_per_param(f, w, y + 1, "||update||/||par||", text.update_ratio);
    draw_per_param(f, w, y + 2, "||dL/d par||", text.grad_norm);
    draw_ratio_note(&d->d, f, w, y + 3);
    draw_gradient_note(f, w, y + 4);
    draw_candidates(d, f, w, y + 6);
}

const struct view_ops view_diagnostics = {
    .name = "diagnostics",
    .state_size = sizeof(struct diagnostics),
    .update = diag_update,
    .draw = diag_draw,
};
