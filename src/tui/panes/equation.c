/* Equation pane: the formula of the micro-step just done with its real
 * numbers, as the worked example writes them. Forward: h_t, Omega_t, yhat_t,
 * L_t. Backward: the gradient terms with (yhat_t - y_t). Update: old - lr *
 * grad = new for every parameter entry. Below it, when there are rows to
 * spare, the ledger: the iteration's earlier steps with their numbers.
 * Numbers come from the engine view. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "rnnstep/analysis.h"
#include "view.h"

/* An update entry is "NAME old - lr(grad) = new": the name, then 34 columns
 * for SGD, more for the optimisers that show their state (momentum,
 * adagrad, adam); with clipping on, "clip(grad) = applied" takes 24 more. */
static const int update_values_cols[RNN_OPT_COUNT] = {35, 66, 68, 74};
#define UPDATE_CLIP_COLS 24

/* The parts of the sums shown, from the engine at each state change (every
 * unit's, so choosing another unit needs no recomputation). */
struct eq_state {
    bool has_parts, has_recurrent;
    double from_output[RNN_HIDDEN_MAX], from_future[RNN_HIDDEN_MAX];
    double recurrent[RNN_HIDDEN_MAX]; /* sum_j W[i,j] h_{t-1}[j] */
};
/* A ledger column: wide enough for a backward step's longest line. */
#define LEDGER_COL_MIN 80

struct eq {
    const struct frame *f;
    const struct eq_state *st;
    WINDOW *w;
    int y;
    int width;
    const struct rnn_block *p; /* the parameters this iteration's steps used */
    bool earlier;              /* drawing an earlier step of the ledger */
};

static void equation_update(void *state, const struct frame *f, struct rnn_engine *e)
{
    (void)e;
    struct eq_state *st = state;
    const struct rnn_view *v = &f->v;
    st->has_parts = v->has_last && v->last_phase == RNN_PHASE_BACKWARD &&
                    rnn_dh_parts(v, v->last_t, st->from_output, st->from_future);
    st->has_recurrent = v->has_last && v->last_phase == RNN_PHASE_FORWARD &&
                        rnn_recurrent_term(v, v->last_t, st->recurrent);
}

static void line(struct eq *q, attr_t a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void line(struct eq *q, attr_t a, const char *fmt, ...)
{
    char buf[DRAW_LINE_CAP];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    draw_str(q->w, q->y++, 1, a, buf);
}

/* Short names for numbers and vectors, each into its own buffer. */
static const char *num(char *buf, double x)
{
    return fmt_num(buf, FMT_NUM_CAP, x, 0);
}

static const char *vec(const struct eq *q, char *buf, size_t cap, const double *x, int n, int lead)
{
    return fmt_vec(buf, cap, x, n, 1, q->width - lead - 2, q->f->th->g->ellipsis);
}

static const char *ch(const struct eq *q, char *buf, int idx)
{
    return draw_char_name(q->f, idx, buf, 16);
}

/* Vocabularies up to this size show one-hot vectors digit by digit. */
#define ONEHOT_MAX 12

/* The one-hot vector of vocabulary index idx, "[0 1 0 0]", or for a large
 * vocabulary "onehot('e')". */
static const char *onehot(const struct eq *q, char *buf, size_t cap, int idx)
{
    int K = q->f->v.shape.vocab;
    if (K > ONEHOT_MAX) {
        char n[16];
        snprintf(buf, cap, "onehot('%s')", ch(q, n, idx));
        return buf;
    }
    size_t at = 0;
    for (int k = 0; k < K && at + 3 < cap; k++)
        at += (size_t)snprintf(buf + at, cap - at, "%s%d", k ? " " : "[", k == idx);
    snprintf(buf + at, cap - at, "]");
    return buf;
}

/* "[u]" after a per-unit name when the hidden size is above 1. */
static const char *unit_suffix(const struct eq *q, char *buf)
{
    if (q->f->v.shape.hidden == 1)
        buf[0] = '\0';
    else
        snprintf(buf, 16, "[%d]", q->f->unit + 1);
    return buf;
}

static void draw_start(struct eq *q)
{
    const struct glyphs *g = q->f->th->g;
    draw_title(q->w, q->f->th, "Equation: ready (n computes forward step t=1)");
    line(q, A_NORMAL, "h_t = tanh(U x_t + W h_(t-1) + b)     h_0 = 0");
    line(q, A_NORMAL, "%s_t = V h_t + c     %s_t = softmax(%s_t)     L_t = -ln %s_t[y_t]", g->omega,
         g->yhat, g->omega, g->yhat);
    line(q, A_NORMAL, "BPTT then goes t = %d down to 1; the update is new = old - %s dL/d(param)",
         q->f->v.T, g->eta);
}

static void forward_hidden(struct eq *q, int t)
{
    const struct rnn_view *v = &q->f->v;
    int H = v->shape.hidden, K = v->shape.vocab, u = q->f->unit, x = v->inputs[t - 1];
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP], c[FMT_NUM_CAP], d[FMT_NUM_CAP], r[FMT_NUM_CAP], s[16];
    double hnew = v->h[(size_t)t * H + u];
    if (H == 1) {
        char oh[2 * ONEHOT_MAX + 16];
        line(q, A_NORMAL, "h_%d = tanh(U x_%d + W h_%d + b)     x_%d = %s", t, t, t - 1, t,
             onehot(q, oh, sizeof oh, x));
        line(q, A_BOLD, "    = tanh(%s + (%s)(%s) + %s) = %s", num(a, q->p->U[x]),
             num(b, q->p->W[0]), num(c, v->h[t - 1]), num(d, q->p->b[0]), num(r, hnew));
        return;
    }
    line(q, A_NORMAL, "h_%d%s = tanh(U[%d,x_%d] + %s_j W[%d,j] h_%d[j] + b[%d])  (selected unit)",
         t, unit_suffix(q, s), u + 1, t, q->f->th->g->sigma, u + 1, t - 1, u + 1);
    if (q->st->has_recurrent && !q->earlier) /* the last step's only */
        line(q, A_BOLD, "    = tanh(%s + %s + %s) = tanh(%s) = %s",
             num(a, q->p->U[(size_t)u * K + x]), num(d, q->st->recurrent[u]), num(b, q->p->b[u]),
             num(c, v->z[(size_t)(t - 1) * H + u]), num(r, hnew));
}

/* The block's title: the pane's title for the step just done, a header
 * line for an earlier step of the ledger. */
static void block_title(struct eq *q, const char *title)
{
    if (q->earlier)
        line(q, q->f->th->attr[TH_TITLE], "%s", title + strlen("Equation: "));
    else
        draw_title(q->w, q->f->th, title);
}

static void draw_forward(struct eq *q, int t)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int K = v->shape.vocab, target = v->targets[t - 1], pred = v->pred[t - 1];
    char title[128], n1[16], n2[16], n3[16], buf[DRAW_LINE_CAP], a[FMT_NUM_CAP], b[FMT_NUM_CAP];
    snprintf(title, sizeof title, "Equation: forward step t=%d of %d: input '%s', target '%s'", t,
             v->T, ch(q, n1, v->inputs[t - 1]), ch(q, n2, target));
    block_title(q, title);
    forward_hidden(q, t);
    const double *o = v->o + (size_t)(t - 1) * K, *y = v->y + (size_t)(t - 1) * K;
    line(q, A_NORMAL, "%s_%d = V h_%d + c = %s", g->omega, t, t, vec(q, buf, sizeof buf, o, K, 20));
    line(q, A_NORMAL, "%s_%d = softmax(%s_%d) = %s", g->yhat, t, g->omega, t,
         vec(q, buf, sizeof buf, y, K, 24));
    char oh[2 * ONEHOT_MAX + 16];
    line(q, A_BOLD, "L_%d = -ln %s_%d['%s'] = -ln(%s) = %s     y_%d = %s", t, g->yhat, t,
         ch(q, n1, target), num(a, y[target]), num(b, v->loss[t - 1]), t,
         onehot(q, oh, sizeof oh, target));
    if (pred == target)
        line(q, q->f->th->attr[TH_GOOD], "predicts '%s', which is the target %s", ch(q, n1, pred),
             g->check);
    else
        line(q, q->f->th->attr[TH_BAD], "predicts '%s', but we want '%s' %s", ch(q, n1, pred),
             ch(q, n3, target), g->cross);
    if (t < v->T)
        return;
    int x = 1;
    x = draw_fmt(q->w, q->y, x, A_BOLD, "%s L_t = ", g->sigma);
    for (int k = 1; k <= v->T && x < q->width - 20; k++)
        x = draw_fmt(q->w, q->y, x, A_NORMAL, "%s%s", k > 1 ? " + " : "", num(a, v->loss[k - 1]));
    if (v->T > 1 && x >= q->width - 20)
        x = draw_fmt(q->w, q->y, x, A_NORMAL, " + %s", g->ellipsis);
    draw_fmt(q->w, q->y++, x, A_BOLD, " = %s", num(a, v->loss_sum));
}

/* yhat_t - y_t written out, "[yhat] - [one-hot] = [difference]", when the
 * pane is wide enough for the three vectors, else "yhat_t - [one-hot] = [..]". */
static void draw_output_gradient(struct eq *q, int t, const double *dy)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int K = v->shape.vocab;
    char oh[2 * ONEHOT_MAX + 16], yh[DRAW_LINE_CAP], d[DRAW_LINE_CAP];
    onehot(q, oh, sizeof oh, v->targets[t - 1]);
    int full = 2 * (8 * K + 1) + (int)strlen(oh) + 24;
    if (K <= ONEHOT_MAX && full <= q->width) {
        fmt_vec(yh, sizeof yh, v->y + (size_t)(t - 1) * K, K, 1, q->width, g->ellipsis);
        fmt_vec(d, sizeof d, dy, K, 1, q->width, g->ellipsis);
        line(q, A_BOLD, "%s_%d - y_%d = %s - %s = %s", g->yhat, t, t, yh, oh, d);
        return;
    }
    line(q, A_BOLD, "dL_%d/d%s_%d = %s_%d - %s = %s", t, g->omega, t, g->yhat, t, oh,
         vec(q, d, sizeof d, dy, K, 16 + (int)strlen(oh)));
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
        line(q, A_NORMAL, "dL/dh_%d%s = V%s(%s_%d - y_%d) + 0 (no future at t = T)", t, s,
             g->transpose, g->yhat, t, t);
    else
        line(q, A_NORMAL,
             "dL/dh_%d%s = V%s(%s_%d - y_%d) [from the output] + W%s dr_%d [from the "
             "future]",
             t, s, g->transpose, g->yhat, t, t, g->transpose, t + 1);
    if (!q->st->has_parts || q->earlier) /* the parts are the last step's only */
        return;
    if (t == v->T)
        line(q, A_BOLD, "    = %s + 0 = %s", num(a, q->st->from_output[u]), num(c, dh));
    else
        line(q, A_BOLD, "    = %s + %s = %s", num(a, q->st->from_output[u]),
             num(b, q->st->from_future[u]), num(c, dh));
}

static void draw_backward(struct eq *q, int t)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    int H = v->shape.hidden, K = v->shape.vocab, u = q->f->unit;
    char title[128], s[16], n1[16];
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP], c[FMT_NUM_CAP], d[FMT_NUM_CAP];
    snprintf(title, sizeof title, "Equation: backward step t=%d (BPTT goes t = %d down to 1)", t,
             v->T);
    block_title(q, title);
    const double *dy = v->dy + (size_t)(t - 1) * K;
    double ht = v->h[(size_t)t * H + u], hprev = v->h[(size_t)(t - 1) * H + u];
    double dh = v->dh[(size_t)(t - 1) * H + u], dr = v->dr[(size_t)(t - 1) * H + u];
    unit_suffix(q, s);
    draw_output_gradient(q, t, dy);
    line(q, A_NORMAL, "dL/dV += (%s_%d - y_%d) h_%d%s  (h_%d%s = %s)     dL/dc += %s_%d - y_%d",
         g->yhat, t, t, t, g->transpose, t, s, num(a, ht), g->yhat, t, t);
    draw_dh_parts(q, t, s, dh);
    line(q, A_BOLD, "dr_%d%s = (1 - h_%d%s)(dL/dh_%d) = (1 - (%s)%s)(%s) = %s", t, s, t, g->sq, t,
         num(a, ht), g->sq, num(b, dh), num(c, dr));
    line(q, A_NORMAL,
         "dL/dW += dr_%d h_%d%s (h_%d%s = %s)   dL/dU[:,'%s'] += dr_%d   dL/db += dr_%d", t, t - 1,
         g->transpose, t - 1, s, num(a, hprev), ch(q, n1, v->inputs[t - 1]), t, t);
    if (q->earlier)
        return; /* dh_next is the last step's only */
    if (H == 1)
        line(q, A_NORMAL, "to h_%d: W%s dr_%d = (%s)(%s) = %s", t - 1, g->transpose, t,
             num(a, v->theta.W[0]), num(b, dr), num(d, v->dh_next[0]));
    else
        line(q, A_NORMAL, "to h_%d: (W%s dr_%d)%s = %s", t - 1, g->transpose, t, s,
             num(d, v->dh_next[u]));
}

/* Name of entry (r, c) of parameter id: "U[e]" for hidden size 1, else "U[1,e]". */
static const char *entry_name(const struct eq *q, enum rnn_param_id id, int r, int c, char *buf,
                              size_t cap)
{
    char n[16];
    bool one = q->f->v.shape.hidden == 1;
    const char *p = rnn_param_name(id);
    switch (id) {
    case RNN_P_U:
        if (one)
            snprintf(buf, cap, "%s[%s]", p, ch(q, n, c));
        else
            snprintf(buf, cap, "%s[%d,%s]", p, r + 1, ch(q, n, c));
        break;
    case RNN_P_V:
        if (one)
            snprintf(buf, cap, "%s[%s]", p, ch(q, n, r));
        else
            snprintf(buf, cap, "%s[%s,%d]", p, ch(q, n, r), c + 1);
        break;
    case RNN_P_C: snprintf(buf, cap, "%s[%s]", p, ch(q, n, r)); break;
    default:
        if (one)
            snprintf(buf, cap, "%s", p);
        else if (id == RNN_P_B)
            snprintf(buf, cap, "%s[%d]", p, r + 1);
        else
            snprintf(buf, cap, "%s[%d,%d]", p, r + 1, c + 1);
        break;
    }
    return buf;
}

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

static int update_pitch(const struct eq *q)
{
    return update_name_cols(q) + update_values_cols[q->f->v.settings.optimizer] +
           (clipping_on(q) ? UPDATE_CLIP_COLS : 0);
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
    end = draw_state_step(q, y, end, i);
    end = draw_param_step(q, y, end, i);
    end = draw_str(q->w, y, end, theme_signed(q->f->th, v->theta.U[i]) | A_BOLD, c);
    if (clipping_on(q))
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

static void draw_update(struct eq *q)
{
    const struct rnn_view *v = &q->f->v;
    const struct glyphs *g = q->f->th->g;
    char title[224];
    /* The limit itself is on the status line and in each clip(g) = value. */
    const char *clip = clipping_on(q) ? ", clipping on" : "";
    double lr = v->settings.lr;
    switch (v->settings.optimizer) {
    case RNN_OPT_MOMENTUM:
        snprintf(title, sizeof title,
                 "Equation: update (momentum%s): v = %g v - %s g, new = old + v, %s = %g", clip,
                 RNN_MOMENTUM_MU, g->eta, g->eta, lr);
        break;
    case RNN_OPT_ADAGRAD:
        snprintf(title, sizeof title,
                 "Equation: update (adagrad%s): G += g%s, new = old - %s g/sqrt(G + %g), %s = %g",
                 clip, g->sq, g->eta, RNN_ADAGRAD_EPS, g->eta, lr);
        break;
    case RNN_OPT_ADAM:
        snprintf(title, sizeof title,
                 "Equation: update (adam%s, c1 %.4f, c2 %.4f): s = %g(m/c1)/(sqrt(v/c2)+%g), "
                 "m = %g m + %g g, v = %g v + %g g%s",
                 clip, v->adam_c1, v->adam_c2, lr, RNN_ADAM_EPS, RNN_ADAM_BETA1,
                 1.0 - RNN_ADAM_BETA1, RNN_ADAM_BETA2, 1.0 - RNN_ADAM_BETA2, g->sq);
        break;
    default:
        snprintf(title, sizeof title,
                 "Equation: update (SGD%s): new = old - %s %s dL/d(param), %s = %g", clip, g->eta,
                 g->times, g->eta, lr);
    }
    draw_title(q->w, q->f->th, title);
    int pitch = update_pitch(q);
    int rows = getmaxy(q->w) - 1, cols = (q->width + 1) / pitch;
    if (rows < 1 || cols < 1)
        return;
    struct rnn_shape shape = v->shape;
    int entries = update_entries(q);
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
                if (n == capacity) {
                    draw_str(q->w, rows, q->width - 3, A_NORMAL, g->ellipsis);
                    return;
                }
                char name[48];
                entry_name(q, (enum rnn_param_id)id, r, c, name, sizeof name);
                draw_update_entry(q, 1 + n % rows, 1 + (n / rows) * pitch, name,
                                  off + (size_t)r * C + c);
                n++;
            }
    }
}

/* Lines an earlier step takes in the ledger: its header and formulas. */
static int earlier_lines(const struct rnn_view *v, enum rnn_phase phase, int t)
{
    return phase == RNN_PHASE_FORWARD ? 7 + (t == v->T) : 6;
}

/* The step before (phase, t) in the iteration's order F1..FT, BT..B1, U;
 * false before F1. */
static bool step_before(const struct rnn_view *v, enum rnn_phase *phase, int *t)
{
    if (*phase == RNN_PHASE_UPDATE) {
        *phase = RNN_PHASE_BACKWARD;
        *t = 1;
    } else if (*phase == RNN_PHASE_BACKWARD && *t < v->T) {
        ++*t;
    } else if (*phase == RNN_PHASE_BACKWARD) {
        *phase = RNN_PHASE_FORWARD;
    } else if (*t > 1) {
        --*t;
    } else {
        return false;
    }
    return true;
}

/* The ledger: the iteration's earlier steps, newest first, in the rows below
 * the step just done, in as many columns as fit (a step moves to the next
 * column rather than split; the last one shows what fits). */
static void draw_ledger(struct eq *q)
{
    const struct rnn_view *v = &q->f->v;
    int top = q->y, rows = getmaxy(q->w) - top, width = getmaxx(q->w);
    int ncols = width / LEDGER_COL_MIN > 0 ? width / LEDGER_COL_MIN : 1, colw = width / ncols;
    enum rnn_phase phase = v->last_phase;
    int t = v->last_t, col = 0, y = 0;
    WINDOW *pane = q->w, *cw = NULL;
    /* After the update the engine may already show the next window. */
    if (rows < 2 || (phase == RNN_PHASE_UPDATE && q->f->corpus))
        return;
    q->earlier = true;
    bool last = false;
    while (!last && y < rows && step_before(v, &phase, &t)) {
        int need = earlier_lines(v, phase, t);
        if (y + need > rows && col + 1 < ncols) {
            col++;
            y = 0;
            if (cw)
                delwin(cw);
            cw = NULL;
        }
        last = y + need > rows; /* the last column's last rows: as much as fits */
        if (!cw && !(cw = derwin(pane, rows, colw, top, col * colw)))
            break;
        q->w = cw;
        q->y = y;
        q->width = colw - 1;
        if (phase == RNN_PHASE_FORWARD)
            draw_forward(q, t);
        else
            draw_backward(q, t);
        y += need;
    }
    if (cw)
        delwin(cw);
    q->w = pane;
}

static void equation_draw(const void *state, const struct frame *f, WINDOW *w)
{
    const struct rnn_view *v = &f->v;
    /* After the update theta is the new parameters; the steps used before. */
    const struct rnn_block *p =
        v->has_last && v->last_phase == RNN_PHASE_UPDATE ? &v->before : &v->theta;
    struct eq q = {.f = f, .st = state, .w = w, .y = 1, .width = getmaxx(w) - 1, .p = p};
    if (!v->has_last) {
        draw_start(&q);
        return;
    }
    if (v->last_phase == RNN_PHASE_FORWARD)
        draw_forward(&q, v->last_t);
    else if (v->last_phase == RNN_PHASE_BACKWARD)
        draw_backward(&q, v->last_t);
    else
        draw_update(&q);
    draw_ledger(&q);
}

const struct view_ops pane_equation = {.name = "equation",
                                       .state_size = sizeof(struct eq_state),
                                       .update = equation_update,
                                       .draw = equation_draw};
