/* The equation pane's forward step: h_t, Omega_t, yhat_t and L_t with the
 * numbers of step t (and before the first step, the model's equations). */
#include <stdio.h>

#include "draw.h"
#include "equation.h"

void eq_draw_start(struct eq *q)
{
    const struct glyphs *g = q->f->th->g;
    draw_title(q->w, q->f->th, "Equation: ready (n computes forward step t=1)");
    eq_line(q, A_NORMAL, "h_t = tanh(U x_t + W h_(t-1) + b)     h_0 = 0");
    eq_line(q, A_NORMAL, "%s_t = V h_t + c     %s_t = softmax(%s_t)     L_t = -ln %s_t[y_t]",
            g->omega, g->yhat, g->omega, g->yhat);
    eq_line(q, A_NORMAL,
            "BPTT then goes t = %d down to 1; the update is new = old - %s dL/d(param)", q->f->v.T,
            g->eta);
}

static void forward_hidden(struct eq *q, int t)
{
    const struct rnn_view *v = &q->f->v;
    int H = v->shape.hidden, K = v->shape.vocab, u = q->f->unit, x = v->inputs[t - 1];
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP], c[FMT_NUM_CAP], d[FMT_NUM_CAP], r[FMT_NUM_CAP], s[16];
    double hnew = v->h[(size_t)t * H + u];
    if (H == 1) {
        char oh[2 * EQ_ONEHOT_MAX + 16];
        eq_line(q, A_NORMAL, "h_%d = tanh(U x_%d + W h_%d + b)     x_%d = %s", t, t, t - 1, t,
                eq_onehot(q, oh, sizeof oh, x));
        eq_line(q, A_BOLD, "    = tanh(%s + (%s)(%s) + %s) = %s", eq_num(a, q->p->U[x]),
                eq_num(b, q->p->W[0]), eq_num(c, v->h[t - 1]), eq_num(d, q->p->b[0]),
                eq_num(r, hnew));
        return;
    }
    eq_line(q, A_NORMAL,
            "h_%d%s = tanh(U[%d,x_%d] + %s_j W[%d,j] h_%d[j] + b[%d])  (selected unit)", t,
            eq_unit_suffix(q, s), u + 1, t, q->f->th->g->sigma, u + 1, t - 1, u + 1);
    if (q->st->has_recurrent && !q->earlier) /* the last step's only */
        eq_line(q, A_BOLD, "    = tanh(%s + %s + %s) = tanh(%s) = %s",
                eq_num(a, q->p->U[(size_t)u * K + x]), eq_num(d, q->st->recurrent[u]),
                eq_num(b, q->p->b[u]), eq_num(c, v->z[(size_t)(t - 1) * H + u]), eq_num(r, hnew));
}

void eq_draw_forward(struct eq *q, int t)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int K = v->shape.vocab, target = v->targets[t - 1], pred = v->pred[t - 1];
    char title[128], n1[16], n2[16], n3[16], buf[DRAW_LINE_CAP], a[FMT_NUM_CAP], b[FMT_NUM_CAP];
    snprintf(title, sizeof title, "Equation: forward step t=%d of %d: input '%s', target '%s'", t,
             v->T, eq_ch(q, n1, v->inputs[t - 1]), eq_ch(q, n2, target));
    eq_block_title(q, title);
    forward_hidden(q, t);
    const double *o = v->o + (size_t)(t - 1) * K, *y = v->y + (size_t)(t - 1) * K;
    eq_line(q, A_NORMAL, "%s_%d = V h_%d + c = %s", g->omega, t, t,
            eq_vec(q, buf, sizeof buf, o, K, 20));
    eq_line(q, A_NORMAL, "%s_%d = softmax(%s_%d) = %s", g->yhat, t, g->omega, t,
            eq_vec(q, buf, sizeof buf, y, K, 24));
    char oh[2 * EQ_ONEHOT_MAX + 16];
    eq_line(q, A_BOLD, "L_%d = -ln %s_%d['%s'] = -ln(%s) = %s     y_%d = %s", t, g->yhat, t,
            eq_ch(q, n1, target), eq_num(a, y[target]), eq_num(b, v->loss[t - 1]), t,
            eq_onehot(q, oh, sizeof oh, target));
    if (pred == target)
        eq_line(q, q->f->th->attr[TH_GOOD], "predicts '%s', which is the target %s",
                eq_ch(q, n1, pred), g->check);
    else
        eq_line(q, q->f->th->attr[TH_BAD], "predicts '%s', but we want '%s' %s", eq_ch(q, n1, pred),
                eq_ch(q, n3, target), g->cross);
    if (t < v->T)
        return;
    int x = 1;
    x = draw_fmt(q->w, q->y, x, A_BOLD, "%s L_t = ", g->sigma);
    for (int k = 1; k <= v->T && x < q->width - 20; k++)
        x = draw_fmt(q->w, q->y, x, A_NORMAL, "%s%s", k > 1 ? " + " : "",
                     eq_num(a, v->loss[k - 1]));
    if (v->T > 1 && x >= q->width - 20)
        x = draw_fmt(q->w, q->y, x, A_NORMAL, " + %s", g->ellipsis);
    draw_fmt(q->w, q->y++, x, A_BOLD, " = %s", eq_num(a, v->loss_sum));
}
