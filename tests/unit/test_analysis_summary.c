/* Parameter summaries (norm, min, max, full scale) against the worked
 * example's initial parameters, worked out by hand, and non-finite entries. */
#include "rnnstep/analysis.h"
#include "test_analysis_fixture.h"

/* U = [0.1442 -0.2315 -0.6690 1.1585] (section 4 of the worked example):
 * squares 0.02079364 + 0.05359225 + 0.447561 + 1.34212225 = 1.86406914. */
static void worked_example_u(void **state)
{
    (void)state;
    double theta[4 + 1 + 1 + 4 + 4];
    struct rnn_shape shape = {1, 4};
    assert_int_equal(rnn_param_count(shape), sizeof theta / sizeof theta[0]);
    rnn_init_hello(theta);
    struct rnn_param_summary s;
    rnn_param_summarise(shape, RNN_P_U, theta, &s);
    assert_near(s.norm, sqrt(1.86406914), 1e-12);
    assert_near(s.min, -0.6690, 1e-12);
    assert_near(s.max, 1.1585, 1e-12);
    assert_near(s.max_abs, 1.1585, 1e-12);
    assert_int_equal(s.count, 4);
    assert_int_equal(s.nonfinite, 0);
    rnn_param_summarise(shape, RNN_P_V, theta, &s);
    assert_near(s.min, -0.3053, 1e-12);
    assert_near(s.max, 0.4905, 1e-12);
    assert_near(s.max_abs, 0.4905, 1e-12);
    rnn_param_summarise(shape, RNN_P_C, theta, &s); /* all zero */
    assert_true(s.norm == 0.0 && s.min == 0.0 && s.max == 0.0 && s.max_abs == 0.0);
}

/* A 2 x 2 W with a nan and an inf: both counted, the rest summarised;
 * max_abs takes the larger magnitude even when it is the minimum. */
static void nonfinite_entries_are_counted_and_skipped(void **state)
{
    (void)state;
    struct rnn_shape shape = {2, 3};
    double theta[6 + 4 + 2 + 6 + 3] = {0};
    double *W = theta + rnn_param_offset(shape, RNN_P_W);
    W[0] = NAN;
    W[1] = -3.0;
    W[2] = INFINITY;
    W[3] = 2.0;
    struct rnn_param_summary s;
    rnn_param_summarise(shape, RNN_P_W, theta, &s);
    assert_int_equal(s.count, 4);
    assert_int_equal(s.nonfinite, 2);
    assert_near(s.norm, sqrt(13.0), 1e-15);
    assert_true(s.min == -3.0 && s.max == 2.0 && s.max_abs == 3.0);
    W[1] = W[3] = NAN;
    rnn_param_summarise(shape, RNN_P_W, theta, &s);
    assert_int_equal(s.nonfinite, 4);
    assert_true(s.norm == 0.0 && s.min == 0.0 && s.max == 0.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_example_u),
        cmocka_unit_test(nonfinite_entries_are_counted_and_skipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
