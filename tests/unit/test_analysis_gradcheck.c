/* Gradient-check summaries and the verdict: the worst relative error per
 * parameter; rounding noise of the differences passes, nan and inf fail,
 * and a wrong BPTT gradient planted through the test-only hook fails. */
#include <float.h>

#include "engine/core.h"
#include "rnnstep/analysis.h"
#include "test_analysis_fixture.h"

/* hidden 2, vocab 3: U 6, W 4, b 2, V 6, c 3 entries. */
static const struct rnn_shape shape = {2, 3};

static void fill(double *a, double *n, size_t count)
{
    for (size_t i = 0; i < count; i++)
        a[i] = n[i] = 0.5 + (double)i;
}

static void worst_entry_is_found_inside_its_parameter(void **state)
{
    (void)state;
    double a[21], n[21];
    fill(a, n, 21);
    size_t w = rnn_param_offset(shape, RNN_P_W);
    n[w + 3] = a[w + 3] * (1.0 + 1e-3); /* W[1][1] */
    n[w + 1] = a[w + 1] * (1.0 + 1e-5); /* W[0][1] */
    size_t at = 99;
    double worst = rnn_gradcheck_worst(shape, RNN_P_W, a, n, &at);
    assert_int_equal(at, 3);
    assert_near(worst, rnn_relative_error(a[w + 3], n[w + 3]), 0.0);
    assert_true(rnn_gradcheck_worst(shape, RNN_P_U, a, n, &at) == 0.0);
    assert_int_equal(at, 0);
    assert_true(rnn_gradcheck_worst(shape, RNN_P_C, a, n, &at) == 0.0);
}

static void nan_counts_as_worst(void **state)
{
    (void)state;
    double a[21], n[21];
    fill(a, n, 21);
    size_t c = rnn_param_offset(shape, RNN_P_C), at;
    n[c] = a[c] * 2.0;
    n[c + 2] = NAN;
    assert_true(isnan(rnn_gradcheck_worst(shape, RNN_P_C, a, n, &at)));
    assert_int_equal(at, 2);
}

/* On a real model every parameter's worst entry is small. */
static void engine_gradients_pass(void **state)
{
    (void)state;
    struct session *s = fixture_open("--text", "hello world", "--hidden", "3", NULL);
    assert_non_null(s);
    size_t count = rnn_param_count(s->cfg.shape), at;
    double *a = calloc(count, sizeof(double)), *n = calloc(count, sizeof(double));
    assert_true(a && n);
    rnn_engine_gradcheck(s->engine, 1e-5, a, n);
    for (int id = 0; id < RNN_P_COUNT; id++)
        assert_true(rnn_gradcheck_worst(s->cfg.shape, (enum rnn_param_id)id, a, n, &at) < 1e-6);
    free(a);
    free(n);
    fixture_close(s);
}

/* The false alarm: a gradient of 1e-5 whose difference is off by
 * 8e-10 (relative 4e-5) while the loss is about 96 is rounding noise. */
static void rounding_noise_passes_and_a_real_error_fails(void **state)
{
    (void)state;
    double noise = rnn_gradcheck_noise(96.0, RNN_GRADCHECK_EPS);
    assert_near(noise, 8.0 * DBL_EPSILON * 96.0 / 1e-5, 1e-20);
    assert_true(rnn_gradcheck_entry_ok(1e-5, 1e-5 + 8e-10, RNN_GRADCHECK_TOLERANCE, noise));
    assert_false(rnn_gradcheck_entry_ok(1e-5, 1e-5 + 8e-10, RNN_GRADCHECK_TOLERANCE, 0.0));
    /* Far above the floor the relative tolerance alone decides. */
    assert_false(rnn_gradcheck_entry_ok(0.5, 0.5 * (1.0 + 1e-5), RNN_GRADCHECK_TOLERANCE, noise));
    assert_true(rnn_gradcheck_entry_ok(0.5, 0.5 * (1.0 + 1e-7), RNN_GRADCHECK_TOLERANCE, noise));
}

/* A nan in W is not forgotten because V and c after it are fine (the bug
 * was a later finite worst replacing an earlier nan). */
static void nan_anywhere_fails_the_verdict(void **state)
{
    (void)state;
    double a[21], n[21];
    fill(a, n, 21);
    size_t w = rnn_param_offset(shape, RNN_P_W);
    a[w + 2] = NAN;
    struct rnn_gradcheck_result r;
    rnn_gradcheck_judge(shape, a, n, 10.0, RNN_GRADCHECK_EPS, RNN_GRADCHECK_TOLERANCE, &r);
    assert_false(r.passed);
    assert_int_equal(r.nonfinite, 1);
    assert_int_equal(r.failed, 1);
    assert_int_equal(r.worst, RNN_P_W);
    assert_int_equal(r.param[RNN_P_W].at, 2);
    assert_int_equal(r.param[RNN_P_V].failed, 0);
    n[w + 2] = a[w + 2] = 1.0; /* all finite again: passes */
    rnn_gradcheck_judge(shape, a, n, 10.0, RNN_GRADCHECK_EPS, RNN_GRADCHECK_TOLERANCE, &r);
    assert_true(r.passed);
    /* An infinite loss leaves no noise floor: the check cannot pass. */
    rnn_gradcheck_judge(shape, a, n, INFINITY, RNN_GRADCHECK_EPS, RNN_GRADCHECK_TOLERANCE, &r);
    assert_false(r.passed);
    /* Nor when the noise floor swamps every gradient. */
    rnn_gradcheck_judge(shape, a, n, 1e30, RNN_GRADCHECK_EPS, RNN_GRADCHECK_TOLERANCE, &r);
    assert_false(r.resolved);
    assert_false(r.passed);
}

/* An English text of about 3 KB at hidden 16, T 25: the loss is about 100
 * and a few entries have gradients near 1e-5, where a relative tolerance
 * alone failed (worst 1.3e-5 for seed 1). */
static struct session *english(void)
{
    struct session *s = fixture_open("--text-file", RNNSTEP_SOURCE_DIR "/tests/data/english.txt",
                                     "--seq-length", "25", "--hidden", "16", "--seed", "1", NULL);
    assert_non_null(s);
    return s;
}

static bool check(struct session *s)
{
    size_t count = rnn_param_count(s->cfg.shape);
    double *a = calloc(count, sizeof(double)), *n = calloc(count, sizeof(double));
    assert_true(a && n);
    struct rnn_gradcheck_result r;
    bool ok = rnn_gradcheck_run(s->engine, a, n, &r);
    free(a);
    free(n);
    return ok;
}

static void english_text_passes(void **state)
{
    (void)state;
    struct session *s = english();
    assert_true(check(s));
    fixture_close(s);
}

/* Planted bugs: one in ten thousand too much in every dL/dW (a subtle
 * slip), and a sign error in dL/dc. */
static void scale_w(struct rnn_shape s, double *analytic)
{
    double *w = analytic + rnn_param_offset(s, RNN_P_W);
    for (int i = 0; i < s.hidden * s.hidden; i++)
        w[i] *= 1.0 + 1e-4;
}

static void flip_c(struct rnn_shape s, double *analytic)
{
    double *c = analytic + rnn_param_offset(s, RNN_P_C);
    for (int i = 0; i < s.vocab; i++)
        c[i] = -c[i];
}

static void planted_bugs_fail(void **state)
{
    (void)state;
    struct session *s = english();
    void (*bugs[])(struct rnn_shape, double *) = {scale_w, flip_c};
    for (size_t i = 0; i < sizeof bugs / sizeof *bugs; i++) {
        rnn_gradcheck_bug_hook = bugs[i];
        bool ok = check(s);
        rnn_gradcheck_bug_hook = NULL;
        assert_false(ok);
    }
    fixture_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worst_entry_is_found_inside_its_parameter),
        cmocka_unit_test(nan_counts_as_worst),
        cmocka_unit_test(engine_gradients_pass),
        cmocka_unit_test(rounding_noise_passes_and_a_real_error_fails),
        cmocka_unit_test(nan_anywhere_fails_the_verdict),
        cmocka_unit_test(english_text_passes),
        cmocka_unit_test(planted_bugs_fail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
