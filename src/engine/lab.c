/* The BPTT lab's backward step: one plain scalar loop per product, in fixed
 * order with explicit fma (see core.h), so it is deterministic too; speed
 * matters less here than being easy to read against the formulas. */
#include "lab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const bug_names[RNN_BUG_COUNT] = {"none", "no-carry", "no-tanh-gate", "sign",
                                                     "no-zero-grad"};

const char *rnn_bug_name(enum rnn_bug bug)
{
    return (unsigned)bug < RNN_BUG_COUNT ? bug_names[bug] : "?";
}

int rnn_bug_parse(const char *name)
{
    for (int i = 0; i < RNN_BUG_COUNT; i++)
        if (strcmp(name, bug_names[i]) == 0)
            return i;
    return -1;
}

void rnn_lab_ws_free(struct rnn_lab_ws *l)
{
    free(l->carry);
    memset(l, 0, sizeof *l);
}

bool rnn_lab_ws_reserve(struct rnn_lab_ws *l, int hidden, int K)
{
    int need = K > 1 ? K - 1 : 0;
    if (l->tmp && need <= l->cap)
        return true;
    if (need < l->cap)
        need = l->cap;
    /* One block: the carries, then tmp. */
    double *blk = calloc(((size_t)need + 1) * (size_t)hidden, sizeof(double));
    if (!blk)
        return false;
    if (l->carry)
        memcpy(blk, l->carry, (size_t)l->cap * (size_t)hidden * sizeof(double));
    free(l->carry);
    l->carry = blk;
    l->tmp = blk + (size_t)need * (size_t)hidden;
    l->cap = need;
    return true;
}

void rnn_lab_ws_clear(struct rnn_lab_ws *l, int hidden)
{
    if (l->carry)
        memset(l->carry, 0, (size_t)l->cap * (size_t)hidden * sizeof(double));
}

void rnn_lab_ws_copy(struct rnn_lab_ws *d, const struct rnn_lab_ws *s, int hidden)
{
    if (s->carry)
        memcpy(d->carry, s->carry, (size_t)s->cap * (size_t)hidden * sizeof(double));
}

int rnn_lab_truncation(const struct rnn_settings *s, int T)
{
    return s->truncate > 0 && s->truncate < T ? s->truncate : 0;
}

bool rnn_lab_backward_on(const struct rnn_settings *s, int T)
{
    return rnn_lab_truncation(s, T) > 0 || s->bug == RNN_BUG_NO_CARRY ||
           s->bug == RNN_BUG_NO_TANH_GATE || s->bug == RNN_BUG_SIGN;
}

double rnn_lab_clip_scale(const struct rnn_settings *s, double norm)
{
    return s->clip_norm > 0.0 && norm > s->clip_norm ? s->clip_norm / norm : 1.0;
}

/* out = W^T (gate .* v), accumulated row by row of W. */
static void carry_back(const struct rnn_model *m, const double *gate, const double *v, double *out)
{
    int H = m->s.hidden;
    memset(out, 0, (size_t)H * sizeof(double));
    for (int i = 0; i < H; i++) {
        double a = gate[i] * v[i];
        const double *row = m->p.W + (size_t)i * H;
        for (int j = 0; j < H; j++)
            out[j] = fma(row[j], a, out[j]);
    }
}

/* The gradients every variant shares once dy_t is known: c, V, and V^T dy_t into out. */
static void output_layer(const struct rnn_model *m, struct rnn_ws *w, int t, const double *dyt,
                         double *out)
{
    int H = m->s.hidden, K = m->s.vocab;
    const double *ht = w->h + (size_t)t * H;
    for (int i = 0; i < K; i++) {
        w->g.c[i] += dyt[i];
        double *gv = w->g.V + (size_t)i * H;
        for (int j = 0; j < H; j++)
            gv[j] = fma(ht[j], dyt[i], gv[j]);
    }
    for (int j = 0; j < H; j++) {
        double acc = 0.0;
        for (int i = 0; i < K; i++)
            acc = fma(m->p.V[(size_t)i * H + j], dyt[i], acc);
        out[j] = acc;
    }
}

/* Step t's share of U, W and b from dr_t. */
static void input_layer(const struct rnn_model *m, struct rnn_ws *w, int t, int x,
                        const double *drt)
{
    int H = m->s.hidden, K = m->s.vocab;
    const double *hprev = w->h + (size_t)(t - 1) * H;
    for (int i = 0; i < H; i++) {
        w->g.b[i] += drt[i];
        w->g.U[(size_t)i * K + x] += drt[i];
        double *gw = w->g.W + (size_t)i * H;
        for (int j = 0; j < H; j++)
            gw[j] = fma(hprev[j], drt[i], gw[j]);
    }
}

/* Moves each carry one step back (its path grows by one), drops the one that
 * would pass K steps, starts a new one from L_t's own V^T dy_t, and leaves
 * their sum in dh_next for the view. */
static void age_carries(const struct rnn_model *m, struct rnn_ws *w, struct rnn_lab_ws *l,
                        const double *gate, int K)
{
    int H = m->s.hidden;
    for (int j = K - 2; j >= 1; j--)
        carry_back(m, gate, l->carry + (size_t)(j - 1) * H, l->carry + (size_t)j * H);
    if (K >= 2)
        carry_back(m, gate, l->tmp, l->carry);
    /* Carries past K (left by a longer K earlier in this window) are out of reach. */
    memset(l->carry + (size_t)(K - 1) * H, 0, (size_t)(l->cap - (K - 1)) * H * sizeof(double));
    memset(w->dh_next, 0, (size_t)H * sizeof(double));
    for (int j = 0; j < K - 1; j++)
        for (int i = 0; i < H; i++)
            w->dh_next[i] += l->carry[(size_t)j * H + i];
}

void rnn_lab_backward_step(const struct rnn_model *m, struct rnn_ws *w, struct rnn_lab_ws *l,
                           const struct rnn_settings *s, int t, int x, int target)
{
    int H = m->s.hidden, V = m->s.vocab, K = rnn_lab_truncation(s, w->T);
    double *dyt = w->dy + (size_t)(t - 1) * V;
    double *dht = w->dh + (size_t)(t - 1) * H;
    double *drt = w->dr + (size_t)(t - 1) * H;
    const double *ht = w->h + (size_t)t * H;

    memcpy(dyt, w->y + (size_t)(t - 1) * V, (size_t)V * sizeof(double));
    dyt[target] -= 1.0;
    if (s->bug == RNN_BUG_SIGN)
        for (int i = 0; i < V; i++)
            dyt[i] = -dyt[i];
    output_layer(m, w, t, dyt, l->tmp);

    /* Untruncated, dh_next is the one carry; truncated, dh_t adds the carries
     * still in reach (K may have just changed, so not their stored sum). */
    memcpy(dht, l->tmp, (size_t)H * sizeof(double));
    for (int j = 0; j < (K > 0 ? K - 1 : 1); j++) {
        const double *in = K > 0 ? l->carry + (size_t)j * H : w->dh_next;
        for (int i = 0; i < H; i++)
            dht[i] += in[i];
    }
    double gate[RNN_HIDDEN_MAX];
    for (int i = 0; i < H; i++)
        gate[i] = s->bug == RNN_BUG_NO_TANH_GATE ? 1.0 : 1.0 - ht[i] * ht[i];
    for (int i = 0; i < H; i++)
        drt[i] = gate[i] * dht[i];
    input_layer(m, w, t, x, drt);

    if (s->bug == RNN_BUG_NO_CARRY) {
        rnn_lab_ws_clear(l, H);
        memset(w->dh_next, 0, (size_t)H * sizeof(double));
    } else if (K > 0) {
        age_carries(m, w, l, gate, K);
    } else {
        carry_back(m, gate, dht, w->dh_next);
    }
}
