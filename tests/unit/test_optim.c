/* The optimisers and clipping against the formulas documented in engine.h
 * and the README: small cases worked by hand, then several updates of the
 * worked example checked through the engine's view (before, applied, after). */
#include "support.h"

#include "engine/core.h"
#include "engine/kernels.h"

#define TOL 1e-15
#define MAX_N 32

/* One update with table k of theta and st's state (n <= MAX_N), in place:
 * the update writes the new parameters and state beside the old ones, and
 * they are copied back here so the cases below can read them where they were. */
static void update_in_place(const struct rnn_kernels *k, const struct rnn_settings *s,
                            struct rnn_opt_state *st, double *theta, double *applied,
                            const double *g, size_t n, struct rnn_update_norms *norms)
{
    double next[MAX_N], prev1[MAX_N], prev2[MAX_N];
    double *s1 = st->s1, *s2 = st->s2;
    assert_true(n <= MAX_N);
    st->prev1 = prev1;
    st->prev2 = prev2;
    rnn_opt_update(k, s, st, &(struct rnn_update_arrays){theta, next, applied, g, n, NULL}, norms);
    memcpy(theta, next, n * sizeof(double));
    memmove(s1, st->s1, n * sizeof(double)); /* the same array when the optimiser keeps none */
    memmove(s2, st->s2, n * sizeof(double));
    st->s1 = s1;
    st->s2 = s2;
}

struct opt_fixture {
    double theta[2], g[2], s1[2], s2[2];
    struct rnn_opt_state st;
};

static void fixture_init(struct opt_fixture *f)
{
    memset(f, 0, sizeof *f);
    f->theta[0] = 1.0;
    f->theta[1] = -2.0;
    f->g[0] = 0.5;
    f->g[1] = -0.25;
    f->st.s1 = f->s1;
    f->st.s2 = f->s2;
    rnn_opt_reset(&f->st, 2);
}

/* One update of the fixture through the kernel table this CPU uses, no clipping. */
static void apply(struct opt_fixture *f, enum rnn_optimizer opt, double lr)
{
    double applied[2];
    const struct rnn_settings s = {.lr = lr, .optimizer = opt};
    struct rnn_update_norms norms;
    update_in_place(rnn_kernels_select(), &s, &f->st, f->theta, applied, f->g, 2, &norms);
}

static void test_sgd_by_hand(void **state)
{
    (void)state;
    struct opt_fixture f;
    fixture_init(&f);
    apply(&f, RNN_OPT_SGD, 0.1);
    support_near(f.theta[0], 0.95, TOL, "sgd theta[0]");   /* 1 - 0.1 * 0.5 */
    support_near(f.theta[1], -1.975, TOL, "sgd theta[1]"); /* -2 + 0.1 * 0.25 */
}

/* v = mu v - lr g; theta += v, with mu = 0.9. */
static void test_momentum_by_hand(void **state)
{
    (void)state;
    struct opt_fixture f;
    fixture_init(&f);
    apply(&f, RNN_OPT_MOMENTUM, 0.1);
    support_near(f.s1[0], -0.05, TOL, "velocity after 1");
    support_near(f.theta[0], 0.95, TOL, "momentum theta after 1");
    apply(&f, RNN_OPT_MOMENTUM, 0.1);
    support_near(f.s1[0], -0.095, TOL, "velocity after 2"); /* 0.9 * -0.05 - 0.05 */
    support_near(f.theta[0], 0.855, TOL, "momentum theta after 2");
    support_near(f.theta[1], -2.0 + 0.025 + 0.0475, TOL, "momentum theta[1] after 2");
}

/* memory += g^2; theta -= lr g / sqrt(memory + 1e-8). */
static void test_adagrad_by_hand(void **state)
{
    (void)state;
    struct opt_fixture f;
    fixture_init(&f);
    apply(&f, RNN_OPT_ADAGRAD, 0.1);
    support_near(f.s1[0], 0.25, TOL, "adagrad memory after 1");
    support_near(f.theta[0], 1.0 - 0.05 / sqrt(0.25 + 1e-8), TOL, "adagrad theta after 1");
    support_near(f.theta[0], 0.9, 1e-8, "adagrad first step is about lr");
    apply(&f, RNN_OPT_ADAGRAD, 0.1);
    support_near(f.s1[0], 0.5, TOL, "adagrad memory after 2");
    support_near(f.theta[0], 0.9 - 0.05 / sqrt(0.5), 1e-8, "adagrad theta after 2");
    support_near(f.s1[1], 0.125, TOL, "adagrad memory[1] after 2");
}

/* m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, bias-corrected by
 * 1 - b^t; theta -= lr mhat / (sqrt(vhat) + 1e-8). */
static void test_adam_by_hand(void **state)
{
    (void)state;
    struct opt_fixture f;
    fixture_init(&f);
    apply(&f, RNN_OPT_ADAM, 0.1);
    support_near(f.s1[0], 0.05, TOL, "adam m after 1");
    support_near(f.s2[0], 0.00025, 1e-18, "adam v after 1");
    /* mhat = 0.5, vhat = 0.25: the first step is lr * sign(g), almost exactly. */
    support_near(f.theta[0], 1.0 - 0.1 * 0.5 / (0.5 + 1e-8), 1e-14, "adam theta after 1");
    support_near(f.theta[1], -2.0 + 0.1 * 0.25 / (0.25 + 1e-8), 1e-14, "adam theta[1] after 1");
    f.g[0] = -0.5;
    apply(&f, RNN_OPT_ADAM, 0.1);
    /* m = 0.045 - 0.05 = -0.005, v = 0.00024975 + 0.00025; t = 2. */
    double mhat = -0.005 / (1.0 - 0.81), vhat = 0.00049975 / (1.0 - 0.998001);
    support_near(f.s1[0], -0.005, 1e-16, "adam m after 2");
    support_near(f.s2[0], 0.00049975, 1e-18, "adam v after 2");
    support_near(f.theta[0], 1.0 - 0.1 * 0.5 / (0.5 + 1e-8) - 0.1 * mhat / (sqrt(vhat) + 1e-8),
                 1e-14, "adam theta after 2");
}

/* Clips g (n elements) to [-clip, clip] with a zero learning rate; returns
 * the clipped flag and checks the other outputs of the update. */
static bool clip_with(const double *g, double *out, size_t n, double clip)
{
    double theta[8] = {0}, next[8], s1[8], s2[8];
    struct rnn_opt_state st = {.s1 = s1, .s2 = s2};
    rnn_opt_reset(&st, n);
    const struct rnn_settings s = {.lr = 0.0, .optimizer = RNN_OPT_SGD, .clip = clip};
    const struct rnn_update_arrays a = {theta, next, out, g, n, NULL};
    struct rnn_update_norms norms;
    rnn_opt_update(rnn_kernels_select(), &s, &st, &a, &norms);
    assert_true(norms.grad == rnn_l2_norm(g, n));
    assert_true(norms.step == rnn_l2_norm(out, n));
    assert_memory_equal(next, theta, n * sizeof(double));
    return norms.clipped;
}

static void test_clip_by_hand(void **state)
{
    (void)state;
    const double g[] = {0.7, -0.7, 0.5, -0.5, 0.2, -0.0, 3.0, -12.0};
    const double want[] = {0.5, -0.5, 0.5, -0.5, 0.2, -0.0, 0.5, -0.5};
    double out[8];
    assert_true(clip_with(g, out, 8, 0.5));
    assert_memory_equal(out, want, sizeof want);
    assert_false(clip_with(g + 2, out, 4, 0.5)); /* nothing beyond the bounds */
    assert_memory_equal(out, g + 2, 4 * sizeof(double));
    assert_false(clip_with(g, out, 8, 0.0)); /* 0: clipping off */
    assert_memory_equal(out, g, sizeof g);
}

/* Infinities clip to the bounds; nan passes through and counts as no change. */
static void test_clip_non_finite(void **state)
{
    (void)state;
    const double g[] = {INFINITY, -INFINITY, NAN};
    double out[3];
    double theta[3] = {0}, s1[3], s2[3];
    struct rnn_opt_state st = {.s1 = s1, .s2 = s2};
    rnn_opt_reset(&st, 3);
    const struct rnn_settings s = {.lr = 0.0, .optimizer = RNN_OPT_SGD, .clip = 0.5};
    struct rnn_update_norms norms;
    update_in_place(rnn_kernels_select(), &s, &st, theta, out, g + 2, 1, &norms);
    assert_false(norms.clipped);
    assert_true(isnan(out[0]) && isnan(norms.grad));
    update_in_place(rnn_kernels_select(), &s, &st, theta, out, g, 2, &norms);
    assert_true(norms.clipped);
    assert_true(out[0] == 0.5 && out[1] == -0.5);
    assert_true(isinf(norms.grad) && norms.step == sqrt(0.5));
}

static void test_l2_norm(void **state)
{
    (void)state;
    const double g[] = {3.0, -4.0, 0.0, 12.0};
    assert_true(rnn_l2_norm(g, 4) == 13.0);
    assert_true(rnn_l2_norm(g, 0) == 0.0);
}

/* Every kernel table's update gives the generic one's bits, for each
 * optimiser with and without clipping, over several steps. */
static void test_update_variants_agree(void **state)
{
    (void)state;
    enum { N = 23, STEPS = 4 };
    const struct rnn_kernels *tables[] = {&rnn_kernels_generic, rnn_kernels_select()};
    for (int opt = 0; opt < RNN_OPT_COUNT; opt++) {
        for (int clipping = 0; clipping < 2; clipping++) {
            double theta[2][N], applied[2][N], s1[2][N], s2[2][N], g[N];
            struct rnn_update_norms norms[2];
            for (int v = 0; v < 2; v++) {
                struct rnn_opt_state st = {.s1 = s1[v], .s2 = s2[v]};
                rnn_opt_reset(&st, N);
                for (int i = 0; i < N; i++)
                    theta[v][i] = sin(1.0 + i);
                const struct rnn_settings s = {
                    .lr = 0.07, .optimizer = (enum rnn_optimizer)opt, .clip = clipping ? 0.4 : 0.0};
                for (int k = 0; k < STEPS; k++) {
                    for (int i = 0; i < N; i++)
                        g[i] = cos(0.7 * i + k) * (1.0 + 0.1 * i);
                    update_in_place(tables[v], &s, &st, theta[v], applied[v], g, N, &norms[v]);
                }
            }
            assert_memory_equal(theta[0], theta[1], sizeof theta[0]);
            assert_memory_equal(applied[0], applied[1], sizeof applied[0]);
            assert_memory_equal(s1[0], s1[1], sizeof s1[0]);
            assert_memory_equal(s2[0], s2[1], sizeof s2[0]);
            assert_true(norms[0].grad == norms[1].grad && norms[0].step == norms[1].step);
            assert_int_equal(norms[0].clipped, clipping);
        }
    }
}

static void test_optimizer_names(void **state)
{
    (void)state;
    const char *names[] = {"sgd", "momentum", "adagrad", "adam"};
    for (int i = 0; i < RNN_OPT_COUNT; i++) {
        assert_string_equal(rnn_optimizer_name((enum rnn_optimizer)i), names[i]);
        assert_int_equal(rnn_optimizer_parse(names[i]), i);
    }
    assert_int_equal(rnn_optimizer_parse("SGD"), -1);
    assert_int_equal(rnn_optimizer_parse("rmsprop"), -1);
}

/* The update the formulas give for one element, with the test's own state. */
struct reference {
    double s1[14], s2[14];
    int t;
};

static double reference_update(struct reference *r, enum rnn_optimizer opt, double lr, int i,
                               double theta, double g)
{
    switch (opt) {
    case RNN_OPT_SGD: return theta - lr * g;
    case RNN_OPT_MOMENTUM: r->s1[i] = 0.9 * r->s1[i] - lr * g; return theta + r->s1[i];
    case RNN_OPT_ADAGRAD: r->s1[i] += g * g; return theta - lr * g / sqrt(r->s1[i] + 1e-8);
    case RNN_OPT_ADAM: {
        r->s1[i] = 0.9 * r->s1[i] + 0.1 * g;
        r->s2[i] = 0.999 * r->s2[i] + 0.001 * g * g;
        double mhat = r->s1[i] / (1.0 - pow(0.9, r->t));
        double vhat = r->s2[i] / (1.0 - pow(0.999, r->t));
        return theta - lr * mhat / (sqrt(vhat) + 1e-8);
    }
    default: fail(); return 0.0;
    }
}

/* Five updates of the worked example through the engine, with and without
 * clipping: "applied" is the clipped gradient, "after" is the formula. */
static void check_engine_updates(enum rnn_optimizer opt, double lr, double clip)
{
    struct support_model m;
    struct support_spec spec = {.text = "hello",
                                .hidden = 1,
                                .hello = true,
                                .settings = {.lr = lr, .optimizer = opt, .clip = clip}};
    support_open(&m, &spec);
    struct reference r = {0};
    bool clipped = false;
    for (r.t = 1; r.t <= 5; r.t++) {
        rnn_engine_run_to_update(m.engine);
        struct rnn_view v = support_view(&m);
        double grad[14];
        memcpy(grad, v.grad.U, sizeof grad);
        unsigned ev = rnn_engine_step(m.engine);
        v = support_view(&m);
        for (int i = 0; i < 14; i++) {
            double applied = clip > 0.0 ? fmin(fmax(grad[i], -clip), clip) : grad[i];
            clipped |= applied != grad[i];
            assert_true(v.applied.U[i] == applied);
            if (v.opt_state.U) /* the state before the update, and after */
                support_near(v.opt_before.U[i], r.s1[i], 1e-13, "state before, parameter %d", i);
            if (v.opt_state2.U)
                support_near(v.opt_before2.U[i], r.s2[i], 1e-13, "state 2 before, parameter %d", i);
            double want = reference_update(&r, opt, lr, i, v.before.U[i], applied);
            support_near(v.theta.U[i], want, 1e-13, "%s update %d parameter %d",
                         rnn_optimizer_name(opt), r.t, i);
            if (v.opt_state.U)
                support_near(v.opt_state.U[i], r.s1[i], 1e-13, "state after, parameter %d", i);
            if (v.opt_state2.U)
                support_near(v.opt_state2.U[i], r.s2[i], 1e-13, "state 2 after, parameter %d", i);
        }
        assert_int_equal((ev & RNN_EV_CLIPPED) != 0, clipped && clip > 0.0);
        clipped = false;
    }
    support_close(&m);
}

static void test_engine_updates_follow_the_formulas(void **state)
{
    (void)state;
    const double lrs[RNN_OPT_COUNT] = {0.1, 0.05, 0.3, 0.02};
    for (int opt = 0; opt < RNN_OPT_COUNT; opt++) {
        check_engine_updates((enum rnn_optimizer)opt, lrs[opt], 0.0);
        check_engine_updates((enum rnn_optimizer)opt, lrs[opt], 0.5);
        check_engine_updates((enum rnn_optimizer)opt, lrs[opt], 0.1);
    }
}

/* Switching optimiser starts the new one from fresh state. */
static void test_switch_resets_optimizer_state(void **state)
{
    (void)state;
    struct support_model b;
    support_open_hello(&b);
    rnn_engine_run(b.engine, 2, 0, NULL);
    rnn_engine_set_settings(b.engine,
                            &(struct rnn_settings){.lr = 0.05, .optimizer = RNN_OPT_ADAM});
    rnn_engine_run(b.engine, 1, 0, NULL);
    /* After the switch b's first adam update is a fresh first step: lr * g / (|g| + eps). */
    struct rnn_view v = support_view(&b);
    for (int i = 0; i < 14; i++) {
        double g = v.applied.U[i];
        double want = v.before.U[i] - 0.05 * g / (fabs(g) + 1e-8);
        support_near(v.theta.U[i], want, 1e-13, "first adam step after a switch, parameter %d", i);
    }
    support_close(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sgd_by_hand),
        cmocka_unit_test(test_momentum_by_hand),
        cmocka_unit_test(test_adagrad_by_hand),
        cmocka_unit_test(test_adam_by_hand),
        cmocka_unit_test(test_clip_by_hand),
        cmocka_unit_test(test_clip_non_finite),
        cmocka_unit_test(test_l2_norm),
        cmocka_unit_test(test_update_variants_agree),
        cmocka_unit_test(test_optimizer_names),
        cmocka_unit_test(test_engine_updates_follow_the_formulas),
        cmocka_unit_test(test_switch_resets_optimizer_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
