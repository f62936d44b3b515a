/* The update kernel (clipping, the `before` copy, the optimiser step and the
 * two gradient norms), included by kernels_body.h so that it is compiled per
 * instruction set like the other kernels: with FMA the norms' fma() is one
 * instruction instead of a libm call. Each element sees exactly the
 * operations of the formulas in engine.h, and each norm is one sequential sum
 * in index order, so every variant gives the same bits. */

static double sum_squares(const double *g, size_t n)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum = fma(g[i], g[i], sum);
    return sum;
}

/* One element's optimiser step from gradient v; s1 and s2 point at its state. */
RNN_ALWAYS_INLINE double optimizer_step(const struct rnn_update_rule *r, enum rnn_optimizer opt,
                                        double theta, double v, double *s1, double *s2)
{
    switch (opt) {
    case RNN_OPT_MOMENTUM: *s1 = RNN_MOMENTUM_MU * *s1 - r->lr * v; return theta + *s1;
    case RNN_OPT_ADAGRAD: *s1 += v * v; return theta - r->lr * v / sqrt(*s1 + RNN_ADAGRAD_EPS);
    case RNN_OPT_ADAM:
        *s1 = RNN_ADAM_BETA1 * *s1 + (1.0 - RNN_ADAM_BETA1) * v;
        *s2 = RNN_ADAM_BETA2 * *s2 + (1.0 - RNN_ADAM_BETA2) * v * v;
        return theta - r->lr * (*s1 / r->c1) / (sqrt(*s2 / r->c2) + RNN_ADAM_EPS);
    default: return theta - r->lr * v;
    }
}

/* Clips, copies and steps every element; returns whether clipping changed
 * any. Inlined with constant opt and clipping, so each of the eight
 * combinations is one branch-free loop the compiler can vectorise. */
RNN_ALWAYS_INLINE bool update_elements(const struct rnn_update_arrays *a,
                                       const struct rnn_update_rule *r, enum rnn_optimizer opt,
                                       bool clipping)
{
    double *restrict theta = a->theta, *restrict before = a->before;
    double *restrict applied = a->applied, *restrict s1 = r->s1, *restrict s2 = r->s2;
    const double *restrict g = a->g;
    double clip = r->clip;
    int changed = 0;
#pragma omp simd reduction(| : changed)
    for (size_t i = 0; i < a->n; i++) {
        double v = g[i];
        if (clipping) {
            changed |= (v > clip) | (v < -clip); /* false for nan, which stays */
            v = v > clip ? clip : v;
            v = v < -clip ? -clip : v;
        }
        applied[i] = v;
        before[i] = theta[i];
        theta[i] = optimizer_step(r, opt, theta[i], v, &s1[i], &s2[i]);
    }
    return changed != 0;
}

RNN_ALWAYS_INLINE bool update_elements_with(const struct rnn_update_arrays *a,
                                            const struct rnn_update_rule *r, enum rnn_optimizer opt)
{
    if (r->clip > 0.0)
        return update_elements(a, r, opt, true);
    return update_elements(a, r, opt, false);
}

static void update(const struct rnn_update_arrays *a, const struct rnn_update_rule *r,
                   struct rnn_update_norms *out)
{
    out->grad = sqrt(sum_squares(a->g, a->n));
    switch (r->opt) {
    case RNN_OPT_MOMENTUM: out->clipped = update_elements_with(a, r, RNN_OPT_MOMENTUM); break;
    case RNN_OPT_ADAGRAD: out->clipped = update_elements_with(a, r, RNN_OPT_ADAGRAD); break;
    case RNN_OPT_ADAM: out->clipped = update_elements_with(a, r, RNN_OPT_ADAM); break;
    default: out->clipped = update_elements_with(a, r, RNN_OPT_SGD); break;
    }
    /* Unclipped, applied is g: the same norm without a second pass. */
    out->step = out->clipped ? sqrt(sum_squares(a->applied, a->n)) : out->grad;
}
