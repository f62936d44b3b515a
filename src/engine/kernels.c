/* Model and workspace memory, the transposed copies, and the entry points
 * that forward to the kernel table chosen for this CPU (kernels.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "core.h"
#include "kernels.h"

/* The block view of theta, and the transposes that are theta itself: that
 * of a single row or column has the same layout as the original (hidden
 * size 1: all three). */
static void model_point(struct rnn_model *m)
{
    struct rnn_shape s = m->s;
    m->p = rnn_block_view(s, m->theta);
    if (s.hidden == 1 || s.vocab == 1) {
        m->Ut = m->p.U;
        m->Vt = m->p.V;
    }
    if (s.hidden == 1)
        m->Wt = m->p.W;
}

/* Places the arrays of sizes[0..n-1] one after another in one zeroed block,
 * each on a cache-line boundary, and points *parts[i] at each; the block
 * starts at *parts[0]. Returns -1 when out of memory. */
static int carve_block(double **const *parts, const size_t *sizes, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += rnn_line_round(sizes[i]);
    double *at = rnn_big_calloc(total, sizeof(double));
    if (!at)
        return -1;
    for (size_t i = 0; i < n; i++) {
        *parts[i] = at;
        at += rnn_line_round(sizes[i]);
    }
    return 0;
}

int rnn_model_init(struct rnn_model *m, struct rnn_shape s)
{
    m->s = s;
    m->count = rnn_param_count(s);
    size_t hv = (size_t)s.hidden * s.vocab, hh = (size_t)s.hidden * s.hidden;
    double **const parts[] = {&m->theta, &m->before, &m->Ut, &m->Vt, &m->Wt};
    const size_t sizes[] = {m->count, m->count, hv, hv, hh};
    if (carve_block(parts, sizes, sizeof sizes / sizeof *sizes) != 0)
        return -1;
    m->mem = m->theta;
    model_point(m);
    m->k = rnn_kernels_select();
    return 0;
}

void rnn_model_free(struct rnn_model *m)
{
    rnn_big_free(m->mem);
    m->mem = m->theta = m->before = NULL;
}

void rnn_model_sync(struct rnn_model *m)
{
    int H = m->s.hidden, K = m->s.vocab;
    if (m->Ut != m->p.U)
        m->k->transpose(m->Ut, m->p.U, H, K);
    if (m->Wt != m->p.W)
        m->k->transpose(m->Wt, m->p.W, H, H);
    if (m->Vt != m->p.V)
        m->k->transpose(m->Vt, m->p.V, K, H);
}

void rnn_model_exchange(struct rnn_model *m)
{
    double *t = m->theta;
    m->theta = m->before;
    m->before = t;
    model_point(m);
}

void rnn_model_swap(struct rnn_model *m)
{
    rnn_model_exchange(m);
    rnn_model_sync(m);
}

int rnn_ws_init(struct rnn_ws *w, struct rnn_shape s, int T)
{
    size_t H = (size_t)s.hidden, K = (size_t)s.vocab, n = (size_t)T;
    double **const parts[] = {&w->h,    &w->z,  &w->o,  &w->y,       &w->dy,
                              &w->loss, &w->dh, &w->dr, &w->dh_next, &w->grad};
    const size_t sizes[] = {(n + 1) * H, n * H, n * K, n * K, n * K,
                            n,           n * H, n * H, H,     rnn_param_count(s)};
    w->h = NULL;
    w->pred = calloc(n, sizeof(int));
    if (!w->pred || carve_block(parts, sizes, sizeof sizes / sizeof *sizes) != 0) {
        free(w->pred);
        w->pred = NULL;
        return -1;
    }
    w->T = T;
    w->g = rnn_block_view(s, w->grad);
    return 0;
}

void rnn_ws_free(struct rnn_ws *w)
{
    rnn_big_free(w->h);
    free(w->pred);
    w->h = NULL;
    w->pred = NULL;
}

double rnn_forward_step(const struct rnn_model *m, struct rnn_ws *w, int t, int x, int target)
{
    return m->k->forward_step(m, w, t, x, target);
}

void rnn_backward_step(const struct rnn_model *m, struct rnn_ws *w, int t, int x, int target)
{
    m->k->backward_step(m, w, t, x, target);
}

double rnn_window_train(const struct rnn_model *m, struct rnn_ws *w, const uint8_t *ids, int done,
                        int todo)
{
    return m->k->window(m, w, ids, done, todo);
}

const struct rnn_kernels *rnn_kernels_select(void)
{
#ifdef RNNSTEP_KERNELS_X86
    __builtin_cpu_init();
    bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl"))
        return &rnn_kernels_avx512;
    if (avx2)
        return &rnn_kernels_avx2;
#endif
    return &rnn_kernels_generic;
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
