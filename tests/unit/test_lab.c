/* The BPTT lab against an independent computation: truncated BPTT and each
 * injected bug from a short reference written here (per loss term, straight
 * from the definitions, libm tanh/exp, no fma), --clip-norm against a plain
 * SGD step, and every experiment switched off (or K >= T) bit-identical to
 * the plain engine. */
#include "rnnstep/lab.h"
#include "support.h"

#define REL 1e-9

struct ref {
    struct rnn_shape s;
    int T;
    double *h; /* (T + 1) x H */
    double *y; /* T x K */
};

/* Forward pass from h0 over ids[0..T] (inputs ids[0..T-1], targets ids[1..T]). */
static void ref_forward(struct ref *r, const double *theta, const double *h0, const uint8_t *ids)
{
    int H = r->s.hidden, K = r->s.vocab;
    const double *U = theta + rnn_param_offset(r->s, RNN_P_U);
    const double *W = theta + rnn_param_offset(r->s, RNN_P_W);
    const double *b = theta + rnn_param_offset(r->s, RNN_P_B);
    const double *V = theta + rnn_param_offset(r->s, RNN_P_V);
    const double *c = theta + rnn_param_offset(r->s, RNN_P_C);
    memcpy(r->h, h0, (size_t)H * sizeof(double));
    for (int t = 1; t <= r->T; t++) {
        const double *hp = r->h + (size_t)(t - 1) * H;
        double *ht = r->h + (size_t)t * H, *yt = r->y + (size_t)(t - 1) * K;
        for (int i = 0; i < H; i++) {
            double a = U[i * K + ids[t - 1]] + b[i];
            for (int j = 0; j < H; j++)
                a += W[i * H + j] * hp[j];
            ht[i] = tanh(a);
        }
        double top = -INFINITY, sum = 0.0;
        for (int k = 0; k < K; k++) {
            yt[k] = c[k];
            for (int j = 0; j < H; j++)
                yt[k] += V[k * H + j] * ht[j];
            top = fmax(top, yt[k]);
        }
        for (int k = 0; k < K; k++)
            sum += yt[k] = exp(yt[k] - top);
        for (int k = 0; k < K; k++)
            yt[k] /= sum;
    }
}

/* The gradient by its definition: each L_t sends V^T dy_t back through
 * h_t, h_{t-1}, ... for at most K steps (K = 0: all the way), with the bug's
 * change. Adds into grad. */
static void ref_backward(const struct ref *r, const double *theta, const uint8_t *ids, int K,
                         enum rnn_bug bug, double *grad)
{
    int H = r->s.hidden, V = r->s.vocab;
    const double *W = theta + rnn_param_offset(r->s, RNN_P_W);
    const double *Vm = theta + rnn_param_offset(r->s, RNN_P_V);
    double *gU = grad + rnn_param_offset(r->s, RNN_P_U);
    double *gW = grad + rnn_param_offset(r->s, RNN_P_W);
    double *gb = grad + rnn_param_offset(r->s, RNN_P_B);
    double *gV = grad + rnn_param_offset(r->s, RNN_P_V);
    double *gc = grad + rnn_param_offset(r->s, RNN_P_C);
    double g[64], dr[64], dy[64];
    for (int t = 1; t <= r->T; t++) {
        const double *ht = r->h + (size_t)t * H;
        for (int k = 0; k < V; k++) {
            dy[k] = r->y[(size_t)(t - 1) * V + k] - (k == ids[t]);
            if (bug == RNN_BUG_SIGN)
                dy[k] = -dy[k];
            gc[k] += dy[k];
            for (int j = 0; j < H; j++)
                gV[k * H + j] += dy[k] * ht[j];
        }
        for (int j = 0; j < H; j++) {
            g[j] = 0.0;
            for (int k = 0; k < V; k++)
                g[j] += Vm[k * H + j] * dy[k];
        }
        int reach = bug == RNN_BUG_NO_CARRY ? 1 : K > 0 ? K : t;
        for (int s = t; s >= 1 && s > t - reach; s--) {
            const double *hs = r->h + (size_t)s * H, *hp = r->h + (size_t)(s - 1) * H;
            for (int i = 0; i < H; i++) {
                dr[i] = (bug == RNN_BUG_NO_TANH_GATE ? 1.0 : 1.0 - hs[i] * hs[i]) * g[i];
                gb[i] += dr[i];
                gU[i * V + ids[s - 1]] += dr[i];
                for (int j = 0; j < H; j++)
                    gW[i * H + j] += dr[i] * hp[j];
            }
            for (int j = 0; j < H; j++) {
                g[j] = 0.0;
                for (int i = 0; i < H; i++)
                    g[j] += W[i * H + j] * dr[i];
            }
        }
    }
}

static void ref_open(struct ref *r, struct rnn_shape s, int T)
{
    r->s = s;
    r->T = T;
    r->h = calloc((size_t)(T + 1) * s.hidden, sizeof(double));
    r->y = calloc((size_t)T * s.vocab, sizeof(double));
    assert_true(r->h && r->y);
}

static void ref_close(struct ref *r)
{
    free(r->h);
    free(r->y);
}

/* The reference gradient of the engine's current window (its backward done). */
static double *ref_gradient(const struct support_model *m, int K, enum rnn_bug bug)
{
    struct rnn_view v = support_view(m);
    struct ref r;
    ref_open(&r, v.shape, v.T);
    size_t P = rnn_param_count(v.shape);
    double *theta = malloc(P * sizeof(double)), *grad = calloc(P, sizeof(double));
    assert_true(theta && grad);
    memcpy(theta, v.theta.U, P * sizeof(double));
    ref_forward(&r, theta, v.h, v.inputs);
    ref_backward(&r, theta, v.inputs, K, bug, grad);
    ref_close(&r);
    free(theta);
    return grad;
}

static void expect_near_block(const double *got, const double *want, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        support_near(got[i], want[i], REL * fmax(1.0, fabs(want[i])), "%s[%zu]", what, i);
}

static struct support_spec lab_spec(const char *text, int hidden, int seq_len, int K,
                                    enum rnn_bug bug)
{
    return (struct support_spec){
        .text = text,
        .hidden = hidden,
        .seed = 5,
        .seq_len = seq_len,
        .settings = {.lr = 0.1, .optimizer = RNN_OPT_SGD, .truncate = K, .bug = bug}};
}

/* Trains a few iterations, then compares the next window's gradient (after
 * its backward pass) with the reference. */
static void check_against_reference(const struct support_spec *spec, const char *what)
{
    struct support_model m;
    support_open(&m, spec);
    rnn_engine_run(m.engine, 3, 0, NULL);
    rnn_engine_run_to_update(m.engine);
    struct rnn_view v = support_view(&m);
    double *want = ref_gradient(&m, spec->settings.truncate, spec->settings.bug);
    expect_near_block(v.grad.U, want, rnn_param_count(v.shape), what);
    free(want);
    support_close(&m);
}

static const char *const lab_text = "the cat sat on the mat; the hat";

static void test_truncation_matches_reference(void **state)
{
    (void)state;
    static const int Ks[] = {1, 2, 3, 7};
    for (size_t i = 0; i < sizeof Ks / sizeof Ks[0]; i++) {
        char what[64];
        struct support_spec whole = lab_spec("hello", 3, 0, Ks[i], RNN_BUG_NONE);
        snprintf(what, sizeof what, "whole text K=%d", Ks[i]);
        check_against_reference(&whole, what);
        struct support_spec corpus = lab_spec(lab_text, 4, 9, Ks[i], RNN_BUG_NONE);
        snprintf(what, sizeof what, "corpus K=%d", Ks[i]);
        check_against_reference(&corpus, what);
    }
}

static void test_bugs_match_reference(void **state)
{
    (void)state;
    for (int bug = RNN_BUG_NO_CARRY; bug <= RNN_BUG_SIGN; bug++) {
        struct support_spec spec = lab_spec(lab_text, 4, 9, 0, (enum rnn_bug)bug);
        check_against_reference(&spec, rnn_bug_name((enum rnn_bug)bug));
        struct support_spec both = lab_spec(lab_text, 3, 9, 4, (enum rnn_bug)bug);
        check_against_reference(&both, "bug with truncation");
    }
}

/* The reference and the engine must disagree where the bug bites, or the
 * comparison above would pass for an engine that ignores the bug. */
static void test_each_bug_changes_the_gradient(void **state)
{
    (void)state;
    for (int bug = RNN_BUG_NO_CARRY; bug < RNN_BUG_COUNT; bug++) {
        struct support_model plain, buggy;
        support_open(&plain, &(struct support_spec){.text = lab_text, .hidden = 4, .seed = 5});
        struct support_spec spec = lab_spec(lab_text, 4, 0, 0, (enum rnn_bug)bug);
        support_open(&buggy, &spec);
        rnn_engine_run(plain.engine, 2, 0, NULL);
        rnn_engine_run(buggy.engine, 2, 0, NULL);
        struct rnn_view a = support_view(&plain), b = support_view(&buggy);
        size_t P = rnn_param_count(a.shape);
        assert_memory_not_equal(a.theta.U, b.theta.U, P * sizeof(double));
        support_close(&plain);
        support_close(&buggy);
    }
}

/* no-zero-grad: iteration i's gradient is the sum of iterations 0..i's own
 * (hidden 20 takes the kernels' blocked per-step products). */
static void check_no_zero_grad(int hidden)
{
    struct support_spec spec = lab_spec(lab_text, hidden, 0, 0, RNN_BUG_NO_ZERO_GRAD);
    struct support_model m;
    support_open(&m, &spec);
    struct rnn_view v = support_view(&m);
    size_t P = rnn_param_count(v.shape);
    double *sum = calloc(P, sizeof(double));
    for (int i = 0; i < 3; i++) {
        double *own = NULL;
        rnn_engine_run_to_update(m.engine);
        v = support_view(&m);
        /* the reference gradient at this iteration's parameters alone */
        own = ref_gradient(&m, 0, RNN_BUG_NONE);
        for (size_t k = 0; k < P; k++)
            sum[k] += own[k];
        expect_near_block(v.grad.U, sum, P, "accumulated gradient");
        free(own);
        rnn_engine_step(m.engine);
    }
    free(sum);
    support_close(&m);
}

static void test_no_zero_grad_accumulates(void **state)
{
    (void)state;
    check_no_zero_grad(3);
    check_no_zero_grad(20);
}

static bool same_bits(const double *a, const double *b, size_t n)
{
    return memcmp(a, b, n * sizeof(double)) == 0;
}

/* K >= T, no bug and no norm clip run the plain path: the same bits as an
 * engine without the lab, for every optimiser, stepping and whole iterations. */
static void test_off_is_bit_identical(void **state)
{
    (void)state;
    for (int opt = 0; opt < RNN_OPT_COUNT; opt++) {
        struct rnn_settings plain = {.lr = 0.05, .optimizer = (enum rnn_optimizer)opt, .clip = 2};
        struct rnn_settings full = plain, huge = plain;
        full.truncate = 30; /* the whole text's T */
        huge.truncate = RNN_SEQ_MAX;
        const struct rnn_settings *variants[] = {&full, &huge};
        struct support_model a, b;
        support_open(&a, &(struct support_spec){
                             .text = lab_text, .hidden = 5, .seed = 3, .settings = plain});
        rnn_engine_run(a.engine, 20, 0, NULL);
        struct rnn_view va = support_view(&a);
        size_t P = rnn_param_count(va.shape);
        for (size_t k = 0; k < 2; k++) {
            support_open(&b,
                         &(struct support_spec){
                             .text = lab_text, .hidden = 5, .seed = 3, .settings = *variants[k]});
            for (int i = 0; i < 20 * (2 * va.T + 1); i++)
                rnn_engine_step(b.engine);
            struct rnn_view vb = support_view(&b);
            assert_true(same_bits(va.theta.U, vb.theta.U, P));
            assert_true(same_bits(va.grad.U, vb.grad.U, P));
            support_close(&b);
        }
        support_close(&a);
    }
}

/* With K = T the lab path is not taken, but K = T - 1 must differ from full
 * BPTT, or truncation would be a no-op the tests above could not see. */
static void test_truncation_changes_training(void **state)
{
    (void)state;
    struct support_model a, b;
    support_open(&a, &(struct support_spec){.text = "hello", .hidden = 2, .seed = 3});
    struct support_spec spec = lab_spec("hello", 2, 0, 3, RNN_BUG_NONE);
    support_open(&b, &spec);
    rnn_engine_run(a.engine, 5, 0, NULL);
    rnn_engine_run(b.engine, 5, 0, NULL);
    struct rnn_view va = support_view(&a), vb = support_view(&b);
    assert_false(same_bits(va.theta.U, vb.theta.U, rnn_param_count(va.shape)));
    support_close(&a);
    support_close(&b);
}

/* --clip-norm: one SGD step with g * X / ||g|| computed here. */
static void test_clip_norm_step(void **state)
{
    (void)state;
    struct support_model m;
    struct support_spec spec = {
        .text = lab_text,
        .hidden = 4,
        .seed = 9,
        .settings = {.lr = 0.1, .optimizer = RNN_OPT_SGD, .clip_norm = 0.5}};
    support_open(&m, &spec);
    rnn_engine_run_to_update(m.engine);
    struct rnn_view v = support_view(&m);
    size_t P = rnn_param_count(v.shape);
    double *g = malloc(P * sizeof(double)), *theta = malloc(P * sizeof(double));
    memcpy(g, v.grad.U, P * sizeof(double));
    memcpy(theta, v.theta.U, P * sizeof(double));
    double norm = 0.0;
    for (size_t i = 0; i < P; i++)
        norm += g[i] * g[i];
    norm = sqrt(norm);
    assert_true(norm > 0.5);
    unsigned ev = rnn_engine_step(m.engine);
    v = support_view(&m);
    assert_true(ev & RNN_EV_CLIPPED);
    support_near(v.clip_scale, 0.5 / norm, 1e-12, "clip scale");
    support_near(v.grad_norm, norm, 1e-12, "logged norm (unclipped)");
    for (size_t i = 0; i < P; i++)
        support_near(v.theta.U[i], theta[i] - 0.1 * g[i] * (0.5 / norm), 1e-12, "theta[%zu]", i);

    struct rnn_clip_compare c;
    rnn_clip_compare(g, P, 0.05, 0.5, &c);
    support_near(c.norm_scale, 0.5 / norm, 1e-12, "candidate scale");
    support_near(c.norm_cosine, 1.0, 1e-12, "norm-clipped cosine");
    double ss = 0.0, cross = 0.0;
    size_t changed = 0;
    for (size_t i = 0; i < P; i++) {
        double e = fmin(0.05, fmax(-0.05, g[i]));
        changed += e != g[i];
        ss += e * e;
        cross += e * g[i];
    }
    assert_int_equal(c.element_clipped, changed);
    support_near(c.element_cosine, cross / (sqrt(ss) * norm), 1e-12, "element-clipped cosine");
    assert_true(c.element_cosine < 0.999);
    free(g);
    free(theta);
    support_close(&m);
}

/* gradcheck's analytic side is the truncated / buggy gradient. */
static void test_gradcheck_uses_lab_gradient(void **state)
{
    (void)state;
    struct support_spec spec = lab_spec("hello", 3, 0, 2, RNN_BUG_NONE);
    struct support_model m;
    support_open(&m, &spec);
    size_t P = rnn_param_count(m.cfg.shape);
    double *a = malloc(P * sizeof(double)), *n = malloc(P * sizeof(double));
    rnn_engine_gradcheck(m.engine, 1e-5, a, n);
    rnn_engine_run_to_update(m.engine);
    double *want = ref_gradient(&m, 2, RNN_BUG_NONE);
    expect_near_block(a, want, P, "gradcheck analytic, K=2");
    double *full = ref_gradient(&m, 0, RNN_BUG_NONE);
    for (size_t i = 0; i < P; i++)
        support_near(n[i], full[i], 1e-7 * fmax(1.0, fabs(full[i])), "numeric[%zu]", i);
    free(want);
    free(full);
    free(a);
    free(n);
    support_close(&m);
}

/* Profile rows against reference gradients truncated to each K. */
static void test_truncation_profile(void **state)
{
    (void)state;
    struct support_model m;
    support_open(&m, &(struct support_spec){.text = "hello world", .hidden = 3, .seed = 4});
    rnn_engine_run(m.engine, 2, 0, NULL);
    rnn_engine_step(m.engine); /* into the third iteration: its window and parameters */
    struct rnn_view v = support_view(&m);
    int T = v.T;
    size_t P = rnn_param_count(v.shape);
    struct rnn_truncation_row rows[16];
    double *scratch = malloc((size_t)(T + 1) * P * sizeof(double));
    assert_true(rnn_truncation_profile(m.engine, rows, scratch));
    rnn_engine_run_to_update(m.engine);
    double *full = ref_gradient(&m, 0, RNN_BUG_NONE);
    size_t wo = rnn_param_offset(v.shape, RNN_P_W), wn = 9;
    double parts[16] = {0}, total = 0.0;
    double *prev = calloc(P, sizeof(double));
    for (int K = 1; K <= T; K++) {
        double *g = ref_gradient(&m, K, RNN_BUG_NONE);
        double d2 = 0.0, n2 = 0.0, dot = 0.0, g2 = 0.0, p2 = 0.0;
        for (size_t i = wo; i < wo + wn; i++) {
            d2 += (g[i] - full[i]) * (g[i] - full[i]);
            n2 += full[i] * full[i];
            g2 += g[i] * g[i];
            dot += g[i] * full[i];
            p2 += (g[i] - prev[i]) * (g[i] - prev[i]);
        }
        parts[K] = sqrt(p2);
        total += parts[K];
        support_near(rows[K - 1].param[RNN_P_W].rel_error, sqrt(d2 / n2), 1e-9, "W rel K=%d", K);
        support_near(rows[K - 1].param[RNN_P_W].cosine, dot / sqrt(g2 * n2), 1e-9, "W cos K=%d", K);
        support_near(rows[K - 1].param[RNN_P_V].rel_error, 0.0, 1e-9, "V rel K=%d", K);
        memcpy(prev, g, P * sizeof(double));
        free(g);
    }
    double longer = total;
    for (int K = 1; K <= T; K++) {
        longer -= parts[K];
        support_near(rows[K - 1].long_path_share, fmax(longer, 0.0) / total, 1e-9, "share K=%d", K);
    }
    assert_true(rows[0].long_path_share > 0.0);
    support_near(rows[T - 1].long_path_share, 0.0, 1e-12, "share at K=T");
    free(prev);
    free(full);
    free(scratch);
    support_close(&m);
}

/* Rewind with truncation and no-zero-grad on restores the exact states. */
static void test_rewind_with_lab(void **state)
{
    (void)state;
    struct support_spec spec = lab_spec(lab_text, 3, 7, 3, RNN_BUG_NO_ZERO_GRAD);
    struct support_model m;
    support_open(&m, &spec);
    struct rnn_view v = support_view(&m);
    size_t P = rnn_param_count(v.shape);
    int per = 2 * v.T + 1, n = 3 * per + 4;
    double *snap = malloc((size_t)(n + 1) * 2 * P * sizeof(double));
    for (int k = 0; k <= n; k++) {
        v = support_view(&m);
        memcpy(snap + (size_t)k * 2 * P, v.theta.U, P * sizeof(double));
        memcpy(snap + (size_t)k * 2 * P + P, v.grad.U, P * sizeof(double));
        if (k < n)
            rnn_engine_step(m.engine);
    }
    for (int k = n - 1; k >= 0; k--) {
        assert_true(rnn_engine_rewind(m.engine));
        v = support_view(&m);
        assert_true(same_bits(v.theta.U, snap + (size_t)k * 2 * P, P));
        assert_true(same_bits(v.grad.U, snap + (size_t)k * 2 * P + P, P));
    }
    free(snap);
    support_close(&m);
}

static void test_diagnostics(void **state)
{
    (void)state;
    struct support_model m;
    support_open(&m, &(struct support_spec){.text = lab_text, .hidden = 6, .seed = 2});
    struct rnn_view v = support_view(&m);
    struct rnn_diagnostics d;
    rnn_diagnostics_compute(m.engine, &v, &d);
    assert_false(d.has_update);
    assert_true(isnan(d.initial_loss));
    rnn_engine_run_to_update(m.engine);
    v = support_view(&m);
    rnn_diagnostics_compute(m.engine, &v, &d);
    support_near(d.initial_loss, v.loss_sum, 0.0, "initial loss before the first update");
    rnn_engine_run(m.engine, 2, 0, NULL);
    rnn_engine_run_to_update(m.engine);
    v = support_view(&m);
    rnn_diagnostics_compute(m.engine, &v, &d);
    support_near(d.uniform_loss, v.T * log((double)v.shape.vocab), 1e-12, "T ln vocab");
    size_t hot = 0, n = (size_t)v.T * 6;
    for (size_t i = 0; i < n; i++)
        hot += fabs(v.h[6 + i]) > 0.99;
    assert_int_equal(d.saturated_of, n);
    support_near(d.saturated, (double)hot / (double)n, 0.0, "saturated share");
    size_t len;
    uint64_t stride;
    const struct rnn_loss_entry *log0 = rnn_engine_loss_log(m.engine, &len, &stride);
    support_near(d.initial_loss, log0[0].loss, 0.0, "initial loss");
    for (int id = 0; id < RNN_P_COUNT; id++) {
        int rows, cols;
        rnn_param_dims(v.shape, (enum rnn_param_id)id, &rows, &cols);
        size_t off = rnn_param_offset(v.shape, (enum rnn_param_id)id);
        double step = 0.0, base = 0.0, g = 0.0;
        for (size_t i = off; i < off + (size_t)rows * cols; i++) {
            step += (v.theta.U[i] - v.before.U[i]) * (v.theta.U[i] - v.before.U[i]);
            base += v.before.U[i] * v.before.U[i];
            g += v.grad.U[i] * v.grad.U[i];
        }
        double want = base > 0 ? sqrt(step / base) : step == 0 ? 0.0 : INFINITY;
        support_near(d.update_ratio[id], want, 1e-12 * fmax(1, want), "update ratio %d", id);
        support_near(d.grad_norm[id], sqrt(g), 1e-12, "grad norm %d", id);
    }
    support_close(&m);
}

/* The parameters, the gradient and h_0..h_forward_done (later rows hold an
 * earlier window's values), copied for comparing. */
struct state {
    double *theta, *grad, *h;
    uint64_t tick;
};

static struct state capture(const struct support_model *m)
{
    struct rnn_view v = support_view(m);
    size_t P = rnn_param_count(v.shape), nh = (size_t)(v.forward_done + 1) * v.shape.hidden;
    struct state st = {malloc(P * sizeof(double)), malloc(P * sizeof(double)),
                       malloc(nh * sizeof(double)), v.tick};
    memcpy(st.theta, v.theta.U, P * sizeof(double));
    memcpy(st.grad, v.grad.U, P * sizeof(double));
    memcpy(st.h, v.h, nh * sizeof(double));
    return st;
}

static void expect_state(const struct support_model *m, const struct state *st, const char *what)
{
    struct rnn_view v = support_view(m);
    size_t P = rnn_param_count(v.shape), nh = (size_t)(v.forward_done + 1) * v.shape.hidden;
    if (v.tick != st->tick || !same_bits(v.theta.U, st->theta, P) ||
        !same_bits(v.grad.U, st->grad, P) || !same_bits(v.h, st->h, nh))
        fail_msg("%s: state at tick %llu differs from the one recorded at tick %llu", what,
                 (unsigned long long)v.tick, (unsigned long long)st->tick);
}

static void release(struct state *st)
{
    free(st->theta);
    free(st->grad);
    free(st->h);
}

/* set and scale against the arithmetic done here; bad edits change nothing. */
static void test_surgery_edits(void **state)
{
    (void)state;
    struct support_model m;
    support_open(&m, &(struct support_spec){.text = lab_text, .hidden = 3, .seed = 2});
    struct rnn_view v = support_view(&m);
    size_t P = rnn_param_count(v.shape), wo = rnn_param_offset(v.shape, RNN_P_W);
    double *before = malloc(P * sizeof(double));
    memcpy(before, v.theta.U, P * sizeof(double));
    assert_true(
        rnn_engine_surgery(m.engine, &(struct rnn_surgery){RNN_SURGERY_SCALE, RNN_P_W, 0, 0.5}));
    assert_true(rnn_engine_surgery(
        m.engine, &(struct rnn_surgery){RNN_SURGERY_SET, RNN_P_W, 5, 1.25})); /* W[1][2] */
    v = support_view(&m);
    for (size_t i = 0; i < P; i++) {
        double want = i == wo + 5 ? 1.25 : i >= wo && i < wo + 9 ? before[i] * 0.5 : before[i];
        support_near(v.theta.U[i], want, 0.0, "theta[%zu]", i);
    }
    struct rnn_surgery bad[] = {{RNN_SURGERY_SET, RNN_P_W, 9, 1.0},
                                {RNN_SURGERY_SCALE, RNN_P_COUNT, 0, 1.0},
                                {RNN_SURGERY_SCALE, RNN_P_V, 0, NAN}};
    for (size_t i = 0; i < 3; i++)
        assert_false(rnn_engine_surgery(m.engine, &bad[i]));
    char what[64];
    rnn_surgery_describe(v.shape, &(struct rnn_surgery){RNN_SURGERY_SET, RNN_P_W, 5, 1.25}, what,
                         sizeof what);
    assert_string_equal(what, "set W[1][2] = 1.25");
    free(before);
    support_close(&m);
}

/* Rewind right after an edit undoes just the edit, at tick 0, at an
 * iteration start and mid-iteration; replay across an edit re-applies it. */
static void test_surgery_rewind(void **state)
{
    (void)state;
    struct support_model m;
    struct support_spec spec = {.text = lab_text,
                                .hidden = 3,
                                .seed = 2,
                                .seq_len = 6,
                                .settings = {.lr = 0.1, .optimizer = RNN_OPT_ADAM}};
    support_open(&m, &spec);
    struct rnn_view v = support_view(&m);
    int per = 2 * v.T + 1, n = 4 * per + 5;
    /* the edit points: tick 0, the start of iteration 2, and mid-iteration 3 */
    int at[] = {0, 2 * per, 3 * per + 4};
    struct rnn_surgery ops[] = {{RNN_SURGERY_SCALE, RNN_P_W, 0, 2.0},
                                {RNN_SURGERY_SET, RNN_P_U, 1, -0.75},
                                {RNN_SURGERY_SCALE, RNN_P_V, 0, 0.5}};
    struct state *snaps = calloc((size_t)n + 1, sizeof *snaps);
    for (int k = 0, e = 0; k <= n; k++) {
        if (e < 3 && at[e] == k) {
            struct state pre = capture(&m);
            assert_true(rnn_engine_surgery(m.engine, &ops[e]));
            assert_true(rnn_engine_rewind(m.engine)); /* undoes only the edit */
            expect_state(&m, &pre, "rewind right after an edit");
            release(&pre);
            assert_true(rnn_engine_surgery(m.engine, &ops[e++]));
        }
        snaps[k] = capture(&m);
        if (k < n)
            rnn_engine_step(m.engine);
    }
    for (int k = n - 1; k >= 0; k--) {
        assert_true(rnn_engine_rewind(m.engine));
        expect_state(&m, &snaps[k], "rewind across edits");
        /* at an edit point the next rewind undoes the edit itself */
        for (int e = 0; e < 3; e++)
            if (at[e] == k && k > 0)
                assert_true(rnn_engine_rewind(m.engine));
    }
    for (int k = 0; k <= n; k++)
        release(&snaps[k]);
    free(snaps);
    support_close(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_truncation_matches_reference),
        cmocka_unit_test(test_bugs_match_reference),
        cmocka_unit_test(test_each_bug_changes_the_gradient),
        cmocka_unit_test(test_no_zero_grad_accumulates),
        cmocka_unit_test(test_off_is_bit_identical),
        cmocka_unit_test(test_truncation_changes_training),
        cmocka_unit_test(test_clip_norm_step),
        cmocka_unit_test(test_gradcheck_uses_lab_gradient),
        cmocka_unit_test(test_truncation_profile),
        cmocka_unit_test(test_rewind_with_lab),
        cmocka_unit_test(test_diagnostics),
        cmocka_unit_test(test_surgery_edits),
        cmocka_unit_test(test_surgery_rewind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
