/* The BPTT lab's measurements: how a truncated or buggy gradient compares
 * with the true one, what element-wise and norm clipping do to a gradient's
 * direction, and the diagnostics practitioners watch. Pure C, no I/O; the
 * front ends only print or draw these numbers. */
#ifndef RNNSTEP_LAB_PUBLIC_H
#define RNNSTEP_LAB_PUBLIC_H

#include <stdbool.h>
#include <stddef.h>

#include "rnnstep/engine.h"
#include "rnnstep/model.h"

/* One gradient beside a reference, over one parameter. */
struct rnn_grad_compare {
    double norm, ref_norm; /* L2 norms of the two */
    double rel_error;      /* ||g - ref|| / ||ref||; 0 when both are zero, inf when only ref is */
    double cosine;         /* g . ref / (||g|| ||ref||); 1 when both are zero, 0 when one is */
};

/* Compares parameter id of the flat blocks g and ref (rnn_param_count doubles each). */
void rnn_grad_compare(struct rnn_shape shape, enum rnn_param_id id, const double *g,
                      const double *ref, struct rnn_grad_compare *out);

/* ---- truncated BPTT ----------------------------------------------------- */

/* One row of the truncation view: the gradient truncated to K steps against
 * the full BPTT gradient of the same window. */
struct rnn_truncation_row {
    int K;
    struct rnn_grad_compare param[RNN_P_COUNT];
    /* Share of dL/dW carried by paths longer than K steps: the sum over path
     * lengths d > K of ||dW_d|| over the sum over all d, where dW_d is the part
     * of dL/dW from loss terms d - 1 steps after the W they reach
     * (dW_d = dW truncated to d minus dW truncated to d - 1). */
    double long_path_share;
};

/* Fills rows[0..T-1] for K = 1..T (T = the window length) at the engine's
 * check window (rnn_engine_gradient_with), with scratch of (T + 1) x
 * rnn_param_count doubles. Returns false when out of memory. */
bool rnn_truncation_profile(struct rnn_engine *e, struct rnn_truncation_row *rows, double *scratch);

/* ---- clipping ------------------------------------------------------------ */

/* What each clipping does to one raw gradient (n doubles). */
struct rnn_clip_compare {
    double raw_norm;
    double element_norm, element_cosine; /* after clipping each entry to [-clip, clip] */
    double norm_scale;                   /* X / ||g|| when ||g|| > X = clip_norm, else 1 */
    double norm_norm, norm_cosine;       /* after rescaling by norm_scale */
    size_t element_clipped;              /* entries element-wise clipping changes */
};

/* clip or clip_norm <= 0 leaves that candidate as the raw gradient. */
void rnn_clip_compare(const double *g, size_t n, double clip, double clip_norm,
                      struct rnn_clip_compare *out);

/* ---- diagnostics strip ---------------------------------------------------- */

/* A hidden unit counts as saturated above this |h|: its tanh gate 1 - h^2 < 0.02. */
#define RNN_SATURATION 0.99

struct rnn_diagnostics {
    double initial_loss; /* first window's loss (NAN before its forward pass is done) */
    double uniform_loss; /* T ln(vocab): what a model guessing uniformly scores */
    double saturated;    /* share of |h_t,i| > RNN_SATURATION over h_1..h_forward_done;
                            NAN when one of them is not finite */
    size_t saturated_of; /* how many values that share is of (0: none yet) */
    bool has_update;     /* the last micro-step was an update: ratios below are valid */
    /* ||theta - before|| / ||before|| per parameter at the last update; NAN
     * before the first update and for a parameter that was all zero before it
     * (was_zero: no ratio to speak of, as b and c at the first update). */
    double update_ratio[RNN_P_COUNT];
    bool was_zero[RNN_P_COUNT];
    double grad_norm[RNN_P_COUNT]; /* of the accumulated gradient */
};

/* Computes the strip from the engine's current state (view v of e). */
void rnn_diagnostics_compute(const struct rnn_engine *e, const struct rnn_view *v,
                             struct rnn_diagnostics *out);

/* The per-parameter figures as --diagnostics and the visualiser's D view
 * both write them: %.3e, a nan without printf's sign ("nan", not "-nan");
 * an update ratio reads "-" before the first update and "n/a, was 0" for a
 * parameter that was all zero before it. */
#define RNN_DIAG_TEXT_CAP 16
struct rnn_diagnostics_text {
    char update_ratio[RNN_P_COUNT][RNN_DIAG_TEXT_CAP];
    char grad_norm[RNN_P_COUNT][RNN_DIAG_TEXT_CAP];
};

void rnn_diagnostics_write(const struct rnn_diagnostics *d, struct rnn_diagnostics_text *out);

#endif
