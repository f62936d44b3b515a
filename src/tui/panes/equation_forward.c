/* The equation pane's forward step: h_t, Omega_t, yhat_t and L_t with the
 * numbers of step t (and before the first step, the model's equations and
 * what the steps to come will compute). */
#include <stdio.h>

#include "draw.h"
#include "equation.h"

static bool room(const struct eq *q, int lines)
{
    return q->y + lines <= getmaxy(q->w);
}

/* Draws s at column x of the current line if it fits whole; returns the
 * column after it, or x when it does not fit (nothing is cut). */
static int piece(struct eq *q, int x, attr_t a, const char *s)
{
    return x + draw_width(s) <= q->width ? draw_str(q->w, q->y, x, a, s) : x;
}

/* Before the first step: every character's one-hot vector, as many to a
 * line as fit (vocabularies up to EQ_ONEHOT_MAX). */
static void draw_onehot_table(struct eq *q)
{
    int K = q->f->v.shape.vocab;
    if (K > EQ_ONEHOT_MAX || !room(q, 2))
        return;
    eq_line(q, q->f->th->attr[TH_TITLE],
            "One-hot x_t, y_t: a 1 at the character's place in the vocabulary");
    int x = 1;
    for (int k = 0; k < K; k++) {
        char n[16], oh[2 * EQ_ONEHOT_MAX + 16], buf[64];
        snprintf(buf, sizeof buf, "'%s' = %s", eq_ch(q, n, k), eq_onehot(q, oh, sizeof oh, k));
        int next = piece(q, x, A_NORMAL, buf);
        if (next == x && x > 1) { /* on the next line, if there is one */
            if (!room(q, 2))
                break;
            q->y++;
            next = piece(q, x = 1, A_NORMAL, buf);
        }
        x = next + 3;
    }
    q->y++;
}

/* The forward steps from `from` on, each with its inputs and its h_t
 * formula with the parameters now (h_(t-1) as a number once it is known),
 * when all of them fit or at least `least` do. */
static void draw_forward_preview(struct eq *q, int from, int least)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int T = v->T, H = v->shape.hidden, left = T - from + 1;
    int rows = getmaxy(q->w) - q->y - 1, shown = left < rows ? left : rows - 1;
    if (shown < (left < least ? left : least))
        return;
    eq_line(q, q->f->th->attr[TH_TITLE], "%sorward steps t = %d..%d with the parameters now%s",
            from > 1 ? "Still to come, f" : "F", from, T,
            H > 1 ? " (U[:,x_t] is U's column for x_t)" : "");
    for (int t = from; t < from + shown; t++) {
        int x = v->inputs[t - 1];
        char n1[16], n2[16], u[48], buf[DRAW_LINE_CAP];
        char a[FMT_NUM_CAP], b[FMT_NUM_CAP], c[FMT_NUM_CAP];
        snprintf(buf, sizeof buf, "t=%-3d x_%d = '%s'  y_%d = '%s'", t, t, eq_ch(q, n1, x), t,
                 eq_ch(q, n2, v->targets[t - 1]));
        int col = piece(q, 1, A_NORMAL, buf) + 3;
        if (H > 1)
            snprintf(buf, sizeof buf, "h_%d = tanh(U[:,'%s'] + W h_%d + b)", t, n1, t - 1);
        else if (t - 1 <= v->forward_done) /* h_(t-1) is known */
            snprintf(buf, sizeof buf, "h_%d = tanh(%s + W h_%d + b) = tanh(%s + (%s)(%s) + %s)", t,
                     draw_entry_name(q->f, RNN_P_U, 0, x, u, sizeof u), t - 1,
                     eq_num(a, q->p->U[x]), eq_num(b, q->p->W[0]), eq_num(c, v->h[t - 1]),
                     eq_num(n2, q->p->b[0]));
        else
            snprintf(buf, sizeof buf, "h_%d = tanh(%s + W h_%d + b) = tanh(%s + (%s) h_%d + %s)", t,
                     draw_entry_name(q->f, RNN_P_U, 0, x, u, sizeof u), t - 1,
                     eq_num(a, q->p->U[x]), eq_num(b, q->p->W[0]), t - 1, eq_num(c, q->p->b[0]));
        piece(q, col, A_NORMAL, buf);
        q->y++;
    }
    if (shown < left)
        eq_line(q, A_NORMAL, "%s up to t = %d", g->ellipsis, T);
    if (room(q, 1))
        eq_line(q, A_NORMAL,
                "then at each t: %s_t = V h_t + c and %s_t[k] = exp(%s_t[k]) / %s_j exp(%s_t[j])",
                g->omega, g->yhat, g->omega, g->sigma, g->omega);
}

/* Before the first step: what BPTT will compute at each step. */
static void draw_backward_preview(struct eq *q)
{
    const struct glyphs *g = q->f->th->g;
    if (!room(q, 4))
        return;
    eq_line(q, q->f->th->attr[TH_TITLE], "Each BPTT step t: dL_t/d%s_t = %s_t - y_t", g->omega,
            g->yhat);
    eq_line(q, A_NORMAL, "dL/dh_t = V%s(%s_t - y_t) + W%s dr_(t+1)     dr_t = (1 - h_t%s) dL/dh_t",
            g->transpose, g->yhat, g->transpose, g->sq);
    eq_line(q, A_NORMAL, "dL/dV += (%s_t - y_t) h_t%s     dL/dc += %s_t - y_t", g->yhat,
            g->transpose, g->yhat);
    eq_line(q, A_NORMAL, "dL/dW += dr_t h_(t-1)%s     dL/dU[:,x_t] += dr_t     dL/db += dr_t",
            g->transpose);
}

/* Before the first step: the parameters the steps will use, with their
 * shapes (as many values as fit on a line). */
static void draw_parameters(struct eq *q)
{
    const struct rnn_view *v = &q->f->v;
    if (!room(q, 1 + RNN_P_COUNT))
        return;
    eq_line(q, q->f->th->attr[TH_TITLE],
            "The parameters now (rows x columns; the update changes them)");
    for (int id = 0; id < RNN_P_COUNT; id++) {
        int R, C;
        rnn_param_dims(v->shape, (enum rnn_param_id)id, &R, &C);
        const double *x = v->theta.U + rnn_param_offset(v->shape, (enum rnn_param_id)id);
        char head[32], buf[DRAW_LINE_CAP];
        int lead =
            snprintf(head, sizeof head, "%-2s %dx%d", rnn_param_name((enum rnn_param_id)id), R, C);
        eq_line(q, A_NORMAL, "%-9s %s", head,
                fmt_vec(buf, sizeof buf, x, R * C, 1, q->width - (lead > 9 ? lead : 9) - 2,
                        q->f->th->g->ellipsis));
    }
}

/* The first screen: the model, and with rows to spare what the steps
 * about to come will compute. */
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
    draw_onehot_table(q);
    draw_forward_preview(q, 1, 4);
    draw_backward_preview(q);
    draw_parameters(q);
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

void eq_draw_coming(struct eq *q)
{
    const struct rnn_view *v = &q->f->v;
    if (!v->has_last || v->last_phase != RNN_PHASE_FORWARD || !room(q, 2))
        return;
    if (v->last_t < v->T)
        draw_forward_preview(q, v->last_t + 1, 1);
    draw_backward_preview(q);
    draw_parameters(q);
}
