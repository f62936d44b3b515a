/* Teaching tools from engine state: gradient flow through time, the
 * recurrent Jacobian gauge, gradient-check summaries, sampling. Sums follow
 * the kernels' fixed fma order, so totals match BPTT's numbers bit for bit. */
#include "rnnstep/analysis.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "fma_clones.h"
#include "lab.h"

/* Seed of the power iteration's start vector: fixed, so the gauge is
 * deterministic, and pseudo-random, so it is not orthogonal to the top
 * singular vector of any matrix with a simple pattern. */
#define POWER_START_SEED 0x5EEDu

const struct rnn_const_block *rnn_activation_params(const struct rnn_view *v)
{
    return v->pos == 0 && v->has_last ? &v->before : &v->theta;
}

/* ---- gradient flow through time ---------------------------------------- */

size_t rnn_flow_doubles(struct rnn_shape shape, int T)
{
    size_t n = (size_t)T, H = (size_t)shape.hidden;
    return n * n + n + n * H + n + 2 * H;
}

void rnn_flow_bind(struct rnn_flow *f, struct rnn_shape shape, int T, double *block)
{
    size_t n = (size_t)T, H = (size_t)shape.hidden;
    f->T = T;
    f->hidden = shape.hidden;
    f->reach = block;
    f->total = f->reach + n * n;
    f->gate = f->total + n;
    f->gate_mean = f->gate + n * H;
    f->scratch = f->gate_mean + n;
}

bool rnn_flow_fits(struct rnn_shape shape, int T)
{
    double H = shape.hidden;
    return T >= 1 && T <= RNN_FLOW_T_MAX && 0.5 * T * (T + 1.0) * H * H <= RNN_ANALYSIS_WORK_MAX;
}

/* g += V^T (yhat_t - y_t): the gradient step t's own output sends to h_t,
 * summed in the order of rnn_backward_step. */
static void add_output_gradient(const struct rnn_view *v, const struct rnn_const_block *p, int t,
                                double *g)
{
    int H = v->shape.hidden, K = v->shape.vocab, target = v->targets[t - 1];
    const double *y = v->y + (size_t)(t - 1) * K;
    for (int i = 0; i < K; i++) {
        double dy = i == target ? y[i] - 1.0 : y[i];
        const double *row = p->V + (size_t)i * H;
        for (int j = 0; j < H; j++)
            g[j] = fma(row[j], dy, g[j]);
    }
}

/* g <- W^T (gate_k * g): carries a gradient at h_k back to h_{k-1}. */
static void carry_back(const struct rnn_const_block *p, const double *gate, double *g, double *r,
                       int H)
{
    for (int i = 0; i < H; i++)
        r[i] = gate[i] * g[i];
    memset(g, 0, (size_t)H * sizeof(double));
    for (int i = 0; i < H; i++) {
        const double *row = p->W + (size_t)i * H;
        for (int j = 0; j < H; j++)
            g[j] = fma(row[j], r[i], g[j]);
    }
}

static void fill_gates(const struct rnn_view *v, const struct rnn_flow *f, int n)
{
    int H = v->shape.hidden;
    for (int k = 1; k <= n; k++) {
        const double *h = v->h + (size_t)k * H;
        double *gate = f->gate + (size_t)(k - 1) * H, sum = 0.0;
        for (int i = 0; i < H; i++) {
            gate[i] = 1.0 - h[i] * h[i];
            sum += gate[i];
        }
        f->gate_mean[k - 1] = sum / H;
    }
}

/* Row t: step t's loss alone, carried back from h_t towards h_1. */
static void fill_reach_row(const struct rnn_view *v, const struct rnn_const_block *p,
                           const struct rnn_flow *f, int t)
{
    int H = v->shape.hidden, T = f->T;
    double *g = f->scratch, *r = f->scratch + H, *row = f->reach + (size_t)(t - 1) * T;
    memset(g, 0, (size_t)H * sizeof(double));
    add_output_gradient(v, p, t, g);
    row[t - 1] = rnn_l2_norm(g, (size_t)H);
    for (int k = t - 1; k >= 1; k--) {
        carry_back(p, f->gate + (size_t)k * H, g, r, H);
        row[k - 1] = rnn_l2_norm(g, (size_t)H);
    }
}

/* The BPTT recursion itself: dL/dh_k = V^T dy_k + W^T (gate_{k+1} dL/dh_{k+1}). */
static void fill_totals(const struct rnn_view *v, const struct rnn_const_block *p,
                        const struct rnn_flow *f, int n)
{
    int H = v->shape.hidden;
    double *g = f->scratch, *r = f->scratch + H;
    memset(g, 0, (size_t)H * sizeof(double));
    for (int k = n; k >= 1; k--) {
        if (k < n)
            carry_back(p, f->gate + (size_t)k * H, g, r, H);
        add_output_gradient(v, p, k, g);
        f->total[k - 1] = rnn_l2_norm(g, (size_t)H);
    }
}

int rnn_flow_compute(const struct rnn_view *v, const struct rnn_flow *f)
{
    if (!rnn_flow_fits(v->shape, v->T) || f->T != v->T || f->hidden != v->shape.hidden)
        return -1;
    int n = v->forward_done, T = v->T;
    size_t H = (size_t)v->shape.hidden;
    const struct rnn_const_block *p = rnn_activation_params(v);
    memset(f->reach, 0, (size_t)T * T * sizeof(double));
    memset(f->total, 0, (size_t)T * sizeof(double));
    memset(f->gate, 0, (size_t)T * H * sizeof(double));
    memset(f->gate_mean, 0, (size_t)T * sizeof(double));
    fill_gates(v, f, n);
    for (int t = 1; t <= n; t++)
        fill_reach_row(v, p, f, t);
    fill_totals(v, p, f, n);
    return n;
}

/* ---- the parts of the sums the screen shows ----------------------------- */

/* The BPTT lab's gradient path may use another dy_t (the sign bug) and
 * carries something other than W^T dr_{t+1} (nothing with no-carry, only the
 * paths within K steps when truncated): the parts are then what step t
 * added, V^T dy_t as it computed dy_t, and the rest of its dL/dh_t. */
static void lab_dh_parts(const struct rnn_view *v, const struct rnn_const_block *p, int t,
                         double *from_output, double *from_future)
{
    int H = v->shape.hidden, K = v->shape.vocab;
    const double *dy = v->dy + (size_t)(t - 1) * K, *dh = v->dh + (size_t)(t - 1) * H;
    for (int i = 0; i < K; i++) {
        const double *row = p->V + (size_t)i * H;
        for (int j = 0; j < H; j++)
            from_output[j] = fma(row[j], dy[i], from_output[j]);
    }
    if (t < v->T)
        for (int j = 0; j < H; j++)
            from_future[j] = dh[j] - from_output[j];
}

/* y = diag(d) W x (d NULL: the identity), each row a sequential fma sum. */
RNN_FMA_CLONES static void scaled_product(const double *W, const double *d, int n, const double *x,
                                          double *y)
{
    for (int i = 0; i < n; i++) {
        const double *row = W + (size_t)i * n;
        double sum = 0.0;
        for (int j = 0; j < n; j++)
            sum = fma(row[j], x[j], sum);
        y[i] = d ? d[i] * sum : sum;
    }
}

/* x = W^T diag(d) y, row by row as BPTT adds W^T dr. */
RNN_FMA_CLONES static void scaled_transpose_product(const double *W, const double *d, int n,
                                                    const double *y, double *x)
{
    memset(x, 0, (size_t)n * sizeof(double));
    for (int i = 0; i < n; i++) {
        double yi = d ? d[i] * y[i] : y[i];
        const double *row = W + (size_t)i * n;
        for (int j = 0; j < n; j++)
            x[j] = fma(row[j], yi, x[j]);
    }
}

bool rnn_dh_parts(const struct rnn_view *v, int t, double *from_output, double *from_future)
{
    if (t < v->backward_low || t > v->T)
        return false;
    int H = v->shape.hidden;
    const struct rnn_const_block *p = rnn_activation_params(v);
    memset(from_output, 0, (size_t)H * sizeof(double));
    memset(from_future, 0, (size_t)H * sizeof(double));
    if (rnn_lab_backward_on(&v->settings, v->T)) {
        lab_dh_parts(v, p, t, from_output, from_future);
        return true;
    }
    add_output_gradient(v, p, t, from_output);
    if (t == v->T)
        return true;
    /* dh_next after step t + 1: W^T dr_{t+1}. */
    scaled_transpose_product(p->W, NULL, H, v->dr + (size_t)t * H, from_future);
    return true;
}

bool rnn_recurrent_term(const struct rnn_view *v, int t, double *wh)
{
    if (t < 1 || t > v->forward_done)
        return false;
    int H = v->shape.hidden;
    const struct rnn_const_block *p = rnn_activation_params(v);
    scaled_product(p->W, NULL, H, v->h + (size_t)(t - 1) * H, wh);
    return true;
}

bool rnn_entry_clipped(const struct rnn_view *v, size_t i)
{
    /* Norm clipping scales every entry first (the same product the update
     * computes); what element clipping changed differs from that. */
    double g = v->clip_scale != 1.0 ? v->grad.U[i] * v->clip_scale : v->grad.U[i];
    double a = v->applied.U[i];
    return g != a && !isnan(g);
}

/* ---- recurrent Jacobian gauge ------------------------------------------ */

/* Scales x to unit length; returns false when it is zero or not finite. */
static bool normalise(double *x, int n)
{
    double norm = rnn_l2_norm(x, (size_t)n);
    if (!(norm > 0.0) || !isfinite(norm))
        return false;
    for (int i = 0; i < n; i++)
        x[i] /= norm;
    return true;
}

/* ||diag(d) W||_2 by power iteration on (dW)^T (dW). */
static double power_norm(const double *W, const double *d, int n, double *x, double *y)
{
    if (n == 1)
        return d ? fabs(W[0]) * d[0] : fabs(W[0]);
    struct rnn_rng rng;
    rnn_rng_seed(&rng, POWER_START_SEED);
    for (int i = 0; i < n; i++)
        x[i] = 2.0 * rnn_rng_uniform(&rng) - 1.0;
    normalise(x, n);
    for (int it = 0; it < RNN_POWER_ITERATIONS; it++) {
        scaled_product(W, d, n, x, y);
        scaled_transpose_product(W, d, n, y, x);
        if (!normalise(x, n))
            return rnn_l2_norm(x, (size_t)n); /* 0, or nan/inf passed on */
    }
    scaled_product(W, d, n, x, y);
    return rnn_l2_norm(y, (size_t)n);
}

double rnn_spectral_norm(const double *W, int n, double *scratch)
{
    return power_norm(W, NULL, n, scratch, scratch + n);
}

double rnn_jacobian_product(const struct rnn_view *v, double *step_norms, double *scratch)
{
    int H = v->shape.hidden, n = v->forward_done;
    double work = (double)n * 2.0 * RNN_POWER_ITERATIONS * H * H;
    if (H > 1 && work > RNN_ANALYSIS_WORK_MAX)
        return NAN;
    const struct rnn_const_block *p = rnn_activation_params(v);
    double *gate = scratch, product = 1.0;
    for (int k = 1; k <= n; k++) {
        const double *h = v->h + (size_t)k * H;
        for (int i = 0; i < H; i++)
            gate[i] = 1.0 - h[i] * h[i];
        double norm = power_norm(p->W, gate, H, scratch + H, scratch + 2 * H);
        if (step_norms)
            step_norms[k - 1] = norm;
        if (k >= 2)
            product *= norm;
    }
    return product;
}

/* ---- gradient check verdict -------------------------------------------- */

double rnn_gradcheck_noise(double magnitude, double eps)
{
    if (!isfinite(magnitude))
        return NAN;
    return RNN_GRADCHECK_NOISE_ULPS * DBL_EPSILON * magnitude / eps;
}

/* How much of its limit an entry uses: <= 1 passes, infinite when either
 * side is not finite (so such an entry is always the one shown). */
static double limit_used(double a, double n, double tolerance, double noise)
{
    if (!isfinite(a) || !isfinite(n))
        return INFINITY;
    double diff = fabs(a - n), limit = tolerance * (fabs(a) + fabs(n)) + noise;
    return limit > 0.0 ? diff / limit : diff > 0.0 ? INFINITY : 0.0;
}

bool rnn_gradcheck_entry_ok(double analytic, double numeric, double tolerance, double noise)
{
    return limit_used(analytic, numeric, tolerance, noise) <= 1.0;
}

static void judge_param(struct rnn_shape shape, enum rnn_param_id id, const double *analytic,
                        const double *numeric, double tolerance, double noise,
                        struct rnn_gradcheck_param *p, double *most)
{
    int rows, cols;
    rnn_param_dims(shape, id, &rows, &cols);
    size_t off = rnn_param_offset(shape, id);
    *p = (struct rnn_gradcheck_param){.entries = (size_t)rows * (size_t)cols};
    *most = -1.0;
    for (size_t i = 0; i < p->entries; i++) {
        double a = analytic[off + i], n = numeric[off + i];
        double used = limit_used(a, n, tolerance, noise);
        p->nonfinite += !isfinite(a) || !isfinite(n);
        p->failed += !(used <= 1.0);
        p->in_noise += used <= 1.0 && !(limit_used(a, n, tolerance, 0.0) <= 1.0);
        if (!(used <= *most)) {
            *most = used;
            p->at = i;
        }
    }
    p->rel_error = rnn_relative_error(analytic[off + p->at], numeric[off + p->at]);
    p->abs_error = fabs(analytic[off + p->at] - numeric[off + p->at]);
}

void rnn_gradcheck_judge(struct rnn_shape shape, const double *analytic, const double *numeric,
                         double magnitude, double eps, double tolerance,
                         struct rnn_gradcheck_result *out)
{
    double noise = rnn_gradcheck_noise(magnitude, eps);
    *out = (struct rnn_gradcheck_result){
        .eps = eps, .tolerance = tolerance, .magnitude = magnitude, .noise = noise};
    /* A nan floor would make every comparison false: judge without it, and
     * the verdict fails below anyway. */
    double floor = isfinite(noise) ? noise : 0.0, most = -1.0;
    for (int id = 0; id < RNN_P_COUNT; id++) {
        struct rnn_gradcheck_param *p = &out->param[id];
        double used;
        judge_param(shape, (enum rnn_param_id)id, analytic, numeric, tolerance, floor, p, &used);
        out->failed += p->failed;
        out->nonfinite += p->nonfinite;
        out->in_noise += p->in_noise;
        if (!(used <= most)) {
            most = used;
            out->worst = (enum rnn_param_id)id;
        }
    }
    size_t P = rnn_param_count(shape);
    for (size_t i = 0; i < P; i++)
        out->largest = fmax(out->largest, fabs(analytic[i]));
    out->resolved = noise < out->largest;
    out->passed = out->failed == 0 && out->resolved;
}

bool rnn_gradcheck_run(struct rnn_engine *e, double *analytic, double *numeric,
                       struct rnn_gradcheck_result *out)
{
    struct rnn_view v;
    rnn_engine_view(e, &v);
    double magnitude = rnn_engine_gradcheck(e, RNN_GRADCHECK_EPS, analytic, numeric);
    rnn_gradcheck_judge(v.shape, analytic, numeric, magnitude, RNN_GRADCHECK_EPS,
                        RNN_GRADCHECK_TOLERANCE, out);
    return out->passed;
}

/* ---- gradient check summaries ------------------------------------------ */

double rnn_gradcheck_work(struct rnn_shape s, int T)
{
    return 2.0 * (double)rnn_param_count(s) * T * s.hidden * (double)(s.hidden + 2 * s.vocab);
}

double rnn_gradcheck_worst(struct rnn_shape shape, enum rnn_param_id id, const double *analytic,
                           const double *numeric, size_t *at)
{
    int rows, cols;
    rnn_param_dims(shape, id, &rows, &cols);
    size_t off = rnn_param_offset(shape, id), count = (size_t)rows * (size_t)cols;
    double worst = 0.0;
    *at = 0;
    for (size_t i = 0; i < count; i++) {
        double err = rnn_relative_error(analytic[off + i], numeric[off + i]);
        if (!(err <= worst)) /* also catches nan */
            worst = err, *at = i;
    }
    return worst;
}

/* ---- parameter summaries ----------------------------------------------- */

RNN_FMA_CLONES static void summarise(struct rnn_shape shape, enum rnn_param_id id,
                                     const double *block, struct rnn_param_summary *out)
{
    int rows, cols;
    rnn_param_dims(shape, id, &rows, &cols);
    const double *x = block + rnn_param_offset(shape, id);
    size_t count = (size_t)rows * (size_t)cols, finite = 0;
    double sq = 0.0, lo = 0.0, hi = 0.0;
    for (size_t i = 0; i < count; i++) {
        if (!isfinite(x[i]))
            continue;
        sq = fma(x[i], x[i], sq);
        lo = finite == 0 || x[i] < lo ? x[i] : lo;
        hi = finite == 0 || x[i] > hi ? x[i] : hi;
        finite++;
    }
    *out = (struct rnn_param_summary){
        .norm = sqrt(sq),
        .min = lo,
        .max = hi,
        .max_abs = fmax(fabs(lo), fabs(hi)),
        .count = count,
        .nonfinite = count - finite,
    };
}

void rnn_param_summarise(struct rnn_shape shape, enum rnn_param_id id, const double *block,
                         struct rnn_param_summary *out)
{
    summarise(shape, id, block, out);
}

/* ---- sampling and predictions ------------------------------------------ */

/* A one-step workspace: h[0] holds the state carried in, h[1] the new one. */
struct rnn_sampler {
    struct rnn_model m;
    struct rnn_ws w;
    double *weights; /* vocab: unnormalised softmax(Omega / temperature) */
};

struct rnn_sampler *rnn_sampler_create(struct rnn_shape shape)
{
    struct rnn_sampler *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->weights = calloc((size_t)shape.vocab, sizeof(double));
    if (!s->weights || rnn_model_init(&s->m, shape) != 0 || rnn_ws_init(&s->w, shape, 1) != 0) {
        rnn_sampler_destroy(s);
        return NULL;
    }
    return s;
}

void rnn_sampler_destroy(struct rnn_sampler *s)
{
    if (!s)
        return;
    rnn_model_free(&s->m);
    rnn_ws_free(&s->w);
    free(s->weights);
    free(s);
}

static void sampler_start(struct rnn_sampler *s, const double *theta)
{
    memcpy(s->m.theta, theta, s->m.count * sizeof(double));
    rnn_model_sync(&s->m);
    memset(s->w.h, 0, (size_t)s->m.s.hidden * sizeof(double));
}

/* One forward step on input x (the loss it computes for target 0 is unused);
 * the new state becomes the next step's h_{t-1}. */
static void sampler_feed(struct rnn_sampler *s, int x)
{
    size_t H = (size_t)s->m.s.hidden;
    rnn_forward_step(&s->m, &s->w, 1, x, 0);
    memcpy(s->w.h, s->w.h + H, H * sizeof(double));
}

/* Inverse-CDF draw from softmax(o / temperature) with one uniform number. */
static int draw(struct rnn_sampler *s, double temperature, struct rnn_rng *rng)
{
    int K = s->m.s.vocab, last = s->w.pred[0];
    const double *o = s->w.o;
    double mx = o[s->w.pred[0]], sum = 0.0;
    for (int i = 0; i < K; i++) {
        s->weights[i] = exp((o[i] - mx) / temperature);
        sum += s->weights[i];
    }
    double u = rnn_rng_uniform(rng) * sum, acc = 0.0;
    for (int i = 0; i < K; i++) {
        acc += s->weights[i];
        if (u < acc)
            return i;
        if (s->weights[i] > 0.0)
            last = i; /* rounding can leave u just past the final sum */
    }
    return last;
}

void rnn_sample(struct rnn_sampler *s, const double *theta, int first, double temperature,
                struct rnn_rng *rng, uint8_t *out, size_t n)
{
    sampler_start(s, theta);
    int x = first;
    for (size_t i = 0; i < n; i++) {
        sampler_feed(s, x);
        x = temperature > 0.0 ? draw(s, temperature, rng) : s->w.pred[0];
        out[i] = (uint8_t)x;
    }
}

void rnn_predict_text(struct rnn_sampler *s, const double *theta, const uint8_t *ids, size_t len,
                      uint8_t *pred)
{
    sampler_start(s, theta);
    for (size_t i = 0; i + 1 < len; i++) {
        sampler_feed(s, ids[i]);
        pred[i] = (uint8_t)s->w.pred[0];
    }
}
