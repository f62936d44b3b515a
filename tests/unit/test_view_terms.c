/* The parts of the sums the screen shows, against the worked example by
 * hand (docs/worked-example.md): the two parts of dL/dh_t, the recurrent
 * term of z_t, which entries clipping changed, and the optimiser state
 * before and after an update. */
#include "rnnstep/analysis.h"
#include "test_analysis_fixture.h"

#define HAND 1e-6 /* the hand values carry six decimals */

static void dh_parts_add_up_from_the_output_and_the_future(void **state)
{
    (void)state;
    struct session *s = fixture_open(NULL);
    assert_non_null(s);
    double out, future;
    struct rnn_view v = fixture_after_forward(s);
    assert_false(rnn_dh_parts(&v, 4, &out, &future)); /* BPTT has not reached t = 4 */
    rnn_engine_step(s->engine);
    v = fixture_view(s);
    assert_true(rnn_dh_parts(&v, 4, &out, &future));
    assert_near(out, -0.259579, HAND); /* V^T (yhat_4 - y_4) */
    assert_true(future == 0.0);        /* t = T: nothing from the future */
    rnn_engine_step(s->engine);
    v = fixture_view(s);
    assert_true(rnn_dh_parts(&v, 3, &out, &future));
    assert_near(out, -0.481027, HAND);
    assert_near(future, 0.130126, HAND); /* W dr_4 = -0.5870 x -0.221679 */
    assert_near(out + future, v.dh[2], 1e-15);
    fixture_step_to(s, 8); /* backward done */
    v = fixture_view(s);
    assert_true(rnn_dh_parts(&v, 1, &out, &future));
    assert_near(out, 0.380683, HAND);
    assert_near(future, 0.160418, HAND);
    assert_near(out + future, 0.541102, HAND);
    rnn_engine_step(s->engine); /* the update: still the window's parts */
    v = fixture_view(s);
    assert_true(rnn_dh_parts(&v, 2, &out, &future));
    assert_near(out, -0.464945, HAND);
    assert_near(future, 0.163531, HAND);
    fixture_close(s);
}

/* Under the BPTT lab the parts are what the step computed: the sign bug's
 * V^T (y_t - yhat_t), no-carry's empty future, and truncation's future of
 * the paths within K steps only (K = 2: at h_2 only L_3's one-step path,
 * W (1 - h_3^2) V^T(yhat_3 - y_3), not L_4's). */
static void dh_parts_follow_the_lab(void **state)
{
    (void)state;
    double out, future, out3, future3;
    struct session *s = fixture_open("--inject-bug", "sign", NULL);
    assert_non_null(s);
    fixture_step_to(s, 5);
    struct rnn_view v = fixture_view(s);
    assert_true(rnn_dh_parts(&v, 4, &out, &future));
    assert_near(out, 0.259579, HAND);
    fixture_close(s);

    s = fixture_open("--inject-bug", "no-carry", NULL);
    assert_non_null(s);
    fixture_step_to(s, 6);
    v = fixture_view(s);
    assert_true(rnn_dh_parts(&v, 3, &out, &future));
    assert_near(out, -0.481027, HAND);
    assert_true(future == 0.0);
    fixture_close(s);

    s = fixture_open("--truncate", "2", NULL);
    assert_non_null(s);
    fixture_step_to(s, 7);
    v = fixture_view(s);
    assert_true(rnn_dh_parts(&v, 3, &out3, &future3));
    assert_near(future3, 0.130126, HAND); /* L_4's one step: as full BPTT */
    assert_true(rnn_dh_parts(&v, 2, &out, &future));
    double h3 = v.h[3], w = v.theta.W[0];
    assert_near(future, w * (1 - h3 * h3) * out3, 1e-12);
    assert_near(out + future, v.dh[1], 1e-15);
    fixture_close(s);
}

static void recurrent_term_is_w_times_the_previous_state(void **state)
{
    (void)state;
    struct session *s = fixture_open(NULL);
    assert_non_null(s);
    double wh;
    fixture_step_to(s, 2);
    struct rnn_view v = fixture_view(s);
    assert_true(rnn_recurrent_term(&v, 1, &wh));
    assert_true(wh == 0.0); /* h_0 = 0 */
    assert_true(rnn_recurrent_term(&v, 2, &wh));
    assert_near(wh, -0.5870 * 0.143209, HAND);
    assert_false(rnn_recurrent_term(&v, 3, &wh));
    fixture_close(s);
}

/* --clip 0.5: the first update clips dU[h] 0.5300, dU[l] -0.5003, dV[l]
 * 0.5583, dc[h] 1.0686 and dc[l] -1.1028, and nothing else. */
static void clipped_entries_are_the_ones_past_the_limit(void **state)
{
    (void)state;
    struct session *s = fixture_open("--clip", "0.5", NULL);
    assert_non_null(s);
    rnn_engine_finish_iteration(s->engine);
    struct rnn_view v = fixture_view(s);
    struct rnn_shape sh = v.shape;
    size_t U = rnn_param_offset(sh, RNN_P_U), V = rnn_param_offset(sh, RNN_P_V);
    size_t c = rnn_param_offset(sh, RNN_P_C), P = rnn_param_count(sh);
    size_t want[] = {U + 0, U + 2, V + 2, c + 0, c + 2}, found = 0;
    for (size_t i = 0; i < P; i++) {
        if (!rnn_entry_clipped(&v, i))
            continue;
        assert_true(found < 5 && i == want[found]);
        found++;
    }
    assert_int_equal(found, 5);
    assert_near(v.applied.c[0], 0.5, 0.0);
    assert_near(v.grad.c[0], 1.068586, HAND);
    fixture_close(s);
}

/* --clip-norm 1 beside --clip 0.5: the first gradient (norm 1.9138) is
 * scaled by 0.5225 first, then only dc[h] (0.558) and dc[l] (-0.576) are
 * still past 0.5: only they count as clipped, not every scaled entry. */
static void norm_scaling_is_not_element_clipping(void **state)
{
    (void)state;
    struct session *s = fixture_open("--clip", "0.5", "--clip-norm", "1", NULL);
    assert_non_null(s);
    rnn_engine_finish_iteration(s->engine);
    struct rnn_view v = fixture_view(s);
    assert_near(v.clip_scale, 1.0 / 1.913769, HAND);
    size_t c = rnn_param_offset(v.shape, RNN_P_C), P = rnn_param_count(v.shape), found = 0;
    for (size_t i = 0; i < P; i++)
        if (rnn_entry_clipped(&v, i)) {
            assert_true(i == c + 0 || i == c + 2);
            found++;
        }
    assert_int_equal(found, 2);
    fixture_close(s);
}

/* Momentum: v = 0.9 v - 0.1 g, so after one update v = -0.1 g and the
 * state before it is 0; after the second the state before is the first v. */
static void momentum_state_before_and_after(void **state)
{
    (void)state;
    struct session *s = fixture_open("--optimizer", "momentum", NULL);
    assert_non_null(s);
    struct rnn_view v = fixture_view(s);
    assert_non_null(v.opt_state.U);
    assert_null(v.opt_state2.U);
    rnn_engine_finish_iteration(s->engine);
    v = fixture_view(s);
    assert_true(v.opt_before.W[0] == 0.0);
    assert_near(v.opt_state.W[0], -0.1 * 0.146602, HAND);
    assert_near(v.theta.W[0], -0.5870 - 0.1 * 0.146602, HAND);
    double first = v.opt_state.W[0];
    rnn_engine_finish_iteration(s->engine);
    v = fixture_view(s);
    assert_true(v.opt_before.W[0] == first);
    assert_near(v.opt_state.W[0], 0.9 * first - 0.1 * v.applied.W[0], 1e-15);
    assert_int_equal(v.opt_steps, 2);
    fixture_close(s);
}

/* Adagrad accumulates g^2; Adam keeps m = 0.1 g, v = 0.001 g^2 after one
 * step with bias corrections 0.1 and 0.001. */
static void adagrad_and_adam_state(void **state)
{
    (void)state;
    struct session *s = fixture_open("--optimizer", "adagrad", NULL);
    assert_non_null(s);
    rnn_engine_finish_iteration(s->engine);
    struct rnn_view v = fixture_view(s);
    assert_near(v.opt_state.b[0], 0.243547 * 0.243547, HAND);
    assert_true(v.opt_before.b[0] == 0.0);
    fixture_close(s);

    s = fixture_open("--optimizer", "adam", NULL);
    assert_non_null(s);
    rnn_engine_finish_iteration(s->engine);
    v = fixture_view(s);
    assert_near(v.opt_state.W[0], 0.1 * 0.146602, HAND);
    assert_near(v.opt_state2.W[0], 0.001 * 0.146602 * 0.146602, HAND);
    assert_near(v.adam_c1, 0.1, 1e-15);
    assert_near(v.adam_c2, 0.001, 1e-15);
    assert_true(v.opt_before.W[0] == 0.0 && v.opt_before2.W[0] == 0.0);
    fixture_close(s);

    s = fixture_open(NULL); /* SGD keeps no state */
    assert_non_null(s);
    v = fixture_view(s);
    assert_null(v.opt_state.U);
    assert_null(v.opt_before.U);
    fixture_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dh_parts_add_up_from_the_output_and_the_future),
        cmocka_unit_test(dh_parts_follow_the_lab),
        cmocka_unit_test(norm_scaling_is_not_element_clipping),
        cmocka_unit_test(recurrent_term_is_w_times_the_previous_state),
        cmocka_unit_test(clipped_entries_are_the_ones_past_the_limit),
        cmocka_unit_test(momentum_state_before_and_after),
        cmocka_unit_test(adagrad_and_adam_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
