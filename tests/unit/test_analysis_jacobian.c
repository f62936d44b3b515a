/* The recurrent Jacobian gauge: the spectral norm of W against hand-computed
 * singular values, and the per-step factors ||diag(1 - h_k^2) W||. */
#include "rnnstep/analysis.h"
#include "test_analysis_fixture.h"

static double norm2x2(double a, double b, double c, double d)
{
    const double W[4] = {a, b, c, d};
    double scratch[4];
    return rnn_spectral_norm(W, 2, scratch);
}

static void one_by_one_is_the_absolute_value(void **state)
{
    (void)state;
    const double W = -0.5870;
    double scratch[2];
    assert_true(rnn_spectral_norm(&W, 1, scratch) == 0.5870);
}

/* Largest singular values worked out by hand from the eigenvalues of W^T W. */
static void two_by_two_matches_hand_computed_values(void **state)
{
    (void)state;
    assert_near(norm2x2(3, 0, 0, 1), 3.0, 1e-12);
    assert_near(norm2x2(1, 0, 0, -3), 3.0, 1e-12);
    /* W^T W = [[1, 1], [1, 2]]: eigenvalues (3 +- sqrt 5) / 2, s1 = golden ratio */
    assert_near(norm2x2(1, 1, 0, 1), (1.0 + sqrt(5.0)) / 2.0, 1e-12);
    /* W^T W = [[10, 14], [14, 20]]: trace 30, det 4, s1^2 = 15 + sqrt 221 */
    assert_near(norm2x2(1, 2, 3, 4), sqrt(15.0 + sqrt(221.0)), 1e-12);
    /* rank 1, top right singular vector (1, -1): orthogonal to (1, 1) */
    assert_near(norm2x2(1, -1, 1, -1), 2.0, 1e-12);
    /* 2 x a rotation: both singular values 2 */
    assert_near(norm2x2(0, -2, 2, 0), 2.0, 1e-12);
    assert_true(norm2x2(0, 0, 0, 0) == 0.0);
}

/* For any matrix: every column norm <= s1 <= the Frobenius norm. */
static void random_matrix_respects_norm_bounds(void **state)
{
    (void)state;
    enum { N = 8 };
    double W[N * N], scratch[2 * N], frob = 0.0;
    struct rnn_rng rng;
    rnn_rng_seed(&rng, 42);
    for (int i = 0; i < N * N; i++) {
        W[i] = 2.0 * rnn_rng_uniform(&rng) - 1.0;
        frob += W[i] * W[i];
    }
    double s1 = rnn_spectral_norm(W, N, scratch);
    assert_true(s1 <= sqrt(frob));
    for (int j = 0; j < N; j++) {
        double col = 0.0;
        for (int i = 0; i < N; i++)
            col += W[i * N + j] * W[i * N + j];
        assert_true(sqrt(col) <= s1 * (1.0 + 1e-12));
    }
    double again[2 * N];
    assert_true(rnn_spectral_norm(W, N, again) == s1);
}

/* Section 5 of the worked example: W = -0.5870 and h_1..h_4; the product
 * runs over k = 2..4, a bound on ||dh_4/dh_1||. */
static void worked_example_product_matches_document(void **state)
{
    (void)state;
    static const double h[4] = {0.1432, -0.3055, -0.4540, -0.3821};
    struct session *s = fixture_open(NULL);
    assert_non_null(s);
    fixture_step_to(s, 4);
    struct rnn_view v = fixture_view(s);
    double steps[4], scratch[3];
    double want = 1.0;
    for (int k = 2; k <= 4; k++)
        want *= 0.5870 * (1.0 - h[k - 1] * h[k - 1]);
    assert_near(rnn_jacobian_product(&v, steps, scratch), want, 1e-4);
    for (int k = 1; k <= 4; k++) {
        double hk = v.h[k];
        assert_true(steps[k - 1] == fabs(v.theta.W[0]) * (1.0 - hk * hk));
    }
    fixture_close(s);
}

/* Each factor equals the spectral norm of the explicitly formed matrix. */
static void step_norms_are_norms_of_gated_w(void **state)
{
    (void)state;
    struct session *s = fixture_open("--text", "hello world", "--hidden", "4", NULL);
    assert_non_null(s);
    struct rnn_view v = fixture_after_forward(s);
    enum { H = 4 };
    double steps[16], scratch[3 * H], product = 1.0;
    double got = rnn_jacobian_product(&v, steps, scratch);
    for (int k = 1; k <= v.T; k++) {
        double M[H * H], mscratch[2 * H];
        for (int i = 0; i < H; i++)
            for (int j = 0; j < H; j++)
                M[i * H + j] = (1.0 - v.h[k * H + i] * v.h[k * H + i]) * v.theta.W[i * H + j];
        assert_near(steps[k - 1], rnn_spectral_norm(M, H, mscratch), 1e-12);
        if (k >= 2)
            product *= steps[k - 1];
    }
    assert_true(got == product);
    fixture_close(s);
}

static void too_much_work_gives_nan(void **state)
{
    (void)state;
    struct session *s = fixture_open("--text", "abc", "--hidden", "1024", NULL);
    assert_non_null(s);
    fixture_step_to(s, 2);
    struct rnn_view v = fixture_view(s);
    static double scratch[3 * 1024];
    assert_true(isnan(rnn_jacobian_product(&v, NULL, scratch)));
    fixture_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_by_one_is_the_absolute_value),
        cmocka_unit_test(two_by_two_matches_hand_computed_values),
        cmocka_unit_test(random_matrix_respects_norm_bounds),
        cmocka_unit_test(worked_example_product_matches_document),
        cmocka_unit_test(step_norms_are_norms_of_gated_w),
        cmocka_unit_test(too_much_work_gives_nan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
