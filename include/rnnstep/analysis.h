/* Teaching tools computed from engine state: how far each step's loss reaches
 * back through time, the recurrent Jacobian gauge, gradient-check summaries,
 * sampling and whole-text predictions. Pure C, deterministic, and nothing
 * here allocates except the sampler's one-time creation. */
#ifndef RNNSTEP_ANALYSIS_H
#define RNNSTEP_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rnnstep/engine.h"
#include "rnnstep/model.h"

/* Multiply-adds one flow or Jacobian computation may cost (about 0.1 s);
 * larger windows are refused so a pane never stalls the visualiser. */
#define RNN_ANALYSIS_WORK_MAX ((double)(1u << 27))

/* Power-iteration steps of rnn_spectral_norm (each one a product with W
 * and with W^T). The estimate never exceeds the true norm and its error
 * shrinks like (s2/s1)^(2 * iterations), s1 > s2 the two largest singular values. */
#define RNN_POWER_ITERATIONS 64

/* The parameters that produced the view's activations: right after an
 * update the ones before it, at any other point the current ones. Every
 * formula shown with the activations' numbers uses these. */
const struct rnn_const_block *rnn_activation_params(const struct rnn_view *v);

/* ---- gradient flow through time ---------------------------------------- */

/* Longest window the flow map accepts (its T x T matrix stays under 2 MB). */
#define RNN_FLOW_T_MAX 512

/* Caller-owned buffers for one window of T steps (see rnn_flow_bind). */
struct rnn_flow {
    int T, hidden;
    double *reach;     /* T x T, row t - 1, column k - 1: ||dL_t/dh_k|| for k <= t, else 0 */
    double *total;     /* T: ||dL/dh_k||, the gradient of the summed loss reaching h_k */
    double *gate;      /* T x hidden: the tanh gate 1 - h_k^2 per unit */
    double *gate_mean; /* T: the gate's mean over the units */
    double *scratch;   /* 2 x hidden */
};

/* Doubles one rnn_flow needs; carve them with rnn_flow_bind. */
size_t rnn_flow_doubles(struct rnn_shape shape, int T);
void rnn_flow_bind(struct rnn_flow *f, struct rnn_shape shape, int T, double *block);

/* False when T > RNN_FLOW_T_MAX or the flow map would cost more than
 * RNN_ANALYSIS_WORK_MAX (T (T + 1) / 2 x hidden^2 multiply-adds). */
bool rnn_flow_fits(struct rnn_shape shape, int T);

/* Fills f for rows t = 1..n, n = v->forward_done (the whole window once the
 * forward pass is done), from the activations and the parameters that
 * produced them (v->before right after an update). Everything is computed
 * from forward results alone, so the matrix is complete before BPTT starts;
 * a pane reveals column k once BPTT has reached it (k >= v->backward_low) to
 * show it filling in. total[k - 1] equals ||v->dh[k - 1]|| bit for bit once
 * BPTT has passed k. Returns n, or -1 when !rnn_flow_fits (nothing written). */
int rnn_flow_compute(const struct rnn_view *v, const struct rnn_flow *f);

/* ---- the parts of the sums the screen shows ----------------------------- */

/* The two parts of dL/dh_t = V^T (yhat_t - y_t) + W^T dr_{t+1} for a step t
 * BPTT has reached (v->backward_low <= t <= T): from_output gets the first
 * ("from the output", step t's own loss), from_future the second ("from the
 * future", the dh_next BPTT carried into step t; 0 at t = T). Each is hidden
 * doubles, summed in index order with fma, so they may differ from the
 * kernels' blocked products in the last bits and their sum from v->dh by a
 * rounding. With truncation or an injected bug in the backward pass the
 * parts are what that step computed: V^T dy_t with its dy_t, and the rest of
 * dL/dh_t (0 with no-carry, the paths still within K steps when truncated).
 * False (nothing written) when BPTT has not reached t. */
bool rnn_dh_parts(const struct rnn_view *v, int t, double *from_output, double *from_future);

/* The recurrent term sum_j W[i,j] h_{t-1}[j] of the pre-activation z_t for a
 * step the forward pass has done (1 <= t <= v->forward_done), hidden doubles,
 * with the parameters that produced the activations. False when not done. */
bool rnn_recurrent_term(const struct rnn_view *v, int t, double *wh);

/* True when element clipping changed flat entry i at the last update: the
 * gradient applied (v->applied) differs from the one computed (v->grad,
 * times v->clip_scale when --clip-norm rescaled it). */
bool rnn_entry_clipped(const struct rnn_view *v, size_t i);

/* ---- recurrent Jacobian gauge ------------------------------------------ */

/* Largest singular value of the n x n row-major matrix W: exactly |W| for
 * n = 1, else power iteration on W^T W from a fixed pseudo-random start
 * vector for RNN_POWER_ITERATIONS steps. scratch: 2n doubles. */
double rnn_spectral_norm(const double *W, int n, double *scratch);

/* Per-step Jacobian norms ||dh_k/dh_{k-1}|| = ||diag(1 - h_k^2) W|| for
 * k = 1..n (n = v->forward_done) into step_norms (may be NULL), and returns
 * their product over k = 2..n, an upper bound on ||dh_n/dh_1|| (1 when n < 2).
 * For hidden 1 each factor is exactly |W| (1 - h_k^2). Uses the parameters
 * that produced the activations, as rnn_flow_compute does. Returns NAN when
 * the work exceeds RNN_ANALYSIS_WORK_MAX. scratch: 3 x hidden doubles. */
double rnn_jacobian_product(const struct rnn_view *v, double *step_norms, double *scratch);

/* ---- gradient check verdict -------------------------------------------- */

/* Step of the central differences and the relative tolerance. */
#define RNN_GRADCHECK_EPS 1e-5
#define RNN_GRADCHECK_TOLERANCE 1e-6
/* Rounding error allowed in one loss evaluation, in units of DBL_EPSILON
 * times the loss magnitude (rnn_engine_gradcheck's return). The worst
 * measured is 1.45 (README, "--gradcheck"), so 8 leaves a margin over 5. */
#define RNN_GRADCHECK_NOISE_ULPS 8.0

/* One parameter's share of the verdict. The entry shown is the one closest
 * to (or furthest past) its limit tolerance (|a| + |n|) + noise. */
struct rnn_gradcheck_param {
    size_t entries;
    size_t failed;    /* entries past the limit, non-finite ones included */
    size_t nonfinite; /* entries where BPTT or the difference is nan or inf */
    size_t in_noise;  /* entries that pass only thanks to the noise floor */
    size_t at;        /* the entry shown, row-major inside the parameter */
    double rel_error; /* its rnn_relative_error */
    double abs_error; /* its |a - n| */
};

struct rnn_gradcheck_result {
    double eps, tolerance;
    double magnitude; /* loss magnitude the noise floor is computed from */
    double noise;     /* absolute noise floor of the numeric side */
    struct rnn_gradcheck_param param[RNN_P_COUNT];
    size_t failed, nonfinite, in_noise; /* over all parameters */
    enum rnn_param_id worst;            /* parameter of the entry nearest its limit */
    double largest;                     /* largest |BPTT| entry */
    bool resolved;                      /* noise < largest: the differences can tell */
    bool passed;
};

/* The numeric side's noise floor: RNN_GRADCHECK_NOISE_ULPS x DBL_EPSILON x
 * magnitude / eps, the error of (L(p + eps) - L(p - eps)) / 2 eps when each
 * loss is off by that many ulps. NAN when magnitude is not finite. */
double rnn_gradcheck_noise(double magnitude, double eps);

/* The verdict on one entry: both finite and |a - n| <= tolerance (|a| + |n|) + noise. */
bool rnn_gradcheck_entry_ok(double analytic, double numeric, double tolerance, double noise);

/* Judges flat analytic and numeric gradients (rnn_engine_gradcheck's) with
 * step eps and the loss magnitude it returned. Passes only when every entry
 * passes and the noise floor is finite and below the largest gradient entry
 * (otherwise the differences cannot tell a right gradient from a wrong one):
 * a nan or inf anywhere fails. */
void rnn_gradcheck_judge(struct rnn_shape shape, const double *analytic, const double *numeric,
                         double magnitude, double eps, double tolerance,
                         struct rnn_gradcheck_result *out);

/* rnn_engine_gradcheck with RNN_GRADCHECK_EPS, then rnn_gradcheck_judge with
 * RNN_GRADCHECK_TOLERANCE: what --gradcheck and the g view report. analytic
 * and numeric: rnn_param_count() doubles each. Returns out->passed. */
bool rnn_gradcheck_run(struct rnn_engine *e, double *analytic, double *numeric,
                       struct rnn_gradcheck_result *out);

/* ---- gradient check summaries ------------------------------------------ */

/* The multiply-adds of rnn_engine_gradcheck over T steps (two forward passes
 * per parameter entry), to refuse a check that would run for minutes. */
double rnn_gradcheck_work(struct rnn_shape s, int T);

/* The worst rnn_relative_error among parameter id's entries of the flat
 * analytic and numeric gradients (from rnn_engine_gradcheck); *at gets that
 * entry's index inside the parameter (row-major). A nan error counts as worst. */
double rnn_gradcheck_worst(struct rnn_shape shape, enum rnn_param_id id, const double *analytic,
                           const double *numeric, size_t *at);

/* ---- parameter summaries ----------------------------------------------- */

/* One parameter (or its gradient) at a glance, for views too large to read
 * entry by entry. Non-finite entries are counted and left out of the rest. */
struct rnn_param_summary {
    double norm;     /* L2 (Frobenius) norm of the finite entries */
    double min, max; /* 0 when no entry is finite */
    double max_abs;  /* the larger of |min| and |max|: a heat map's full scale */
    size_t count;    /* entries */
    size_t nonfinite;
};

/* Summarises parameter id of the flat block (parameters, gradients or any
 * block of rnn_param_count doubles); the norm sums squares with fma in
 * row-major order, so it is the same on every machine. */
void rnn_param_summarise(struct rnn_shape shape, enum rnn_param_id id, const double *block,
                         struct rnn_param_summary *out);

/* ---- sampling and predictions ------------------------------------------ */

/* Scratch model for running the network outside the engine's window. */
struct rnn_sampler;

struct rnn_sampler *rnn_sampler_create(struct rnn_shape shape);
void rnn_sampler_destroy(struct rnn_sampler *s);

/* Generates n characters from the flat parameters theta (e.g. v.theta.U),
 * starting from h_0 = 0 with `first` as the first input; each generated
 * character is the next input. Character i is drawn from
 * softmax(Omega / temperature) with one rnn_rng_uniform draw; a temperature
 * <= 0 takes the argmax instead (no draw). first must be a vocabulary
 * index; out gets n vocabulary indices, not including `first`. */
void rnn_sample(struct rnn_sampler *s, const double *theta, int first, double temperature,
                struct rnn_rng *rng, uint8_t *out, size_t n);

/* Teacher-forced argmax predictions over a text of len characters from
 * h_0 = 0: pred[i] is the most likely next character after reading
 * ids[0..i], for i = 0..len - 2 (the target is ids[i + 1]). The same
 * kernels as training, so in whole-text mode pred equals the view's pred. */
void rnn_predict_text(struct rnn_sampler *s, const double *theta, const uint8_t *ids, size_t len,
                      uint8_t *pred);

#endif
