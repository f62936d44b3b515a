/* The equation pane's backward step: the gradient terms of BPTT at step t
 * with (yhat_t - y_t), dL/dh_t as its two parts, and what goes on to h_(t-1). */
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "equation.h"

/* yhat_t - y_t written out, "[yhat] - [one-hot] = [difference]", when the
 * pane is wide enough for the three vectors, else "yhat_t - [one-hot] = [..]". */
static void draw_output_gradient(struct eq *q, int t, const double *dy)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int K = v->shape.vocab;
    char oh[2 * EQ_ONEHOT_MAX + 16], yh[DRAW_LINE_CAP], d[DRAW_LINE_CAP];
    eq_onehot(q, oh, sizeof oh, v->targets[t - 1]);
    int full = 2 * (8 * K + 1) + (int)strlen(oh) + 24;
    if (K <= EQ_ONEHOT_MAX && full <= q->width) {
        fmt_vec(yh, sizeof yh, v->y + (size_t)(t - 1) * K, K, 1, q->width, g->ellipsis);
        fmt_vec(d, sizeof d, dy, K, 1, q->width, g->ellipsis);
        eq_line(q, A_BOLD, "%s_%d - y_%d = %s - %s = %s", g->yhat, t, t, yh, oh, d);
        return;
    }
    eq_line(q, A_BOLD, "dL_%d/d%s_%d = %s_%d - %s = %s", t, g->omega, t, g->yhat, t, oh,
            eq_vec(q, d, sizeof d, dy, K, 16 + (int)strlen(oh)));
}

/* dL/dh_t as its two parts, "from the output" (step t's own loss) and "from
 * the future" (later steps, carried back through W), and their sum. */
static void draw_dh_parts(struct eq *q, int t, const char *s, double dh)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int u = q->f->unit;
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP], c[FMT_NUM_CAP];
    if (t == v->T)
        eq_line(q, A_NORMAL, "dL/dh_%d%s = V%s(%s_%d - y_%d) + 0 (no future at t = T)", t, s,
                g->transpose, g->yhat, t, t);
    else
        eq_line(q, A_NORMAL,
                "dL/dh_%d%s = V%s(%s_%d - y_%d) [from the output] + W%s dr_%d [from the "
                "future]",
                t, s, g->transpose, g->yhat, t, t, g->transpose, t + 1);
    if (!q->st->has_parts || q->earlier) /* the parts are the last step's only */
        return;
    if (t == v->T)
        eq_line(q, A_BOLD, "    = %s + 0 = %s", eq_num(a, q->st->from_output[u]), eq_num(c, dh));
    else
        eq_line(q, A_BOLD, "    = %s + %s = %s", eq_num(a, q->st->from_output[u]),
                eq_num(b, q->st->from_future[u]), eq_num(c, dh));
}

void eq_draw_backward(struct eq *q, int t)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int H = v->shape.hidden, K = v->shape.vocab, u = q->f->unit;
    char title[128], s[16], n1[16];
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP], c[FMT_NUM_CAP], d[FMT_NUM_CAP];
    snprintf(title, sizeof title, "Equation: backward step t=%d (BPTT goes t = %d down to 1)", t,
             v->T);
    eq_block_title(q, title);
    const double *dy = v->dy + (size_t)(t - 1) * K;
    double ht = v->h[(size_t)t * H + u], hprev = v->h[(size_t)(t - 1) * H + u];
    double dh = v->dh[(size_t)(t - 1) * H + u], dr = v->dr[(size_t)(t - 1) * H + u];
    eq_unit_suffix(q, s);
    draw_output_gradient(q, t, dy);
    eq_line(q, A_NORMAL, "dL/dV += (%s_%d - y_%d) h_%d%s  (h_%d%s = %s)     dL/dc += %s_%d - y_%d",
            g->yhat, t, t, t, g->transpose, t, s, eq_num(a, ht), g->yhat, t, t);
    draw_dh_parts(q, t, s, dh);
    eq_line(q, A_BOLD, "dr_%d%s = (1 - h_%d%s)(dL/dh_%d) = (1 - (%s)%s)(%s) = %s", t, s, t, g->sq,
            t, eq_num(a, ht), g->sq, eq_num(b, dh), eq_num(c, dr));
    eq_line(q, A_NORMAL,
            "dL/dW += dr_%d h_%d%s (h_%d%s = %s)   dL/dU[:,'%s'] += dr_%d   dL/db += dr_%d", t,
            t - 1, g->transpose, t - 1, s, eq_num(a, hprev), eq_ch(q, n1, v->inputs[t - 1]), t, t);
    if (q->earlier)
        return; /* dh_next is the last step's only */
    if (H == 1)
        eq_line(q, A_NORMAL, "to h_%d: W%s dr_%d = (%s)(%s) = %s", t - 1, g->transpose, t,
                eq_num(a, v->theta.W[0]), eq_num(b, dr), eq_num(d, v->dh_next[0]));
    else
        eq_line(q, A_NORMAL, "to h_%d: (W%s dr_%d)%s = %s", t - 1, g->transpose, t, s,
                eq_num(d, v->dh_next[u]));
}
