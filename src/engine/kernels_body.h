/* The forward and BPTT kernels, included once per instruction set by
 * kernels_generic.c and kernels_avx2.c (which define RNN_KERNELS_TABLE).
 * Only +, -, *, /, sqrt, explicit fma and bit operations are used, in a fixed
 * order per output element, so every variant and every compiler gives the
 * same bits; loops are written so compilers can vectorise them. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core.h"
#include "kernels.h"

#ifndef RNN_KERNELS_TABLE
#error "define RNN_KERNELS_TABLE before including kernels_body.h"
#endif

/* For the shape-specialised copies below: the body must be inlined where the
 * shape is a constant. */
#define RNN_ALWAYS_INLINE static inline __attribute__((always_inline))

/* y += a * x, each element one fused multiply-add. */
static inline void axpy(double *restrict y, const double *restrict x, double a, int n)
{
    for (int i = 0; i < n; i++)
        y[i] = fma(x[i], a, y[i]);
}

static inline void copy(double *restrict dst, const double *restrict src, int n)
{
    for (int i = 0; i < n; i++)
        dst[i] = src[i];
}

static inline double bits_to_double(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static inline uint64_t double_to_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

/* Rounds y * log2(e) to the nearest integer n (returned as shifter + n, whose
 * low mantissa bits hold n) and returns expm1(r) for r = y - n ln 2,
 * |r| <= ln(2) / 2, by its Taylor series to r^13 (truncation < 2^-56). */
#define EXP_SHIFTER 0x1.8p52
static inline double expm1_reduced(double y, double *shifted)
{
    static const double ln2_hi = 0x1.62e42fee00000p-1, ln2_lo = 0x1.a39ef35793c76p-33;
    double kd = fma(y, 0x1.71547652b82fep0, EXP_SHIFTER);
    double n = kd - EXP_SHIFTER;
    double r = fma(-n, ln2_lo, fma(-n, ln2_hi, y));
    double q = 1.0 / 6227020800.0;
    q = fma(q, r, 1.0 / 479001600.0);
    q = fma(q, r, 1.0 / 39916800.0);
    q = fma(q, r, 1.0 / 3628800.0);
    q = fma(q, r, 1.0 / 362880.0);
    q = fma(q, r, 1.0 / 40320.0);
    q = fma(q, r, 1.0 / 5040.0);
    q = fma(q, r, 1.0 / 720.0);
    q = fma(q, r, 1.0 / 120.0);
    q = fma(q, r, 1.0 / 24.0);
    q = fma(q, r, 1.0 / 6.0);
    q = fma(q, r, 0.5);
    *shifted = kd;
    return fma(q, r * r, r);
}

/* 2^n for a shifted = EXP_SHIFTER + n, -1022 <= n <= 1023: n sits in the low
 * mantissa bits, and unsigned arithmetic moves it into the exponent. */
static inline double pow2_from_shifted(double shifted)
{
    uint64_t n = double_to_bits(shifted) - double_to_bits(EXP_SHIFTER);
    return bits_to_double((n + 1023u) << 52);
}

/* exp(x) for x <= 0 (the softmax's o - max); nan stays nan. Below -745 the
 * result is 0; 2^n is applied as 2^(n/2) 2^(n - n/2) so that both factors
 * are normal numbers down to the subnormal range. */
static inline double exp_nonpositive(double x)
{
    double xc = x < -746.0 ? -746.0 : x;
    double kd, p = expm1_reduced(xc, &kd);
    double n = kd - EXP_SHIFTER;
    double half = fma(n, 0.5, EXP_SHIFTER);
    double rest = (n - (half - EXP_SHIFTER)) + EXP_SHIFTER;
    return (1.0 + p) * pow2_from_shifted(half) * pow2_from_shifted(rest);
}

/* tanh(z) = sign(z) e / (e + 2) with e = expm1(2|z|) (no cancellation);
 * |z| >= 20 gives +-1 exactly as the rounded tanh does; nan stays nan. */
static inline double tanh_det(double z)
{
    double a = fabs(z);
    a = a > 20.0 ? 20.0 : a;
    double kd, p = expm1_reduced(a + a, &kd);
    double s = pow2_from_shifted(kd);
    double e = fma(s, p, s - 1.0);
    uint64_t sign = double_to_bits(z) & 0x8000000000000000u; /* copysign, vectorisable */
    return bits_to_double(double_to_bits(e / (e + 2.0)) | sign);
}

static void tanh_array(double *restrict h, const double *restrict z, int n)
{
#pragma omp simd
    for (int i = 0; i < n; i++)
        h[i] = tanh_det(z[i]);
}

__attribute__((noinline)) static void exp_shifted_array(double *restrict y,
                                                        const double *restrict o, double mx, int n)
{
#pragma omp simd
    for (int i = 0; i < n; i++)
        y[i] = exp_nonpositive(o[i] - mx);
}

/* Stable softmax of o into y; returns -ln y[target] computed as
 * ln(sum exp(o - max)) - (o[target] - max), which never takes ln(0). */
static double softmax_loss(const double *restrict o, double *restrict y, int K, int target,
                           int *pred)
{
    double mx = o[0];
    int arg = 0;
    for (int i = 1; i < K; i++)
        if (o[i] > mx)
            mx = o[i], arg = i;
    exp_shifted_array(y, o, mx, K);
    double sum = 0.0;
    for (int i = 0; i < K; i++)
        sum += y[i];
#pragma omp simd
    for (int i = 0; i < K; i++)
        y[i] /= sum;
    *pred = arg;
    return log(sum) - (o[target] - mx);
}

/* dh = dh_next + V^T dy, each dh[j] starting from dh_next[j] and adding the
 * terms i = 0..K-1 in order (as analysis.c relies on). Short
 * hidden vectors use the dot form (one loop over i per j), long ones the
 * axpy form (one loop over j per i); both add the same terms in the same
 * order, so the choice changes only the speed. */
RNN_ALWAYS_INLINE void output_to_hidden(const struct rnn_model *m, const double *restrict dy,
                                        const double *restrict dh_next, double *restrict dh, int H)
{
    int K = m->s.vocab;
    if (H < K) {
        for (int j = 0; j < H; j++) {
            const double *vt = m->Vt + (size_t)j * K;
            double acc = dh_next[j];
            for (int i = 0; i < K; i++)
                acc = fma(vt[i], dy[i], acc);
            dh[j] = acc;
        }
        return;
    }
    copy(dh, dh_next, H);
    for (int i = 0; i < K; i++)
        axpy(dh, m->p.V + (size_t)i * H, dy[i], H);
}

/* The step bodies take the hidden size as an argument so that the wrappers
 * below can pass a constant: hidden size 1 (the worked example) then gets its
 * own copy with every hidden loop gone, from the same source, so with the same
 * operations in the same order. */
RNN_ALWAYS_INLINE double forward_step_h(const struct rnn_model *m, struct rnn_ws *w, int t, int x,
                                        int target, int H)
{
    int K = m->s.vocab;
    const double *hprev = w->h + (size_t)(t - 1) * H;
    double *ht = w->h + (size_t)t * H;
    double *zt = w->z + (size_t)(t - 1) * H;
    double *ot = w->o + (size_t)(t - 1) * K;
    const double *ux = m->Ut + (size_t)x * H;

    for (int i = 0; i < H; i++)
        zt[i] = ux[i] + m->p.b[i];
    for (int j = 0; j < H; j++)
        axpy(zt, m->Wt + (size_t)j * H, hprev[j], H);
    tanh_array(ht, zt, H);

    copy(ot, m->p.c, K);
    for (int j = 0; j < H; j++)
        axpy(ot, m->Vt + (size_t)j * K, ht[j], K);

    double L = softmax_loss(ot, w->y + (size_t)(t - 1) * K, K, target, &w->pred[t - 1]);
    w->loss[t - 1] = L;
    return L;
}

RNN_ALWAYS_INLINE void backward_step_h(const struct rnn_model *m, struct rnn_ws *w, int t, int x,
                                       int target, int H)
{
    int K = m->s.vocab;
    const double *ht = w->h + (size_t)t * H;
    const double *hprev = w->h + (size_t)(t - 1) * H;
    double *dyt = w->dy + (size_t)(t - 1) * K;
    double *dht = w->dh + (size_t)(t - 1) * H;
    double *drt = w->dr + (size_t)(t - 1) * H;
    struct rnn_block g = w->g;

    copy(dyt, w->y + (size_t)(t - 1) * K, K);
    dyt[target] -= 1.0;

    for (int i = 0; i < K; i++)
        g.c[i] += dyt[i];
    for (int i = 0; i < K; i++)
        axpy(g.V + (size_t)i * H, ht, dyt[i], H);

    output_to_hidden(m, dyt, w->dh_next, dht, H);

    for (int i = 0; i < H; i++)
        drt[i] = (1.0 - ht[i] * ht[i]) * dht[i];

    for (int i = 0; i < H; i++) {
        g.b[i] += drt[i];
        g.U[(size_t)i * K + x] += drt[i];
    }
    for (int i = 0; i < H; i++)
        axpy(g.W + (size_t)i * H, hprev, drt[i], H);

    for (int i = 0; i < H; i++)
        w->dh_next[i] = 0.0;
    for (int i = 0; i < H; i++)
        axpy(w->dh_next, m->p.W + (size_t)i * H, drt[i], H);
}

/* The micro-steps done..todo-1 of an iteration (kernels.h) as two ranges:
 * forward t = f0 + 1..f1, then backward t = hi down to lo (none when lo > hi),
 * the backward's sums fresh when it begins in this call. */
struct window_span {
    int f0, f1, hi, lo;
    bool fresh;
};

static struct window_span window_span_of(int T, int done, int todo)
{
    int from = done > T ? done : T;
    return (struct window_span){.f0 = done < T ? done : T,
                                .f1 = todo < T ? todo : T,
                                .hi = 2 * T - from,
                                .lo = 2 * T - todo + 1,
                                .fresh = done <= T};
}

RNN_ALWAYS_INLINE void window_h(const struct rnn_model *m, struct rnn_ws *w, const uint8_t *ids,
                                const struct window_span *sp, int H)
{
    for (int t = sp->f0 + 1; t <= sp->f1; t++)
        w->loss[t - 1] = forward_step_h(m, w, t, ids[t - 1], ids[t], H);
    for (int t = sp->hi; t >= sp->lo; t--)
        backward_step_h(m, w, t, ids[t - 1], ids[t], H);
}

#include "kernels_window.h"

/* From this hidden size on, the blocked products beat the plain loops. */
#define WINDOW_BLOCKED_MIN_HIDDEN 16

static double forward_step(const struct rnn_model *m, struct rnn_ws *w, int t, int x, int target)
{
    if (m->s.hidden == 1)
        return forward_step_h(m, w, t, x, target, 1);
    if (m->s.hidden >= WINDOW_BLOCKED_MIN_HIDDEN)
        return forward_step_blocked(m, w, t, x, target);
    return forward_step_h(m, w, t, x, target, m->s.hidden);
}

static void backward_step(const struct rnn_model *m, struct rnn_ws *w, int t, int x, int target)
{
    if (m->s.hidden == 1)
        backward_step_h(m, w, t, x, target, 1);
    else if (m->s.hidden >= WINDOW_BLOCKED_MIN_HIDDEN)
        backward_step_blocked(m, w, t, x, target);
    else
        backward_step_h(m, w, t, x, target, m->s.hidden);
}

static double window(const struct rnn_model *m, struct rnn_ws *w, const uint8_t *ids, int done,
                     int todo)
{
    struct window_span sp = window_span_of(w->T, done, todo);
    if (m->s.hidden >= WINDOW_BLOCKED_MIN_HIDDEN) {
        window_blocked(m, w, ids, &sp);
    } else {
        if (sp.fresh && sp.lo <= sp.hi) { /* the steps add onto the gradient */
            memset(w->grad, 0, m->count * sizeof(double));
            memset(w->dh_next, 0, (size_t)m->s.hidden * sizeof(double));
        }
        if (m->s.hidden == 1)
            window_h(m, w, ids, &sp, 1);
        else
            window_h(m, w, ids, &sp, m->s.hidden);
    }
    double loss = 0.0; /* in t order, as the steps add it */
    for (int t = 0; t < sp.f1; t++)
        loss += w->loss[t];
    return loss;
}

#include "optim_body.h"

const struct rnn_kernels RNN_KERNELS_TABLE = {
    .name = RNN_KERNELS_NAME,
    .forward_step = forward_step,
    .backward_step = backward_step,
    .window = window,
    .update = update,
    .transpose = transpose,
};
