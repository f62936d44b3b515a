/* The maths of one forward step and one BPTT step. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* y += a * x, each element one fused multiply-add. */
static inline void axpy(double *restrict y, const double *restrict x, double a, int n)
{
    for (int i = 0; i < n; i++)
        y[i] = fma(x[i], a, y[i]);
}

static void transpose(double *restrict dst, const double *restrict src, int rows, int cols)
{
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
            dst[(size_t)c * rows + r] = src[(size_t)r * cols + c];
}

int rnn_model_init(struct rnn_model *m, struct rnn_shape s)
{
    m->s = s;
    m->count = rnn_param_count(s);
    size_t hv = (size_t)s.hidden * s.vocab, hh = (size_t)s.hidden * s.hidden;
    m->theta = calloc(m->count + 2 * hv + hh, sizeof(double));
    if (!m->theta)
        return -1;
    m->p = rnn_block_view(s, m->theta);
    m->Ut = m->theta + m->count;
    m->Vt = m->Ut + hv;
    m->Wt = m->Vt + hv;
    return 0;
}

void rnn_model_free(struct rnn_model *m)
{
    free(m->theta);
    m->theta = NULL;
}

void rnn_model_sync(struct rnn_model *m)
{
    int H = m->s.hidden, K = m->s.vocab;
    transpose(m->Ut, m->p.U, H, K);
    transpose(m->Wt, m->p.W, H, H);
    transpose(m->Vt, m->p.V, K, H);
}

int rnn_ws_init(struct rnn_ws *w, struct rnn_shape s, int T)
{
    size_t H = (size_t)s.hidden, K = (size_t)s.vocab, n = (size_t)T;
    size_t total = (n + 1) * H + n * H + 3 * n * K + n + 2 * n * H + H + rnn_param_count(s);
    double *blk = calloc(total, sizeof(double));
    w->pred = calloc(n, sizeof(int));
    if (!blk || !w->pred) {
        free(blk);
        free(w->pred);
        return -1;
    }
    w->T = T;
    w->h = blk;
    w->z = w->h + (n + 1) * H;
    w->o = w->z + n * H;
    w->y = w->o + n * K;
    w->dy = w->y + n * K;
    w->loss = w->dy + n * K;
    w->dh = w->loss + n;
    w->dr = w->dh + n * H;
    w->dh_next = w->dr + n * H;
    w->grad = w->dh_next + H;
    w->g = rnn_block_view(s, w->grad);
    return 0;
}

void rnn_ws_free(struct rnn_ws *w)
{
    free(w->h);
    free(w->pred);
    w->h = NULL;
    w->pred = NULL;
}

/* Stable softmax of o into y; returns -ln y[target] computed as
 * ln(sum exp(o - max)) - (o[target] - max), which never takes ln(0). */
static double softmax_loss(const double *o, double *y, int K, int target, int *pred)
{
    double mx = o[0];
    int arg = 0;
    for (int i = 1; i < K; i++)
        if (o[i] > mx)
            mx = o[i], arg = i;
    double sum = 0.0;
    for (int i = 0; i < K; i++) {
        y[i] = exp(o[i] - mx);
        sum += y[i];
    }
    for (int i = 0; i < K; i++)
        y[i] /= sum;
    *pred = arg;
    return log(sum) - (o[target] - mx);
}

double rnn_forward_step(const struct rnn_model *m, struct rnn_ws *w, int t, int x, int target)
{
    int H = m->s.hidden, K = m->s.vocab;
    const double *hprev = w->h + (size_t)(t - 1) * H;
    double *ht = w->h + (size_t)t * H;
    double *zt = w->z + (size_t)(t - 1) * H;
    double *ot = w->o + (size_t)(t - 1) * K;
    const double *ux = m->Ut + (size_t)x * H;

    for (int i = 0; i < H; i++)
        zt[i] = ux[i] + m->p.b[i];
    for (int j = 0; j < H; j++)
        axpy(zt, m->Wt + (size_t)j * H, hprev[j], H);
    for (int i = 0; i < H; i++)
        ht[i] = tanh(zt[i]);

    memcpy(ot, m->p.c, (size_t)K * sizeof(double));
    for (int j = 0; j < H; j++)
        axpy(ot, m->Vt + (size_t)j * K, ht[j], K);

    double L = softmax_loss(ot, w->y + (size_t)(t - 1) * K, K, target, &w->pred[t - 1]);
    w->loss[t - 1] = L;
    return L;
}

void rnn_backward_step(const struct rnn_model *m, struct rnn_ws *w, int t, int x, int target)
{
    int H = m->s.hidden, K = m->s.vocab;
    const double *ht = w->h + (size_t)t * H;
    const double *hprev = w->h + (size_t)(t - 1) * H;
    double *dyt = w->dy + (size_t)(t - 1) * K;
    double *dht = w->dh + (size_t)(t - 1) * H;
    double *drt = w->dr + (size_t)(t - 1) * H;
    struct rnn_block g = w->g;

    memcpy(dyt, w->y + (size_t)(t - 1) * K, (size_t)K * sizeof(double));
    dyt[target] -= 1.0;

    for (int i = 0; i < K; i++)
        g.c[i] += dyt[i];
    for (int i = 0; i < K; i++)
        axpy(g.V + (size_t)i * H, ht, dyt[i], H);

    memcpy(dht, w->dh_next, (size_t)H * sizeof(double));
    for (int i = 0; i < K; i++)
        axpy(dht, m->p.V + (size_t)i * H, dyt[i], H);

    for (int i = 0; i < H; i++)
        drt[i] = (1.0 - ht[i] * ht[i]) * dht[i];

    for (int i = 0; i < H; i++) {
        g.b[i] += drt[i];
        g.U[(size_t)i * K + x] += drt[i];
    }
    for (int i = 0; i < H; i++)
        axpy(g.W + (size_t)i * H, hprev, drt[i], H);

    memset(w->dh_next, 0, (size_t)H * sizeof(double));
    for (int i = 0; i < H; i++)
        axpy(w->dh_next, m->p.W + (size_t)i * H, drt[i], H);
}

double rnn_window_loss(const struct rnn_model *m, struct rnn_ws *w, const double *h0,
                       const uint8_t *inputs, const uint8_t *targets)
{
    memcpy(w->h, h0, (size_t)m->s.hidden * sizeof(double));
    double total = 0.0;
    for (int t = 1; t <= w->T; t++)
        total += rnn_forward_step(m, w, t, inputs[t - 1], targets[t - 1]);
    return total;
}
