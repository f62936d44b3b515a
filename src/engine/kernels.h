/* Kernel dispatch (engine-internal): the maths of forward and BPTT steps is
 * compiled once per instruction set from kernels_body.h, and each model picks
 * the best table the CPU supports when it is created. Every variant performs
 * the same IEEE operations in the same order (explicit fma, -ffp-contract=off),
 * so they produce the same bits; they only differ in speed. */
#ifndef RNNSTEP_KERNELS_H
#define RNNSTEP_KERNELS_H

#include <stdint.h>

struct rnn_model;
struct rnn_ws;
struct rnn_update_arrays;
struct rnn_update_rule;
struct rnn_update_norms;

struct rnn_kernels {
    const char *name;
    double (*forward_step)(const struct rnn_model *m, struct rnn_ws *w, int t, int x, int target);
    void (*backward_step)(const struct rnn_model *m, struct rnn_ws *w, int t, int x, int target);
    /* Micro-steps done..todo-1 of the window's iteration (0 <= done < todo
     * <= 2T; micro-step p is forward t = p + 1 for p < T, backward t = 2T - p
     * after) from the state micro-step `done` left in w: the same results as
     * those steps one by one. When the backward begins in the call (done <= T)
     * it writes w->grad and w->dh_next itself, so they need not be zeroed.
     * Returns the loss of the forward steps done so far, summed in t order. */
    double (*window)(const struct rnn_model *m, struct rnn_ws *w, const uint8_t *ids, int done,
                     int todo);
    /* The element-wise part of rnn_opt_update (core.h), with the rule's
     * scalars already advanced. */
    void (*update)(const struct rnn_update_arrays *a, const struct rnn_update_rule *r,
                   struct rnn_update_norms *out);
    /* dst (cols x rows) = the transpose of src (rows x cols): a copy, so
     * every variant gives the same values. */
    void (*transpose)(double *restrict dst, const double *restrict src, int rows, int cols);
};

extern const struct rnn_kernels rnn_kernels_generic;
#ifdef RNNSTEP_KERNELS_X86
extern const struct rnn_kernels rnn_kernels_avx2;
extern const struct rnn_kernels rnn_kernels_avx512;
#endif

/* The fastest table this CPU can run. */
const struct rnn_kernels *rnn_kernels_select(void);

#endif
