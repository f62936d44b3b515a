/* The update kernel (clipping, the optimiser step and the two gradient norms), included by
 * kernels_body.h so that it is compiled per instruction set like the other kernels: with FMA the
 * norms' fma() is one instruction instead of a libm call. Each element sees exactly the operations
 * of the formulas in engine.h, and each norm is summed in the lanes of core.h's fixed order, so
 * every variant gives the same bits. */

/* One element's optimiser step from gradient v and state s1, s2; the new
 * state goes to *n1 and *n2. */
RNN_ALWAYS_INLINE double optimizer_step(const struct rnn_update_rule *r, enum rnn_optimizer opt,
                                        double theta, double v, double s1, double s2, double *n1,
                                        double *n2)
{
    switch (opt) {
    case RNN_OPT_MOMENTUM: *n1 = RNN_MOMENTUM_MU * s1 - r->lr * v; return theta + *n1;
    case RNN_OPT_ADAGRAD: *n1 = s1 + v * v; return theta - r->lr * v / sqrt(*n1 + RNN_ADAGRAD_EPS);
    case RNN_OPT_ADAM:
        *n1 = RNN_ADAM_BETA1 * s1 + (1.0 - RNN_ADAM_BETA1) * v;
        *n2 = RNN_ADAM_BETA2 * s2 + (1.0 - RNN_ADAM_BETA2) * v * v;
        return theta - r->lr * (*n1 / r->c1) / (sqrt(*n2 / r->c2) + RNN_ADAM_EPS);
    default: return theta - r->lr * v;
    }
}

/* One chunk of at most RNN_NORM_LANES elements from i0: clips and steps
 * each element and adds its squares into the norm lanes (element i0 + j
 * into lane j). Returns whether clipping changed any. Inlined with constant
 * opt and clipping (and a constant length for whole chunks), so each
 * combination is one branch-free loop the compiler can vectorise. */
RNN_ALWAYS_INLINE int update_chunk(const struct rnn_update_arrays *a,
                                   const struct rnn_update_rule *r, enum rnn_optimizer opt,
                                   bool clipping, size_t i0, size_t len, double *restrict grad_sq,
                                   double *restrict step_sq)
{
    const double *restrict theta = a->theta + i0, *restrict g = a->g + i0;
    const double *restrict s1 = r->s1 + i0, *restrict s2 = r->s2 + i0;
    double *restrict next = a->theta_next + i0, *restrict applied = a->applied + i0;
    double *restrict n1 = r->s1_next + i0, *restrict n2 = r->s2_next + i0;
    double clip = r->clip;
    int changed = 0;
#pragma omp simd reduction(| : changed)
    for (size_t j = 0; j < len; j++) {
        double v = g[j];
        grad_sq[j] = fma(v, v, grad_sq[j]);
        if (clipping) {
            changed |= (v > clip) | (v < -clip); /* false for nan, which stays */
            v = v > clip ? clip : v;
            v = v < -clip ? -clip : v;
            step_sq[j] = fma(v, v, step_sq[j]);
        }
        applied[j] = v;
        next[j] = optimizer_step(r, opt, theta[j], v, s1[j], s2[j], &n1[j], &n2[j]);
    }
    return changed;
}

/* Elements i0..i1-1, element i into norm lane i % RNN_NORM_LANES: a part of
 * one pass over the whole array in index order adds the same terms to each
 * lane in the same order as that pass. */
RNN_ALWAYS_INLINE int update_range(const struct rnn_update_arrays *a,
                                   const struct rnn_update_rule *r, enum rnn_optimizer opt,
                                   bool clipping, size_t i0, size_t i1, double *restrict grad_sq,
                                   double *restrict step_sq)
{
    size_t lane = i0 % RNN_NORM_LANES, head = i0 + (RNN_NORM_LANES - lane) % RNN_NORM_LANES;
    head = head < i1 ? head : i1;
    int changed = update_chunk(a, r, opt, clipping, i0, head - i0, grad_sq + lane, step_sq + lane);
    size_t i = head;
    for (; i + RNN_NORM_LANES <= i1; i += RNN_NORM_LANES)
        changed |= update_chunk(a, r, opt, clipping, i, RNN_NORM_LANES, grad_sq, step_sq);
    return changed | update_chunk(a, r, opt, clipping, i, i1 - i, grad_sq, step_sq);
}

/* A run of theta's layout that the update walks in strips of rows: with a
 * transposed copy `dst` (cols x rows) it is refreshed from each strip of
 * theta_next just written, while that strip is still in cache. */
struct update_part {
    size_t at, rows, cols;
    double *dst;
};

/* The parts of theta: its blocks (U, W, b, V, c), with the transposed copies
 * when the update writes them (core.h), else the whole array as one row:
 * also when every copy is its original (hidden size 1), where five parts
 * would cost the worked example a fifth more instructions per epoch for
 * nothing. Returns how many. */
static int update_parts(const struct rnn_update_arrays *a, struct update_part *parts)
{
    const struct rnn_model *m = a->transposes;
    double *const copies[RNN_P_COUNT] = {
        [RNN_P_U] = m && m->Ut != m->p.U ? m->Ut : NULL,
        [RNN_P_W] = m && m->Wt != m->p.W ? m->Wt : NULL,
        [RNN_P_V] = m && m->Vt != m->p.V ? m->Vt : NULL,
    };
    if (!copies[RNN_P_U] && !copies[RNN_P_W] && !copies[RNN_P_V]) {
        parts[0] = (struct update_part){0, 1, a->n, NULL};
        return 1;
    }
    for (int id = 0; id < RNN_P_COUNT; id++) {
        int rows, cols;
        rnn_param_dims(m->s, (enum rnn_param_id)id, &rows, &cols);
        parts[id] = (struct update_part){rnn_param_offset(m->s, (enum rnn_param_id)id),
                                         (size_t)rows, (size_t)cols, copies[id]};
    }
    return RNN_P_COUNT;
}

/* The whole update in one pass over memory (with the transposes in it); the
 * norms' lanes are summed as rnn_l2_norm sums them (core.h), so norms.grad is
 * rnn_l2_norm(g). Without clipping, applied is g and the step norm is the
 * gradient norm. */
RNN_ALWAYS_INLINE void update_elements(const struct rnn_update_arrays *a,
                                       const struct rnn_update_rule *r, enum rnn_optimizer opt,
                                       bool clipping, struct rnn_update_norms *out)
{
    /* Rows per strip: the strip of theta_next just written stays in the L2
     * cache for its transpose (256 KiB of W at hidden 512), and each row of
     * the copy gets 64 doubles in a row, whole cache lines, not one. */
    enum { STRIP = 64 };
    double grad_sq[RNN_NORM_LANES] = {0}, step_sq[RNN_NORM_LANES] = {0};
    struct update_part parts[RNN_P_COUNT];
    int nparts = update_parts(a, parts), changed = 0;
    for (int k = 0; k < nparts; k++) {
        const struct update_part *p = &parts[k];
        for (size_t r0 = 0; r0 < p->rows; r0 += STRIP) {
            size_t r1 = r0 + STRIP < p->rows ? r0 + STRIP : p->rows;
            size_t i0 = p->at + r0 * p->cols;
            changed |=
                update_range(a, r, opt, clipping, i0, p->at + r1 * p->cols, grad_sq, step_sq);
            if (p->dst)
                transpose_part(p->dst + r0, p->rows, a->theta_next + i0, p->cols, r1 - r0, p->cols);
        }
    }
    out->grad = sqrt(rnn_norm_lanes_total(grad_sq));
    out->step = clipping ? sqrt(rnn_norm_lanes_total(step_sq)) : out->grad;
    out->clipped = changed != 0;
}

RNN_ALWAYS_INLINE void update_elements_with(const struct rnn_update_arrays *a,
                                            const struct rnn_update_rule *r, enum rnn_optimizer opt,
                                            struct rnn_update_norms *out)
{
    if (r->clip > 0.0)
        update_elements(a, r, opt, true, out);
    else
        update_elements(a, r, opt, false, out);
}

static void update(const struct rnn_update_arrays *a, const struct rnn_update_rule *r,
                   struct rnn_update_norms *out)
{
    switch (r->opt) {
    case RNN_OPT_MOMENTUM: update_elements_with(a, r, RNN_OPT_MOMENTUM, out); break;
    case RNN_OPT_ADAGRAD: update_elements_with(a, r, RNN_OPT_ADAGRAD, out); break;
    case RNN_OPT_ADAM: update_elements_with(a, r, RNN_OPT_ADAM, out); break;
    default: update_elements_with(a, r, RNN_OPT_SGD, out); break;
    }
}
