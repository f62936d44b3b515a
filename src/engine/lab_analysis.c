/* The BPTT lab's measurements (rnnstep/lab.h). Sums run in index order with
 * explicit fma, so every machine gets the same bits. */
#include "rnnstep/lab.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fma_clones.h"

RNN_FMA_CLONES static double dot(const double *a, const double *b, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s = fma(a[i], b[i], s);
    return s;
}

static double norm_of_difference(const double *a, const double *b, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++) {
        double d = a[i] - b[i];
        s = fma(d, d, s);
    }
    return sqrt(s);
}

static double cosine(double ab, double na, double nb)
{
    if (na == 0.0 && nb == 0.0)
        return 1.0;
    if (na == 0.0 || nb == 0.0)
        return 0.0;
    return ab / (na * nb);
}

static void compare_arrays(const double *g, const double *ref, size_t n,
                           struct rnn_grad_compare *out)
{
    out->norm = sqrt(dot(g, g, n));
    out->ref_norm = sqrt(dot(ref, ref, n));
    double diff = norm_of_difference(g, ref, n);
    out->rel_error = diff == 0.0 ? 0.0 : out->ref_norm == 0.0 ? INFINITY : diff / out->ref_norm;
    out->cosine = cosine(dot(g, ref, n), out->norm, out->ref_norm);
}

void rnn_grad_compare(struct rnn_shape shape, enum rnn_param_id id, const double *g,
                      const double *ref, struct rnn_grad_compare *out)
{
    int rows, cols;
    rnn_param_dims(shape, id, &rows, &cols);
    size_t off = rnn_param_offset(shape, id);
    compare_arrays(g + off, ref + off, (size_t)rows * cols, out);
}

bool rnn_truncation_profile(struct rnn_engine *e, struct rnn_truncation_row *rows, double *scratch)
{
    struct rnn_view v;
    rnn_engine_view(e, &v);
    int T = v.T;
    size_t P = rnn_param_count(v.shape);
    struct rnn_settings s = v.settings;
    s.bug = RNN_BUG_NONE;
    /* grads[K] for K = 1..T (K = T is full BPTT); grads[0] is all zero. */
    memset(scratch, 0, P * sizeof(double));
    for (int K = 1; K <= T; K++) {
        s.truncate = K;
        rnn_engine_gradient_with(e, &s, scratch + (size_t)K * P);
    }
    const double *full = scratch + (size_t)T * P;
    int rows_w, cols_w;
    rnn_param_dims(v.shape, RNN_P_W, &rows_w, &cols_w);
    size_t wo = rnn_param_offset(v.shape, RNN_P_W), wn = (size_t)rows_w * cols_w;
    double total = 0.0, part[RNN_SEQ_MAX + 1];
    for (int d = 1; d <= T; d++) {
        part[d] = norm_of_difference(scratch + (size_t)d * P + wo,
                                     scratch + (size_t)(d - 1) * P + wo, wn);
        total += part[d];
    }
    double longer = total;
    for (int K = 1; K <= T; K++) {
        struct rnn_truncation_row *r = &rows[K - 1];
        r->K = K;
        for (int id = 0; id < RNN_P_COUNT; id++)
            rnn_grad_compare(v.shape, (enum rnn_param_id)id, scratch + (size_t)K * P, full,
                             &r->param[id]);
        longer -= part[K];
        r->long_path_share = total > 0.0 ? (longer > 0.0 ? longer : 0.0) / total : 0.0;
    }
    return !isnan(full[0]);
}

RNN_FMA_CLONES static void clip_compare(const double *g, size_t n, double clip, double clip_norm,
                                        struct rnn_clip_compare *out)
{
    double raw = sqrt(dot(g, g, n));
    out->norm_scale = clip_norm > 0.0 && raw > clip_norm ? clip_norm / raw : 1.0;
    double ss = 0.0, cross = 0.0, ns = 0.0, ncross = 0.0;
    double bound = clip > 0.0 ? clip : INFINITY; /* off: no entry is past it */
    size_t changed = 0;
    for (size_t i = 0; i < n; i++) {
        double r = g[i] * out->norm_scale; /* as the engine's update scales it */
        ns = fma(r, r, ns);
        ncross = fma(r, g[i], ncross);
        /* Clamped without branches: at an explosion many entries are past
         * the bound, unpredictably. A nan stays nan and is not counted. */
        double c = g[i] > bound ? bound : g[i];
        c = c < -bound ? -bound : c;
        changed += (g[i] > bound) | (g[i] < -bound);
        ss = fma(c, c, ss);
        cross = fma(c, g[i], cross);
    }
    out->raw_norm = raw;
    out->element_norm = sqrt(ss);
    out->element_cosine = cosine(cross, out->element_norm, raw);
    out->element_clipped = changed;
    out->norm_norm = sqrt(ns);
    out->norm_cosine = cosine(ncross, out->norm_norm, raw);
}

void rnn_clip_compare(const double *g, size_t n, double clip, double clip_norm,
                      struct rnn_clip_compare *out)
{
    clip_compare(g, n, clip, clip_norm, out);
}

void rnn_diagnostics_compute(const struct rnn_engine *e, const struct rnn_view *v,
                             struct rnn_diagnostics *out)
{
    memset(out, 0, sizeof *out);
    double first, lowest, latest;
    /* Before the first update the log is empty: the window being trained is the first. */
    out->initial_loss = rnn_engine_loss_stats(e, &first, &lowest, &latest) ? first
                        : v->forward_done == v->T                          ? v->loss_sum
                                                                           : NAN;
    out->uniform_loss = v->T * log((double)v->shape.vocab);
    int H = v->shape.hidden;
    size_t n = (size_t)v->forward_done * (size_t)H, hot = 0;
    bool finite = true;
    for (size_t i = 0; i < n; i++) {
        double h = v->h[(size_t)H + i];
        hot += fabs(h) > RNN_SATURATION;
        finite = finite && isfinite(h);
    }
    out->saturated_of = n;
    /* A nan unit is neither saturated nor not: the share has no value. */
    out->saturated = !finite ? NAN : n ? (double)hot / (double)n : 0.0;
    out->has_update = v->iteration > 0;
    const double *theta = v->theta.U, *before = v->before.U, *grad = v->grad.U;
    for (int id = 0; id < RNN_P_COUNT; id++) {
        int rows, cols;
        rnn_param_dims(v->shape, (enum rnn_param_id)id, &rows, &cols);
        size_t off = rnn_param_offset(v->shape, (enum rnn_param_id)id), cnt = (size_t)rows * cols;
        out->grad_norm[id] = sqrt(dot(grad + off, grad + off, cnt));
        double base = sqrt(dot(before + off, before + off, cnt));
        double step = norm_of_difference(theta + off, before + off, cnt);
        /* Only a zero base has no ratio; a nan or inf in either stays in it. */
        out->was_zero[id] = out->has_update && base == 0.0;
        out->update_ratio[id] = out->has_update && !out->was_zero[id] ? step / base : NAN;
    }
}

static void write_num(char *buf, double x)
{
    if (isnan(x))
        snprintf(buf, RNN_DIAG_TEXT_CAP, "nan");
    else
        snprintf(buf, RNN_DIAG_TEXT_CAP, "%.3e", x);
}

void rnn_diagnostics_write(const struct rnn_diagnostics *d, struct rnn_diagnostics_text *out)
{
    for (int id = 0; id < RNN_P_COUNT; id++) {
        write_num(out->grad_norm[id], d->grad_norm[id]);
        if (!d->has_update)
            snprintf(out->update_ratio[id], RNN_DIAG_TEXT_CAP, "-");
        else if (d->was_zero[id])
            snprintf(out->update_ratio[id], RNN_DIAG_TEXT_CAP, "n/a, was 0");
        else
            write_num(out->update_ratio[id], d->update_ratio[id]);
    }
}
