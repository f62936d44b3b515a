/* The training engine: a state machine that advances a vanilla RNN one
 * micro-step at a time (forward t = 1..T, backward t = T..1, update), with
 * bounded history for rewind and a per-iteration loss log. Pure C: no I/O.
 *
 * Whole-text mode and corpus mode are one mechanism: each iteration trains on
 * a window of seq_len inputs starting at position p of the text; before an
 * iteration, if it is the first or p + seq_len + 1 >= text length, p returns
 * to 0 and the hidden state to zero; afterwards p advances by seq_len and the
 * last hidden state carries into the next window. With seq_len = length - 1
 * every iteration is the whole text from h_0 = 0 (one iteration = one epoch). */
#ifndef RNNSTEP_ENGINE_H
#define RNNSTEP_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rnnstep/model.h"
#include "rnnstep/text.h"

#define RNN_SEQ_MAX 10000

enum rnn_phase { RNN_PHASE_FORWARD, RNN_PHASE_BACKWARD, RNN_PHASE_UPDATE };

enum rnn_optimizer { RNN_OPT_SGD, RNN_OPT_MOMENTUM, RNN_OPT_ADAGRAD, RNN_OPT_ADAM, RNN_OPT_COUNT };

/* Event flags, returned by the stepping calls and kept in the loss log. */
enum rnn_event {
    RNN_EV_CLIPPED = 1u << 0,   /* clipping changed at least one gradient element */
    RNN_EV_EXPLODED = 1u << 1,  /* applied (clipped) gradient norm jumped by >= explode_factor */
    RNN_EV_NONFINITE = 1u << 2, /* the loss or a gradient is nan or inf */
    RNN_EV_PASS = 1u << 3,      /* the iteration started a new pass over the text */
};

/* The BPTT lab's injected bugs: classic mistakes in the gradient computation
 * (the forward pass is never changed). */
enum rnn_bug {
    RNN_BUG_NONE,
    RNN_BUG_NO_CARRY,     /* the gradient carried to h_{t-1}, W^T dr_t, is dropped */
    RNN_BUG_NO_TANH_GATE, /* dr_t = dh_t: the (1 - h_t^2) factor is skipped */
    RNN_BUG_SIGN,         /* dy_t = y_t - yhat_t, the printed formulas' sign */
    RNN_BUG_NO_ZERO_GRAD, /* the gradient is not reset between iterations */
    RNN_BUG_COUNT
};

/* Settings that may change while training; they take effect at the next
 * micro-step that uses them and are recorded in history, so rewind restores
 * them. The last three are the BPTT lab's; zero switches each off, and with
 * all of them off the engine runs exactly the plain code path. */
struct rnn_settings {
    double lr;
    enum rnn_optimizer optimizer;
    double clip;           /* clip each gradient element to [-clip, clip]; <= 0: off */
    double explode_factor; /* norm ratio that counts as an explosion; <= 0: off */
    int truncate;          /* each L_t reaches back to h_{t-K+1} at most; 0 or >= T: off */
    enum rnn_bug bug;      /* injected into the backward pass (or the reset) */
    double clip_norm;      /* rescale the gradient when its L2 norm exceeds this; <= 0: off */
};

/* Weight surgery: an edit of the parameters between micro-steps. */
enum rnn_surgery_kind {
    RNN_SURGERY_SET,   /* entry `index` of the parameter becomes `value` */
    RNN_SURGERY_SCALE, /* every entry of the parameter is multiplied by `value` */
};

struct rnn_surgery {
    enum rnn_surgery_kind kind;
    enum rnn_param_id param;
    size_t index; /* RNN_SURGERY_SET: row-major inside the parameter */
    double value;
};

struct rnn_config {
    struct rnn_shape shape;
    int seq_len;          /* inputs per iteration (T) */
    size_t history_bytes; /* memory budget for rewind checkpoints; 0 = default */
    struct rnn_settings settings;
};

/* Optimiser hyper-parameters (fixed; documented in the README). */
#define RNN_MOMENTUM_MU 0.9
#define RNN_ADAGRAD_EPS 1e-8
#define RNN_ADAM_BETA1 0.9
#define RNN_ADAM_BETA2 0.999
#define RNN_ADAM_EPS 1e-8
#define RNN_HISTORY_DEFAULT_BYTES ((size_t)32 << 20)
#define RNN_EXPLODE_FACTOR_DEFAULT 3.0

struct rnn_loss_entry {
    double loss;      /* total loss of the window at the iteration's parameters */
    double grad_norm; /* L2 norm of the full (unclipped) gradient */
    unsigned flags;   /* rnn_event bits */
};

/* Everything the front ends show, as read-only pointers into the engine.
 * Valid until the next call that changes the engine. Per-timestep arrays are
 * indexed by t - 1 (t = 1..T), except h and z: h[t * hidden] is h_t, h_0 included. */
struct rnn_view {
    struct rnn_shape shape;
    int T;
    const uint8_t *inputs, *targets; /* this window's T inputs and targets */
    size_t position;                 /* text index of the window's first input */
    uint64_t iteration;              /* updates done (the epoch number in whole-text mode) */
    uint64_t passes;                 /* passes over the text begun (corpus mode) */
    uint64_t tick;                   /* micro-steps done since the start */
    int pos;                         /* micro-steps done in this iteration: 0..2T */

    bool has_last;             /* false at the very start */
    enum rnn_phase last_phase; /* the micro-step just done */
    int last_t;
    enum rnn_phase next_phase; /* the micro-step that `step` will do */
    int next_t;

    int forward_done; /* h_1..h_forward_done, o, y, loss valid */
    int backward_low; /* backward done for t = backward_low..T (T + 1: none yet) */

    const double *h;    /* (T + 1) x hidden */
    const double *z;    /* T x hidden: pre-activation U x_t + W h_{t-1} + b */
    const double *o;    /* T x vocab: Omega_t */
    const double *y;    /* T x vocab: softmax */
    const double *loss; /* T: L_t */
    const int *pred;    /* T: argmax of y_t */
    double loss_sum;    /* sum of the L_t computed so far */

    const double *dy;      /* T x vocab: yhat_t - y_t */
    const double *dh;      /* T x hidden: dL/dh_t arriving at h_t */
    const double *dr;      /* T x hidden: after the tanh gate, (1 - h_t^2) dL/dh_t */
    const double *dh_next; /* hidden: gradient carried to h_{t-1} by the last backward step */

    struct rnn_const_block theta;   /* current parameters */
    struct rnn_const_block grad;    /* accumulated gradient */
    struct rnn_const_block applied; /* at an update: the gradient used (after clipping) */
    struct rnn_const_block before;  /* at an update: the parameters before it */
    double grad_norm;               /* at an update: L2 norm of the unclipped gradient */
    /* Optimiser state per entry, all NULL for SGD: momentum's velocity,
     * Adagrad's sum of squared gradients or Adam's first moment m in
     * opt_state; Adam's second moment v in opt_state2 (else NULL). The
     * _before blocks: at an update, the state as it was before it. */
    struct rnn_const_block opt_state, opt_state2, opt_before, opt_before2;
    uint64_t opt_steps;      /* updates since the optimiser (re)started */
    double adam_c1, adam_c2; /* Adam's bias corrections 1 - beta^opt_steps of the last update */
    double clip_scale;       /* at an update: the factor --clip-norm applied (1: none) */
    unsigned last_events;    /* events of the last micro-step */
    struct rnn_settings settings;
    /* Changes whenever the parameters may have (an update, a rewind, a
     * surgery, a reset): what a front end computed from them is current
     * while it is the same. */
    uint64_t params_version;
};

struct rnn_engine;

/* Creates an engine over `text` (borrowed; it must outlive the engine) with
 * initial parameters theta0 (copied). Returns NULL on bad shapes or no memory. */
struct rnn_engine *rnn_engine_create(const struct rnn_config *cfg, const struct rnn_text *text,
                                     const double *theta0);
void rnn_engine_destroy(struct rnn_engine *e);

/* Takes now, contents unchanged, every page that stepping, updates,
 * checkpoints and rnn_engine_window_loss write (allocating the latter's
 * scratch), instead of at the first key of an interactive front end that
 * writes each: at hidden 512 those first writes cost tens of milliseconds
 * of page faults. Batch runs need not: their faults are spread over the run. */
void rnn_engine_prefault(struct rnn_engine *e);

/* A new, independent engine in the same state: parameters, optimiser state,
 * activations and gradients of the current iteration, position, settings and
 * loss log. It shares the borrowed text. History starts empty at the fork:
 * the clone can rewind only as far back as its first iteration start after
 * the fork (the original keeps its own history). NULL when out of memory. */
struct rnn_engine *rnn_engine_clone(const struct rnn_engine *e);

void rnn_engine_view(const struct rnn_engine *e, struct rnn_view *v);

/* One micro-step. Returns the rnn_event flags it raised. */
unsigned rnn_engine_step(struct rnn_engine *e);

/* The remaining micro-steps of the current iteration (a whole one at its
 * start). Returns the events raised. */
unsigned rnn_engine_finish_iteration(struct rnn_engine *e);

/* Finishes up to n iterations, stopping early after one that raises any
 * event in stop_mask. Returns the number done; *events gets the OR of events. */
uint64_t rnn_engine_run(struct rnn_engine *e, uint64_t n, unsigned stop_mask, unsigned *events);

/* Micro-steps until the next one is the update (forward and backward done). */
void rnn_engine_run_to_update(struct rnn_engine *e);

/* Restores the exact state before the last micro-step. Returns false when
 * history holds no earlier state (at the start, or past the memory budget). */
bool rnn_engine_rewind(struct rnn_engine *e);

/* Restores the exact state after micro-step `tick` (an earlier one, or the
 * current one: nothing to do), in one replay from the nearest checkpoint
 * rather than one per micro-step. False, and nothing changed, when history
 * holds no state that early. */
bool rnn_engine_rewind_to(struct rnn_engine *e, uint64_t tick);

/* Back to the initial parameters, iteration 0; history and loss log cleared. */
void rnn_engine_reset(struct rnn_engine *e);

/* Replaces the initial parameters and resets (for loading a file). */
void rnn_engine_load_params(struct rnn_engine *e, const double *theta);

/* False (nothing changed) when a longer truncation finds no memory. */
bool rnn_engine_set_settings(struct rnn_engine *e, const struct rnn_settings *s);

/* Applies a weight surgery now. It is recorded in history like a settings
 * change: replay re-applies it, and rewind right after it undoes it (one edit
 * per rewind, before any micro-step is undone). False (nothing changed) for a
 * bad parameter or index or a non-finite value. */
bool rnn_engine_surgery(struct rnn_engine *e, const struct rnn_surgery *op);

/* "set W[0][1] = 0.5" or "scale W x 2" into buf (%g: for reading, not exact). */
void rnn_surgery_describe(struct rnn_shape shape, const struct rnn_surgery *op, char *buf,
                          size_t cap);

/* The loss log: entry i covers the iteration i * stride (later ones in its
 * bucket only add their flags). The log keeps a fixed number of entries and
 * doubles the stride when full, so its memory is bounded. */
const struct rnn_loss_entry *rnn_engine_loss_log(const struct rnn_engine *e, size_t *len,
                                                 uint64_t *stride);
/* First, lowest and latest logged loss; false when the log is empty. */
bool rnn_engine_loss_stats(const struct rnn_engine *e, double *first, double *lowest,
                           double *latest);

/* L2 norm of the gradient accumulated so far in this iteration. */
double rnn_engine_gradient_norm(const struct rnn_engine *e);

/* Iterations in one pass over the text (1 in whole-text mode). */
uint64_t rnn_engine_iterations_per_pass(const struct rnn_engine *e);

/* How many micro-steps back rewind can go from here. */
uint64_t rnn_engine_history_depth(const struct rnn_engine *e);
/* Bytes held by history (checkpoints and settings log). */
size_t rnn_engine_history_bytes(const struct rnn_engine *e);

/* Gradient check of the gradient the view shows: right after an update, of
 * that update's window at the parameters before it (the gradient it applied);
 * otherwise of the current window (between iterations the next one) from its
 * start state at the current parameters, so every front end's numbers agree.
 * Fills analytic (BPTT) and numeric (central differences with step eps)
 * gradients, each rnn_param_count() doubles. Returns the loss magnitude
 * sum_t (L_t + max_k |Omega_t,k|) at the unperturbed parameters, the scale
 * of the rounding error in each loss the differences subtract (see
 * rnn_gradcheck_judge); NAN when out of memory (then both gradients are NAN).
 * Does not change the engine.
 * The analytic gradient is the one training uses, so with --truncate it is
 * the truncated one and with an injected bug the buggy one (no-zero-grad:
 * the second of two gradients computed without a reset in between); the
 * numeric one is always of the full loss. */
double rnn_engine_gradcheck(struct rnn_engine *e, double eps, double *analytic, double *numeric);

/* The gradient BPTT gives for the window and parameters gradcheck uses, as
 * settings s would compute it (truncation, injected bug):
 * rnn_param_count() doubles into grad, all NAN when out of memory. For the
 * lab's comparisons (a truncated gradient beside the full one); the engine
 * is not changed. */
void rnn_engine_gradient_with(struct rnn_engine *e, const struct rnn_settings *s, double *grad);

/* Total loss of the current (or, between iterations, the next) window at the
 * current parameters from its h_0: after k updates in whole-text mode, the
 * "epoch k" loss. One forward pass (in mid-window the forward steps done at
 * these parameters are reused; between iterations the next iteration takes
 * the pass over); what the view shows is unchanged. NAN when the scratch
 * cannot be allocated. */
double rnn_engine_window_loss(struct rnn_engine *e);
/* Text index of the window that rnn_engine_window_loss and the next
 * micro-step work on: the current iteration's, or between iterations the
 * next one's; *new_pass: that window begins a new pass over the text. */
size_t rnn_engine_window_next(const struct rnn_engine *e, bool *new_pass);

/* |a - n| / max(|a| + |n|, 1e-10): the relative error used by gradcheck. */
double rnn_relative_error(double analytic, double numeric);

const char *rnn_optimizer_name(enum rnn_optimizer opt);
/* Returns -1 for an unknown name. */
int rnn_optimizer_parse(const char *name);
const char *rnn_phase_name(enum rnn_phase phase);
/* "none", "no-carry", "no-tanh-gate", "sign", "no-zero-grad". */
const char *rnn_bug_name(enum rnn_bug bug);
/* Returns -1 for an unknown name. */
int rnn_bug_parse(const char *name);

#endif
