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
    size_t count;                /* doubles in theta */
    double *theta;               /* flat U, W, b, V, c */
    /* The other parameter array: an update writes the new parameters here
     * and rnn_model_swap exchanges the two, so the old ones stay readable
     * (the view's `before`) without a copy. */
    double *before;
    double *mem; /* the one allocation that holds all of the above */
    struct rnn_block p;
    /* Each is the original itself when it is a single row or column. */
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
/* Exchanges theta and before (after an update wrote before), then syncs. */
void rnn_model_swap(struct rnn_model *m);
/* The same without the sync, after an update that wrote the transposed
 * copies of before (struct rnn_update_arrays). */
void rnn_model_exchange(struct rnn_model *m);

int rnn_ws_init(struct rnn_ws *w, struct rnn_shape s, int T);
void rnn_ws_free(struct rnn_ws *w);

/* Step t (1-based) of the forward pass: h_t, z_t, Omega_t, yhat_t, L_t, pred_t.
 * Reads h_{t-1} from w->h. Returns L_t. */
double rnn_forward_step(const struct rnn_model *m, struct rnn_ws *w, int t, int x, int target);

/* Step t of BPTT: adds step t's share into w->grad and replaces w->dh_next
 * (the gradient arriving at h_t from the future) with the one for h_{t-1}. */
void rnn_backward_step(const struct rnn_model *m, struct rnn_ws *w, int t, int x, int target);

/* Micro-steps done..todo-1 of an iteration over ids[0..T] (inputs
 * ids[0..T-1], targets ids[1..T]) in the window kernel (kernels.h):
 * bit-identical to the steps one by one; a whole iteration (0, 2T) from
 * w->h[0] writes w->grad and w->dh_next itself (saving a pass over the
 * gradient). Returns the loss of the forward steps done, summed in t order. */
double rnn_window_train(const struct rnn_model *m, struct rnn_ws *w, const uint8_t *ids, int done,
                        int todo);

/* Total loss of a window from h0 (no gradients), for finite differences. */
double rnn_window_loss(const struct rnn_model *m, struct rnn_ws *w, const double *h0,
                       const uint8_t *inputs, const uint8_t *targets);

/* Optimiser state: one or two arrays the size of theta plus scalars. */
struct rnn_opt_state {
    double *s1, *s2; /* momentum velocity or adagrad memory or adam m; adam v */
    /* The state before the last update: the update writes the new state
     * here and the pointers are exchanged, which spares copying the old. */
    double *prev1, *prev2;
    uint64_t steps;
    double beta1_t, beta2_t; /* beta^steps, kept as running products */
};

/* Test-only: when set, rnn_engine_gradcheck passes its BPTT gradient through
 * it before returning, so a unit test can plant a wrong gradient and see the
 * verdict fail. NULL in the program; not part of the installed headers. */
extern void (*rnn_gradcheck_bug_hook)(struct rnn_shape shape, double *analytic);

/* Sums of squares (every L2 norm the engine reports) are accumulated in
 * RNN_NORM_LANES partial sums, element i into lane i % RNN_NORM_LANES in index
 * order, and the lanes are then added pairwise in a fixed order: independent
 * chains keep the vector units busy where one sequential sum would wait on
 * each fma, and every path, instruction set and compiler sums the same way. */
#define RNN_NORM_LANES 16

static inline double rnn_norm_lanes_total(double *lanes)
{
    for (int width = RNN_NORM_LANES / 2; width >= 1; width /= 2)
        for (int i = 0; i < width; i++)
            lanes[i] += lanes[i + width];
    return lanes[0];
}

double rnn_l2_norm(const double *g, size_t n);
void rnn_opt_reset(struct rnn_opt_state *st, size_t n);

/* The arrays one update reads and writes, n doubles each, not overlapping. */
struct rnn_update_arrays {
    const double *theta; /* parameters */
    double *theta_next;  /* gets the updated parameters */
    double *applied;     /* gets g clipped (or g when clipping is off) */
    const double *g;
    size_t n;
    /* With a model (theta being its parameters): the update also writes the
     * transposed copies of theta_next's U, W and V into the model's Ut, Wt
     * and Vt (those not the originals themselves), strip by strip while the
     * new values are in cache, so rnn_model_exchange needs no pass over them
     * after it. NULL: theta is any array of n. */
    const struct rnn_model *transposes;
};

/* The rule for one update, as the update kernel (kernels.h) takes it. */
struct rnn_update_rule {
    enum rnn_optimizer opt;
    double lr, clip;           /* clip <= 0: off */
    double c1, c2;             /* adam's bias corrections 1 - beta^steps */
    const double *s1, *s2;     /* optimiser state arrays (rnn_opt_state) */
    double *s1_next, *s2_next; /* get the updated state */
};

struct rnn_update_norms {
    double grad;  /* L2 norm of g */
    double step;  /* L2 norm of applied */
    bool clipped; /* clipping changed at least one element */
};

/* One whole update with the kernel table k, in one pass: clips each element
 * of a->g to [-clip, clip], writes the optimiser's new parameters into
 * a->theta_next (formulas in engine.h) and its new state into st->prev1 and
 * prev2, which it then exchanges with s1 and s2; and the two norms. */
void rnn_opt_update(const struct rnn_kernels *k, const struct rnn_settings *s,
                    struct rnn_opt_state *st, const struct rnn_update_arrays *a,
                    struct rnn_update_norms *out);
/* Puts back the state arrays as they were before the last update with
 * optimiser opt (its scalars are the caller's to restore). */
void rnn_opt_undo(struct rnn_opt_state *st, enum rnn_optimizer opt);

#endif
