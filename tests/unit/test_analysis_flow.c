/* Gradient flow through time: ||dL_t/dh_k|| per pair, the per-step totals
 * and the tanh gates, against the worked example and against BPTT itself. */
#include "engine/core.h" /* rnn_l2_norm: the engine's one order for norms */
#include "rnnstep/analysis.h"
#include "test_analysis_fixture.h"

/* Section 5 and 6.1 of the worked example (printed to 4 decimals). */
static const double doc_h[4] = {0.1432, -0.3055, -0.4540, -0.3821};
static const double doc_dy[4][4] = {{0.2398, -0.7630, 0.2656, 0.2576},
                                    {0.2712, 0.2780, -0.7820, 0.2327},
                                    {0.2812, 0.2917, -0.7968, 0.2239},
                                    {0.2764, 0.2851, 0.2103, -0.7718}};
static const double doc_V[4] = {-0.2246, -0.3053, 0.4905, 0.2768};
static const double doc_W = -0.5870;
#define DOC_TOL 1e-3 /* the document's 4-decimal rounding, carried through products */

struct flow_buf {
    struct rnn_flow f;
    double *block;
};

static void flow_open(struct flow_buf *b, const struct rnn_view *v)
{
    b->block = calloc(rnn_flow_doubles(v->shape, v->T), sizeof(double));
    assert_non_null(b->block);
    rnn_flow_bind(&b->f, v->shape, v->T, b->block);
}

static double reach(const struct rnn_flow *f, int t, int k)
{
    return f->reach[(size_t)(t - 1) * f->T + (k - 1)];
}

/* For hidden 1: ||dL_t/dh_k|| = |V . dy_t| * prod_{j=k+1..t} |W| (1 - h_j^2). */
static double doc_reach(int t, int k)
{
    double g = 0.0;
    for (int i = 0; i < 4; i++)
        g += doc_V[i] * doc_dy[t - 1][i];
    g = fabs(g);
    for (int j = k + 1; j <= t; j++)
        g *= fabs(doc_W) * (1.0 - doc_h[j - 1] * doc_h[j - 1]);
    return g;
}

static void worked_example_reach_matches_document(void **state)
{
    (void)state;
    struct session *s = fixture_open(NULL);
    assert_non_null(s);
    fixture_step_to(s, 4);
    struct rnn_view v = fixture_view(s);
    struct flow_buf b;
    flow_open(&b, &v);
    assert_int_equal(rnn_flow_compute(&v, &b.f), 4);
    for (int t = 1; t <= 4; t++)
        for (int k = 1; k <= 4; k++) {
            double want = k <= t ? doc_reach(t, k) : 0.0;
            assert_near(reach(&b.f, t, k), want, DOC_TOL);
        }
    for (int k = 1; k <= 4; k++) {
        assert_near(b.f.gate[k - 1], 1.0 - doc_h[k - 1] * doc_h[k - 1], DOC_TOL);
        assert_near(b.f.gate_mean[k - 1], b.f.gate[k - 1], 0.0);
    }
    free(b.block);
    fixture_close(s);
}

/* The total reaching h_k is what BPTT computes, bit for bit, at every point
 * of the backward pass (the flow map is complete before BPTT starts). */
static void totals_equal_bptt_as_it_steps_backwards(void **state)
{
    (void)state;
    struct session *s = fixture_open("--text", "hello world, hello rnn", "--hidden", "8", NULL);
    assert_non_null(s);
    rnn_engine_finish_iteration(s->engine);
    struct rnn_view v = fixture_after_forward(s);
    struct flow_buf b;
    flow_open(&b, &v);
    assert_int_equal(rnn_flow_compute(&v, &b.f), v.T);
    int H = v.shape.hidden;
    for (int low = v.T; low >= 1; low--) {
        rnn_engine_step(s->engine);
        v = fixture_view(s);
        assert_int_equal(v.backward_low, low);
        for (int k = low; k <= v.T; k++)
            assert_true(b.f.total[k - 1] == rnn_l2_norm(v.dh + (size_t)(k - 1) * H, (size_t)H));
    }
    free(b.block);
    fixture_close(s);
}

static double mean_at_lag(const struct rnn_flow *f, int lag)
{
    double sum = 0.0;
    for (int t = lag + 1; t <= f->T; t++)
        sum += reach(f, t, t - lag);
    return sum / (f->T - lag);
}

/* On "hello world, hello rnn" with hidden 8 (seed 1) a loss's reach into the
 * past must shrink with the distance: vanishing gradients. */
static void reach_vanishes_with_distance(void **state)
{
    (void)state;
    struct session *s = fixture_open("--text", "hello world, hello rnn", "--hidden", "8", NULL);
    assert_non_null(s);
    struct rnn_view v = fixture_after_forward(s);
    struct flow_buf b;
    flow_open(&b, &v);
    assert_int_equal(rnn_flow_compute(&v, &b.f), 21);
    for (int lag = 1; lag < v.T; lag++)
        assert_true(mean_at_lag(&b.f, lag) < mean_at_lag(&b.f, lag - 1));
    assert_true(mean_at_lag(&b.f, 10) < 1e-2 * mean_at_lag(&b.f, 0));
    assert_true(reach(&b.f, 21, 1) < 1e-4 * reach(&b.f, 21, 21));
    free(b.block);
    fixture_close(s);
}

/* Right after the update the activations belong to the old parameters, so
 * the map must not change when the update lands. */
static void update_does_not_change_the_map(void **state)
{
    (void)state;
    struct session *s = fixture_open("--text", "hello world", "--hidden", "3", NULL);
    assert_non_null(s);
    struct rnn_view v = fixture_view(s);
    fixture_step_to(s, 2 * v.T);
    v = fixture_view(s);
    struct flow_buf before, after;
    flow_open(&before, &v);
    flow_open(&after, &v);
    rnn_flow_compute(&v, &before.f);
    rnn_engine_step(s->engine);
    v = fixture_view(s);
    assert_int_equal(v.last_phase, RNN_PHASE_UPDATE);
    assert_int_equal(rnn_flow_compute(&v, &after.f), v.T);
    assert_memory_equal(before.block, after.block,
                        rnn_flow_doubles(v.shape, v.T) - 2 * (size_t)v.shape.hidden);
    free(before.block);
    free(after.block);
    fixture_close(s);
}

/* During the forward pass only the rows computed so far are filled. */
static void partial_forward_fills_rows_so_far(void **state)
{
    (void)state;
    struct session *s = fixture_open(NULL);
    assert_non_null(s);
    fixture_step_to(s, 2);
    struct rnn_view v = fixture_view(s);
    struct flow_buf b;
    flow_open(&b, &v);
    assert_int_equal(rnn_flow_compute(&v, &b.f), 2);
    assert_near(reach(&b.f, 2, 1), doc_reach(2, 1), DOC_TOL);
    for (int k = 1; k <= 4; k++) {
        assert_true(reach(&b.f, 3, k) == 0.0 && reach(&b.f, 4, k) == 0.0);
        assert_true(b.f.total[k - 1] == 0.0 || k <= 2);
    }
    assert_true(b.f.gate[2] == 0.0 && b.f.gate[3] == 0.0);
    free(b.block);
    fixture_close(s);
}

static void large_windows_are_refused(void **state)
{
    (void)state;
    assert_true(rnn_flow_fits((struct rnn_shape){1, 4}, RNN_FLOW_T_MAX));
    assert_false(rnn_flow_fits((struct rnn_shape){1, 4}, RNN_FLOW_T_MAX + 1));
    assert_true(rnn_flow_fits((struct rnn_shape){64, 4}, 100));
    assert_false(rnn_flow_fits((struct rnn_shape){1024, 4}, 16));

    char text[RNN_FLOW_T_MAX + 3];
    for (size_t i = 0; i < sizeof text - 1; i++)
        text[i] = "abc"[i % 3];
    text[sizeof text - 1] = '\0';
    struct session *s = fixture_open("--text", text, NULL);
    assert_non_null(s);
    struct rnn_view v = fixture_view(s);
    assert_int_equal(v.T, RNN_FLOW_T_MAX + 1);
    double block[8] = {0};
    struct rnn_flow f = {.T = v.T, .hidden = 1, .reach = block};
    assert_int_equal(rnn_flow_compute(&v, &f), -1);
    assert_true(block[0] == 0.0);
    fixture_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_example_reach_matches_document),
        cmocka_unit_test(totals_equal_bptt_as_it_steps_backwards),
        cmocka_unit_test(reach_vanishes_with_distance),
        cmocka_unit_test(update_does_not_change_the_map),
        cmocka_unit_test(partial_forward_fills_rows_so_far),
        cmocka_unit_test(large_windows_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
