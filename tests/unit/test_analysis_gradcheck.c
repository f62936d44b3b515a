/* Gradient-check summaries: the worst relative error per parameter. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worst_entry_is_found_inside_its_parameter),
        cmocka_unit_test(nan_counts_as_worst),
        cmocka_unit_test(engine_gradients_pass),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
