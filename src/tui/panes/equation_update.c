/* The equation pane's update: old - lr * grad = new (or the optimiser's own
 * step with its state) for every parameter entry shown, with clipping. */
#include <stdio.h>

#include "draw.h"
#include "equation.h"

/* An update entry is "NAME old - lr(grad) = new": the name, then 34 columns
 * for SGD, more for the optimisers that show their state (momentum,
 * adagrad, adam); with clipping on, "clip(grad) = applied" takes 24 more. */
static const int update_values_cols[RNN_OPT_COUNT] = {35, 66, 69, 74};
#define UPDATE_CLIP_COLS 24

/* The selected unit's entries only when the hidden size is above 1. */
static bool entry_shown(const struct eq *q, enum rnn_param_id id, int r, int c)
{
    int u = q->f->unit;
    if (q->f->v.shape.hidden == 1 || id == RNN_P_C)
        return true;
    return id == RNN_P_V ? c == u : r == u;
}

static int update_name_cols(const struct eq *q)
{
    return q->f->v.shape.hidden == 1 ? 5 : 10;
}

static bool clipping_on(const struct eq *q)
{
    return q->f->v.settings.clip > 0.0;
}

/* The columns update_values_cols counts for the learning rate ("0.1"):
 * a longer one ("1e+09", "0.0125") widens every entry that shows it. */
#define UPDATE_LR_COLS 3

static int update_lr_extra(const struct eq *q)
{
    char lr[32];
    if (q->f->v.settings.optimizer == RNN_OPT_ADAM) /* its step s hides the lr */
        return 0;
    int n = snprintf(lr, sizeof lr, "%g", q->f->v.settings.lr);
    return n > UPDATE_LR_COLS ? n - UPDATE_LR_COLS : 0;
}

static int update_pitch(const struct eq *q, bool clip_text)
{
    return update_name_cols(q) + update_values_cols[q->f->v.settings.optimizer] +
           update_lr_extra(q) + (clip_text ? UPDATE_CLIP_COLS : 0);
}

/* With clipping on, each clipped entry is followed by "clip(g) = value" when
 * the list still shows every entry it would show without it; otherwise
 * (80x24: two columns without, one with) the entries keep their places and
 * a clipped one is marked '*' after its name (its g in the update is the
 * clipped value, the gradients pane shows the unclipped one; zoomed, the
 * equation pane has the room for the text). */
static bool clip_marks_only(const struct eq *q, int entries, int rows)
{
    if (!clipping_on(q))
        return false;
    int plain = (q->width + 1) / update_pitch(q, false);
    int full = (q->width + 1) / update_pitch(q, true);
    int want = entries < rows * plain ? entries : rows * plain;
    return full < 1 || rows * full < want;
}

/* "clip(g) = applied", marked, after an entry clipping changed. */
static void draw_clipped(struct eq *q, int y, int x, size_t i)
{
    const struct rnn_view *v = &q->f->v;
    if (!rnn_entry_clipped(&q->f->v, i))
        return;
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP];
    fmt_num(a, sizeof a, v->grad.U[i], 7);
    fmt_num(b, sizeof b, v->applied.U[i], 7);
    draw_fmt(q->w, y, x, q->f->th->attr[TH_BAD], " clip(%s) = %s", a, b);
}

/* The optimiser's state step for entry i, "state: old-state op g = new-state";
 * returns the column after it. SGD keeps no state. */
static int draw_state_step(struct eq *q, int y, int x, size_t i)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    char s0[FMT_NUM_CAP], s1[FMT_NUM_CAP], gr[FMT_NUM_CAP], m0[FMT_NUM_CAP], m1[FMT_NUM_CAP];
    fmt_num(gr, sizeof gr, v->applied.U[i], 7);
    switch (v->settings.optimizer) {
    case RNN_OPT_MOMENTUM:
        return draw_fmt(q->w, y, x, A_NORMAL, "v %g%s(%s) - %g%s(%s) = %s; ", RNN_MOMENTUM_MU,
                        g->times, fmt_num(s0, sizeof s0, v->opt_before.U[i], 7), v->settings.lr,
                        g->times, gr, fmt_num(s1, sizeof s1, v->opt_state.U[i], 7));
    case RNN_OPT_ADAGRAD:
        return draw_fmt(q->w, y, x, A_NORMAL, "G %s + (%s)%s = %s; ",
                        fmt_num(s0, sizeof s0, v->opt_before.U[i], 7), gr, g->sq,
                        fmt_num(s1, sizeof s1, v->opt_state.U[i], 7));
    case RNN_OPT_ADAM: /* v is about g^2 / 1000: four decimals would show 0 */
        snprintf(s0, sizeof s0, "%8.2e", v->opt_before2.U[i]);
        snprintf(s1, sizeof s1, "%8.2e", v->opt_state2.U[i]);
        return draw_fmt(q->w, y, x, A_NORMAL, "m %s%s%s v %s%s%s g %s; ",
                        fmt_num(m0, sizeof m0, v->opt_before.U[i], 7), g->arrow,
                        fmt_num(m1, sizeof m1, v->opt_state.U[i], 7), s0, g->arrow, s1, gr);
    default: return x;
    }
}

/* "old - lr x g = " or the optimiser's own step from old to new. */
static int draw_param_step(struct eq *q, int y, int x, size_t i)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP];
    fmt_num(a, sizeof a, v->before.U[i], 7);
    fmt_num(b, sizeof b, v->applied.U[i], 7);
    switch (v->settings.optimizer) {
    case RNN_OPT_MOMENTUM: return draw_fmt(q->w, y, x, A_NORMAL, "%s + v = ", a);
    case RNN_OPT_ADAGRAD:
        return draw_fmt(q->w, y, x, A_NORMAL, "%s - %g%sg/sqrt(G) = ", a, v->settings.lr, g->times);
    case RNN_OPT_ADAM: return draw_fmt(q->w, y, x, A_NORMAL, "%s - s = ", a);
    default:
        return draw_fmt(q->w, y, x, A_NORMAL, "%s - %g%s(%s) = ", a, v->settings.lr, g->times, b);
    }
}

static void draw_update_entry(struct eq *q, int y, int x, const char *name, size_t i)
{
    const struct rnn_view *v = &q->f->v;
    char c[FMT_NUM_CAP], padded[64];
    fmt_num(c, sizeof c, v->theta.U[i], 7);
    draw_pad(padded, sizeof padded, name, update_name_cols(q)); /* "%-*s" counts bytes */
    int end = draw_fmt(q->w, y, x, A_NORMAL, "%s ", padded);
    if (q->clip_marks && rnn_entry_clipped(v, i))
        draw_str(q->w, y, x + draw_width(name), q->f->th->attr[TH_BAD] | A_BOLD, "*");
    end = draw_state_step(q, y, end, i);
    end = draw_param_step(q, y, end, i);
    end = draw_str(q->w, y, end, theme_signed(q->f->th, v->theta.U[i]) | A_BOLD, c);
    if (clipping_on(q) && !q->clip_marks)
        draw_clipped(q, y, end, i);
}

/* How many entries the update lists. */
static int update_entries(const struct eq *q)
{
    int n = 0;
    for (int id = 0; id < RNN_P_COUNT; id++) {
        int R, C;
        rnn_param_dims(q->f->v.shape, (enum rnn_param_id)id, &R, &C);
        for (int r = 0; r < R; r++)
            for (int c = 0; c < C; c++)
                n += entry_shown(q, (enum rnn_param_id)id, r, c);
    }
    return n;
}

/* "Equation: HEAD: FORMULA" when it fits the pane's title row, else
 * without "Equation: ", else without the formula (each entry's line shows
 * its numbers): a title is never cut. */
static void draw_update_title(struct eq *q, const char *head, const char *formula)
{
    char title[320];
    int room = getmaxx(q->w) - 3;
    snprintf(title, sizeof title, "Equation: %s: %s", head, formula);
    if (draw_width(title) > room)
        snprintf(title, sizeof title, "%s: %s", head, formula);
    if (draw_width(title) > room)
        snprintf(title, sizeof title, "Equation: %s", head);
    draw_title(q->w, q->f->th, title);
}

void eq_draw_update(struct eq *q)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int rows = getmaxy(q->w) - 1, entries = update_entries(q);
    q->clip_marks = clip_marks_only(q, entries, rows);
    /* The limit itself is on the status line and in each clip(g) = value;
     * norm clipping scales every entry by one factor, given here. */
    char clip[32];
    int len = snprintf(clip, sizeof clip, "%s",
                       q->clip_marks    ? ", * clipped"
                       : clipping_on(q) ? ", clipping on"
                                        : "");
    if (v->settings.clip_norm > 0.0)
        snprintf(clip + len, sizeof clip - (size_t)len,
                 v->clip_scale < 1.0 ? ", scaled by %.4g" : ", norm within %g",
                 v->clip_scale < 1.0 ? v->clip_scale : v->settings.clip_norm);
    const char *grad = clipping_on(q) ? "clip(dL/d)" : "dL/d(param)";
    double lr = v->settings.lr;
    char head[96], formula[192];
    switch (v->settings.optimizer) {
    case RNN_OPT_MOMENTUM:
        snprintf(head, sizeof head, "update (momentum%s)", clip);
        snprintf(formula, sizeof formula, "v = %g v - %s g, new = old + v, %s = %g",
                 RNN_MOMENTUM_MU, g->eta, g->eta, lr);
        break;
    case RNN_OPT_ADAGRAD:
        snprintf(head, sizeof head, "update (adagrad%s)", clip);
        snprintf(formula, sizeof formula, "G += g%s, new = old - %s g/sqrt(G + %g), %s = %g", g->sq,
                 g->eta, RNN_ADAGRAD_EPS, g->eta, lr);
        break;
    case RNN_OPT_ADAM:
        snprintf(head, sizeof head, "update (adam%s, c1 %.4f, c2 %.4f)", clip, v->adam_c1,
                 v->adam_c2);
        snprintf(formula, sizeof formula,
                 "s = %g(m/c1)/(sqrt(v/c2)+%g), m = %g m + %g g, v = %g v + %g g%s", lr,
                 RNN_ADAM_EPS, RNN_ADAM_BETA1, 1.0 - RNN_ADAM_BETA1, RNN_ADAM_BETA2,
                 1.0 - RNN_ADAM_BETA2, g->sq);
        break;
    default:
        snprintf(head, sizeof head, "update (SGD%s)", clip);
        snprintf(formula, sizeof formula, "new = old - %s %s %s, %s = %g", g->eta, g->times, grad,
                 g->eta, lr);
    }
    if (q->st->exploded) { /* the explosion pause: what either clipping makes of this step */
        snprintf(head, sizeof head, "exploded update |g| %.4f", q->st->cand.c.raw_norm);
        snprintf(formula, sizeof formula, "clip %g cos %.4f, by norm %g scale %.4g",
                 q->st->cand.clip, q->st->cand.c.element_cosine, q->st->cand.clip_norm,
                 q->st->cand.c.norm_scale);
    }
    draw_update_title(q, head, formula);
    int pitch = update_pitch(q, clipping_on(q) && !q->clip_marks);
    int cols = (q->width + 1) / pitch;
    if (rows < 1 || cols < 1)
        return;
    struct rnn_shape shape = v->shape;
    if ((entries + cols - 1) / cols < rows)
        rows = (entries + cols - 1) / cols; /* the ledger gets the rest */
    q->y = 1 + rows;
    int n = 0, capacity = rows * cols;
    for (int id = 0; id < RNN_P_COUNT; id++) {
        int R, C;
        rnn_param_dims(shape, (enum rnn_param_id)id, &R, &C);
        size_t off = rnn_param_offset(shape, (enum rnn_param_id)id);
        for (int r = 0; r < R; r++)
            for (int c = 0; c < C; c++) {
                if (!entry_shown(q, (enum rnn_param_id)id, r, c))
                    continue;
                if (n == capacity - 1 && entries > capacity) { /* the last slot says so */
                    draw_fmt(q->w, 1 + n % rows, 1 + (n / rows) * pitch, A_NORMAL,
                             "%s %d more (z: the equation pane alone)", g->ellipsis, entries - n);
                    return;
                }
                char name[48];
                draw_entry_name(q->f, (enum rnn_param_id)id, r, c, name, sizeof name);
                draw_update_entry(q, 1 + n % rows, 1 + (n / rows) * pitch, name,
                                  off + (size_t)r * C + c);
                n++;
            }
    }
}
