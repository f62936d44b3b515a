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
    /* Forward t = 1..T then backward t = T..1 over a whole window starting
     * from w->h[0]: the same results as the steps one by one from w->grad
     * and w->dh_next zeroed (it writes them all itself, so they need not
     * be). Returns the window loss summed in t order. */
    double (*window)(const struct rnn_model *m, struct rnn_ws *w, const uint8_t *ids);
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
