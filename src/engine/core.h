/* Engine internals shared by the engine's source files (not installed).
 *
 * Determinism: every sum is accumulated in one fixed order with explicit
 * fma(), and the engine is compiled with -ffp-contract=off, so results are
 * the same bits at any optimisation level, with gcc or clang, and whether a
 * loop is vectorised or not. Products are written in "axpy" form (a whole
 * output vector accumulates one input element at a time), which is why the
 * model keeps transposed copies of U, W and V: each output element is then a
 * plain sequential sum, the same in scalar and SIMD code. */
#ifndef RNNSTEP_CORE_H
#define RNNSTEP_CORE_H

#include "rnnstep/engine.h"

struct rnn_kernels;

/* Parameters plus the transposed copies the kernels read. */
struct rnn_model {
    struct rnn_shape s;
    const struct rnn_kernels *k; /* chosen for this CPU at rnn_model_init */
    size_t count;  /* doubles in theta */
    double *theta; /* flat U, W, b, V, c */
    struct rnn_block p;
    double *Ut; /* vocab x hidden: row x is column x of U */
    double *Wt; /* hidden x hidden */
    double *Vt; /* hidden x vocab */
};

/* Per-window activations and gradients. */
struct rnn_ws {
    int T;
    double *h, *z, *o, *y, *loss, *dy, *dh, *dr, *dh_next;
    int *pred;
    double *grad; /* flat gradient, same layout as theta */
    struct rnn_block g;
};

/* Allocation helpers: one zeroed block per object; NULL on failure. */
int rnn_model_init(struct rnn_model *m, struct rnn_shape s);
void rnn_model_free(struct rnn_model *m);
/* Refreshes the transposed copies after theta changed. */
void rnn_model_sync(struct rnn_model *m);

int rnn_ws_init(struct rnn_ws *w, struct rnn_shape s, int T);
void rnn_ws_free(struct rnn_ws *w);

/* Step t (1-based) of the forward pass: h_t, z_t, Omega_t, yhat_t, L_t, pred_t.
 * Reads h_{t-1} from w->h. Returns L_t. */
double rnn_forward_step(const struct rnn_model *m, struct rnn_ws *w, int t, int x, int target);

/* Step t of BPTT: adds step t's share into w->grad and replaces w->dh_next
 * (the gradient arriving at h_t from the future) with the one for h_{t-1}. */
void rnn_backward_step(const struct rnn_model *m, struct rnn_ws *w, int t, int x, int target);

/* A whole iteration's forward and backward passes over ids[0..T] (inputs
 * ids[0..T-1], targets ids[1..T]) from w->h[0], with w->grad and w->dh_next
 * zeroed beforehand: bit-identical to the steps one by one. Returns the
 * window loss summed in t order. */
double rnn_window_train(const struct rnn_model *m, struct rnn_ws *w, const uint8_t *ids);

/* Total loss of a window from h0 (no gradients), for finite differences. */
double rnn_window_loss(const struct rnn_model *m, struct rnn_ws *w, const double *h0,
                       const uint8_t *inputs, const uint8_t *targets);

/* Optimiser state: one or two arrays the size of theta plus scalars. */
struct rnn_opt_state {
    double *s1, *s2; /* momentum velocity or adagrad memory or adam m; adam v */
    uint64_t steps;
    double beta1_t, beta2_t; /* beta^steps, kept as running products */
};

double rnn_l2_norm(const double *g, size_t n);
/* Copies g into out clipped to [-clip, clip]; returns true if any element changed. */
bool rnn_clip(const double *g, double *out, size_t n, double clip);
void rnn_opt_reset(struct rnn_opt_state *st, size_t n);
void rnn_opt_apply(enum rnn_optimizer opt, double lr, struct rnn_opt_state *st, double *theta,
                   const double *g, size_t n);

#endif
