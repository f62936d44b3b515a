/* The equation pane's backward step: the gradient terms of BPTT at step t
 * with (yhat_t - y_t), dL/dh_t as its two parts, and what goes on to h_(t-1).
 * With an injected bug the formulas are the ones the engine computed, and
 * the wrong term is marked (TH_BAD and a cross); truncation says how far the
 * future reaches. */
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "equation.h"

/* The injected bug of the current settings (the ledger's earlier steps are
 * drawn with them too). */
static enum rnn_bug bug(const struct eq *q)
{
    return q->f->v.settings.bug;
}

/* Attributes of a line: TH_BAD when the bug makes it wrong. */
static attr_t wrong_if(const struct eq *q, bool wrong, attr_t a)
{
    return wrong ? theme_combine(q->f->th->attr[TH_BAD], a) : a;
}

/* " ✗" after a wrong term, "" otherwise. */
static const char *cross_if(const struct eq *q, bool wrong)
{
    static char buf[16];
    snprintf(buf, sizeof buf, " %s", q->f->th->g->cross);
    return wrong ? buf : "";
}

/* "yhat_t - y_t", or with the sign bug the printed formulas' "y_t - yhat_t". */
static const char *dy_term(const struct eq *q, int t, char *buf, size_t cap)
{
    const char *yhat = q->f->th->g->yhat;
    if (bug(q) == RNN_BUG_SIGN)
        snprintf(buf, cap, "y_%d - %s_%d", t, yhat, t);
    else
        snprintf(buf, cap, "%s_%d - y_%d", yhat, t, t);
    return buf;
}

/* The truncation in effect, 0 for none. */
static int truncation(const struct eq *q)
{
    int K = q->f->v.settings.truncate;
    return K > 0 && K < q->f->v.T ? K : 0;
}

/* yhat_t - y_t written out, "[yhat] - [one-hot] = [difference]", when the
 * pane is wide enough for the three vectors, else "yhat_t - [one-hot] = [..]";
 * with the sign bug the other way round, marked. */
static void draw_output_gradient(struct eq *q, int t, const double *dy)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int K = v->shape.vocab;
    bool sign = bug(q) == RNN_BUG_SIGN;
    attr_t a = wrong_if(q, sign, A_BOLD);
    char oh[2 * EQ_ONEHOT_MAX + 16], yh[DRAW_LINE_CAP], d[DRAW_LINE_CAP], term[32];
    eq_onehot(q, oh, sizeof oh, v->targets[t - 1]);
    dy_term(q, t, term, sizeof term);
    int full = 2 * (8 * K + 1) + (int)strlen(oh) + 24 + (sign ? 2 : 0);
    if (K <= EQ_ONEHOT_MAX && full <= q->width) {
        fmt_vec(yh, sizeof yh, v->y + (size_t)(t - 1) * K, K, 1, q->width, g->ellipsis);
        fmt_vec(d, sizeof d, dy, K, 1, q->width, g->ellipsis);
        eq_line(q, a, "%s = %s - %s = %s%s", term, sign ? oh : yh, sign ? yh : oh, d,
                cross_if(q, sign));
        return;
    }
    if (sign)
        eq_line(q, a, "dy_%d = %s - %s_%d = %s%s", t, oh, g->yhat, t,
                eq_vec(q, d, sizeof d, dy, K, 18 + (int)strlen(oh)), cross_if(q, sign));
    else
        eq_line(q, a, "dL_%d/d%s_%d = %s_%d - %s = %s", t, g->omega, t, g->yhat, t, oh,
                eq_vec(q, d, sizeof d, dy, K, 16 + (int)strlen(oh)));
}

/* What comes "from the future": W^T dr_(t+1), with truncation only the
 * paths still within K steps, with no-carry nothing (marked). */
static const char *future_term(const struct eq *q, int t, char *buf, size_t cap)
{
    if (bug(q) == RNN_BUG_NO_CARRY)
        snprintf(buf, cap, "0 [the future: dropped]");
    else if (truncation(q))
        snprintf(buf, cap, "[the future within K=%d steps]", truncation(q));
    else
        snprintf(buf, cap, "W%s dr_%d [from the future]", q->f->th->g->transpose, t + 1);
    return buf;
}

/* dL/dh_t as its two parts, "from the output" (step t's own loss) and "from
 * the future" (later steps, carried back through W), and their sum. */
static void draw_dh_parts(struct eq *q, int t, const char *s, double dh)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int u = q->f->unit;
    bool dropped = bug(q) == RNN_BUG_NO_CARRY && t < v->T;
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP], c[FMT_NUM_CAP], term[32], future[64];
    dy_term(q, t, term, sizeof term);
    if (t == v->T)
        eq_line(q, A_NORMAL, "dL/dh_%d%s = V%s(%s) + 0 (no future at t = T)", t, s, g->transpose,
                term);
    else
        eq_line(q, wrong_if(q, dropped, A_NORMAL), "dL/dh_%d%s = V%s(%s) [from the output] + %s%s",
                t, s, g->transpose, term, future_term(q, t, future, sizeof future),
                cross_if(q, dropped));
    if (!q->st->has_parts || q->earlier) /* the parts are the last step's only */
        return;
    if (t == v->T)
        eq_line(q, A_BOLD, "    = %s + 0 = %s", eq_num(a, q->st->from_output[u]), eq_num(c, dh));
    else
        eq_line(q, A_BOLD, "    = %s + %s = %s", eq_num(a, q->st->from_output[u]),
                eq_num(b, q->st->from_future[u]), eq_num(c, dh));
}

/* dr_t = (1 - h_t^2) dL/dh_t, or without the gate (marked). */
static void draw_gate(struct eq *q, int t, const char *s, double ht, double dh, double dr)
{
    const struct glyphs *g = q->f->th->g;
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP], c[FMT_NUM_CAP];
    if (bug(q) == RNN_BUG_NO_TANH_GATE) {
        eq_line(q, wrong_if(q, true, A_BOLD),
                "dr_%d%s = dL/dh_%d = %s: the (1 - h_%d%s) gate skipped%s", t, s, t, eq_num(c, dr),
                t, g->sq, cross_if(q, true));
        return;
    }
    eq_line(q, A_BOLD, "dr_%d%s = (1 - h_%d%s)(dL/dh_%d) = (1 - (%s)%s)(%s) = %s", t, s, t, g->sq,
            t, eq_num(a, ht), g->sq, eq_num(b, dh), eq_num(c, dr));
}

/* Truncated, h_(t-1) gets the paths of L_t..L_(t+K-2): those still within
 * K steps once they reach it. */
static void draw_truncated_carry(struct eq *q, int t, const char *s, double carried)
{
    int last = t + truncation(q) - 2 < q->f->v.T ? t + truncation(q) - 2 : q->f->v.T;
    char d[FMT_NUM_CAP], from[64];
    if (last > t)
        snprintf(from, sizeof from, "the paths of L_%d..L_%d", t, last);
    else
        snprintf(from, sizeof from, "the path of L_%d", t);
    eq_line(q, A_NORMAL, "to h_%d%s: %s, still within K=%d steps = %s", t - 1, s, from,
            truncation(q), eq_num(d, carried));
}

/* What BPTT carries on to h_(t-1): W^T dr_t, with truncation the paths
 * still within K steps, with no-carry nothing (marked). */
static void draw_carry(struct eq *q, int t, const char *s, double dr)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int u = q->f->unit;
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP], d[FMT_NUM_CAP];
    if (bug(q) == RNN_BUG_NO_CARRY)
        eq_line(q, wrong_if(q, true, A_NORMAL), "to h_%d: nothing, W%s dr_%d is dropped%s", t - 1,
                g->transpose, t, cross_if(q, true));
    else if (truncation(q))
        draw_truncated_carry(q, t, s, v->dh_next[u]);
    else if (v->shape.hidden == 1)
        eq_line(q, A_NORMAL, "to h_%d: W%s dr_%d = (%s)(%s) = %s", t - 1, g->transpose, t,
                eq_num(a, v->theta.W[0]), eq_num(b, dr), eq_num(d, v->dh_next[0]));
    else
        eq_line(q, A_NORMAL, "to h_%d: (W%s dr_%d)%s = %s", t - 1, g->transpose, t, s,
                eq_num(d, v->dh_next[u]));
}

/* The step's title; with a bug, what the bug does instead of where BPTT goes. */
static void backward_title(struct eq *q, int t)
{
    static const char *const what[RNN_BUG_COUNT] = {
        [RNN_BUG_NO_CARRY] = "nothing goes back to h_(t-1)",
        [RNN_BUG_NO_TANH_GATE] = "the tanh gate is skipped",
        [RNN_BUG_SIGN] = "y - %s instead of %s - y",
        [RNN_BUG_NO_ZERO_GRAD] = "the sums were not reset",
    };
    const struct glyphs *g = q->f->th->g;
    char title[160], does[64];
    if (bug(q) != RNN_BUG_NONE) {
        snprintf(does, sizeof does, what[bug(q)], g->yhat, g->yhat);
        snprintf(title, sizeof title, "Equation: backward step t=%d, bug %s: %s (%s)", t,
                 rnn_bug_name(bug(q)), does, g->cross);
    } else {
        snprintf(title, sizeof title, "Equation: backward step t=%d (BPTT goes t = %d down to 1)",
                 t, q->f->v.T);
    }
    eq_block_title(q, title);
}

void eq_draw_backward(struct eq *q, int t)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int H = v->shape.hidden, K = v->shape.vocab, u = q->f->unit;
    char s[16], n1[16], a[FMT_NUM_CAP], term[32];
    backward_title(q, t);
    const double *dy = v->dy + (size_t)(t - 1) * K;
    double ht = v->h[(size_t)t * H + u], hprev = v->h[(size_t)(t - 1) * H + u];
    double dh = v->dh[(size_t)(t - 1) * H + u], dr = v->dr[(size_t)(t - 1) * H + u];
    bool unreset = bug(q) == RNN_BUG_NO_ZERO_GRAD;
    eq_unit_suffix(q, s);
    dy_term(q, t, term, sizeof term);
    draw_output_gradient(q, t, dy);
    eq_line(q, wrong_if(q, unreset, A_NORMAL),
            "dL/dV += (%s) h_%d%s  (h_%d%s = %s)     dL/dc += %s%s", term, t, g->transpose, t, s,
            eq_num(a, ht), term, cross_if(q, unreset));
    draw_dh_parts(q, t, s, dh);
    draw_gate(q, t, s, ht, dh, dr);
    eq_line(q, wrong_if(q, unreset, A_NORMAL),
            "dL/dW += dr_%d h_%d%s (h_%d%s = %s)   dL/dU[:,'%s'] += dr_%d   dL/db += dr_%d%s", t,
            t - 1, g->transpose, t - 1, s, eq_num(a, hprev), eq_ch(q, n1, v->inputs[t - 1]), t, t,
            cross_if(q, unreset));
    if (!q->earlier) /* dh_next is the last step's only */
        draw_carry(q, t, s, dr);
}
