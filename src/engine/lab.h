/* The BPTT lab's gradient path (engine-internal): truncated BPTT and the
 * injected bugs. The engine takes it only when one of them is switched on,
 * so the plain path (the kernels) stays untouched and as fast as before. */
#ifndef RNNSTEP_LAB_H
#define RNNSTEP_LAB_H

#include <stdbool.h>

#include "core.h"

/* Window state of truncated BPTT: the gradient arriving at h_t from each of
 * the K - 1 later loss terms that still reach it, kept apart so that each can
 * be dropped when its path grows longer than K steps. */
struct rnn_lab_ws {
    int cap;       /* carries allocated (grows, never shrinks) */
    double *carry; /* cap x hidden: row j - 1 arrives at h_t from L_{t+j} */
    double *tmp;   /* hidden: V^T dy_t, then the gate times one carry */
};

void rnn_lab_ws_free(struct rnn_lab_ws *l);
/* Room for truncation to K steps; false when out of memory (nothing changed). */
bool rnn_lab_ws_reserve(struct rnn_lab_ws *l, int hidden, int K);
/* Zeroes the carries (a new window's backward pass starts with none). */
void rnn_lab_ws_clear(struct rnn_lab_ws *l, int hidden);
/* Copies d's carries from s (for a clone); d must have s->cap reserved. */
void rnn_lab_ws_copy(struct rnn_lab_ws *d, const struct rnn_lab_ws *s, int hidden);

/* Truncation length in effect for a window of T steps: 0 means none. */
int rnn_lab_truncation(const struct rnn_settings *s, int T);

/* True when the backward pass must take the lab path. */
bool rnn_lab_backward_on(const struct rnn_settings *s, int T);

/* Step t of BPTT as the settings change it: the same contract as
 * rnn_backward_step (core.h), with truncation and the bug applied. */
void rnn_lab_backward_step(const struct rnn_model *m, struct rnn_ws *w, struct rnn_lab_ws *l,
                           const struct rnn_settings *s, int t, int x, int target);

/* The factor --clip-norm scales a gradient of L2 norm `norm` by: 1 when off
 * or within the bound, X / norm above it. */
double rnn_lab_clip_scale(const struct rnn_settings *s, double norm);

#endif
