/* The worked example (docs/worked-example.md) reproduced through
 * the engine's public stepping API: every number printed in sections 5, 6 and
 * 6.7, typed in from the document, within 2e-4 (the document rounds to four
 * decimals and sometimes rounds intermediates). Where a value can be derived
 * independently in double precision it is also checked to ~1e-15. */
#include "support.h"

#define DOC_TOL 2e-4
#define NV 4 /* vocabulary size: h, e, l, o */
#define NT 4 /* timesteps: inputs h e l l, targets e l l o */

static const int targets[NT] = {1, 2, 2, 3};

/* Section 4: the initial parameters. */
static const double U0[NV] = {0.1442, -0.2315, -0.6690, 1.1585};
static const double W0 = -0.5870;
static const double V0[NV] = {-0.2246, -0.3053, 0.4905, 0.2768};

/* Section 5.1-5.4: h_t, Omega_t, yhat_t and L_t. */
static const double doc_h[NT] = {0.1432, -0.3055, -0.4540, -0.3821};
static const double doc_omega[NT][NV] = {
    {-0.0322, -0.0437, 0.0703, 0.0396},
    {0.0686, 0.0933, -0.1498, -0.0845},
    {0.1019, 0.1386, -0.2227, -0.1256},
    {0.0858, 0.1166, -0.1874, -0.1058},
};
static const double doc_yhat[NT][NV] = {
    {0.2398, 0.2370, 0.2656, 0.2576},
    {0.2712, 0.2780, 0.2180, 0.2327},
    {0.2812, 0.2917, 0.2032, 0.2239},
    {0.2764, 0.2851, 0.2103, 0.2282},
};
static const double doc_loss[NT] = {1.4397, 1.5232, 1.5934, 1.4775};
static const double doc_total = 6.0338; /* end of section 5 */

/* Section 6.1: yhat_t - y_t. */
static const double doc_dy[NT][NV] = {
    {0.2398, -0.7630, 0.2656, 0.2576},
    {0.2712, 0.2780, -0.7820, 0.2327},
    {0.2812, 0.2917, -0.7968, 0.2239},
    {0.2764, 0.2851, 0.2103, -0.7718},
};

/* Sections 6.2-6.6: gradients and the parameters after one update. */
static const double doc_dV[NV] = {-0.2818, -0.4356, 0.5583, 0.1591};
static const double doc_dc[NV] = {1.0686, 0.0917, -1.1028, -0.0575};
static const double doc_dW = 0.1466;
static const double doc_dU[NV] = {0.5300, -0.2733, -0.5002, 0};
static const double doc_db = -0.2436;
static const double doc_V_new[NV] = {-0.1964, -0.2617, 0.4347, 0.2609};
static const double doc_c_new[NV] = {-0.1069, -0.0092, 0.1103, 0.0058};
static const double doc_W_new = -0.6016;
static const double doc_U_new[NV] = {0.0912, -0.2041, -0.6190, 1.1585};
static const double doc_b_new = 0.0244;

/* Section 6.7: yhat_t and L_t with the parameters after one update. */
static const double doc_yhat_e1[NT][NV] = {
    {0.2169, 0.2374, 0.2898, 0.2559},
    {0.2389, 0.2676, 0.2544, 0.2391},
    {0.2494, 0.2826, 0.2377, 0.2303},
    {0.2440, 0.2749, 0.2463, 0.2349},
};
static const double doc_loss_e1[NT] = {1.4381, 1.3687, 1.4368, 1.4486};
static const double doc_total_e1 = 5.6922;
static const double doc_total_e100 = 2.0603; /* "in Epoch #100 Total Loss Will be 2.0603" */

static int setup(void **state)
{
    struct support_model *m = malloc(sizeof *m);
    support_open_hello(m);
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    support_close(*state);
    free(*state);
    return 0;
}

static void check_vector(const double *actual, const double *doc, int n, const char *what)
{
    for (int i = 0; i < n; i++)
        support_near(actual[i], doc[i], DOC_TOL, "%s[%d]", what, i);
}

static void step_forward_to(struct support_model *m, int t)
{
    rnn_engine_step(m->engine);
    struct rnn_view v = support_view(m);
    assert_int_equal(v.last_phase, RNN_PHASE_FORWARD);
    assert_int_equal(v.last_t, t);
    assert_int_equal(v.forward_done, t);
}

static void test_vocabulary_and_window(void **state)
{
    struct support_model *m = *state;
    const uint32_t helo[NV] = {'h', 'e', 'l', 'o'};
    assert_int_equal(m->vocab.size, NV);
    assert_memory_equal(m->vocab.chars, helo, sizeof helo);
    struct rnn_view v = support_view(m);
    assert_int_equal(v.T, NT);
    const uint8_t inputs[NT] = {0, 1, 2, 2};
    assert_memory_equal(v.inputs, inputs, NT);
    for (int t = 0; t < NT; t++)
        assert_int_equal(v.targets[t], targets[t]);
}

static void test_forward_pass_section_5(void **state)
{
    struct support_model *m = *state;
    char what[32];
    for (int t = 1; t <= NT; t++) {
        step_forward_to(m, t);
        struct rnn_view v = support_view(m);
        support_near(v.h[t], doc_h[t - 1], DOC_TOL, "h_%d", t);
        snprintf(what, sizeof what, "Omega_%d", t);
        check_vector(v.o + (t - 1) * NV, doc_omega[t - 1], NV, what);
        snprintf(what, sizeof what, "yhat_%d", t);
        check_vector(v.y + (t - 1) * NV, doc_yhat[t - 1], NV, what);
        support_near(v.loss[t - 1], doc_loss[t - 1], DOC_TOL, "L_%d", t);
    }
    support_near(support_view(m).loss_sum, doc_total, DOC_TOL, "sum of L_t");
}

/* h_1 = tanh(U[:,h]) and everything after it in step 1 follow from section 4
 * alone, so they can be derived here in double precision and checked tightly. */
static void test_step_1_exact(void **state)
{
    struct support_model *m = *state;
    step_forward_to(m, 1);
    struct rnn_view v = support_view(m);
    double h1 = tanh(U0[0]);
    assert_true(v.h[0] == 0.0);
    assert_true(v.z[0] == U0[0]);
    support_near(v.h[1], h1, 1e-15, "h_1");
    double omega[NV], total = 0.0;
    for (int k = 0; k < NV; k++) {
        omega[k] = V0[k] * h1;
        support_near(v.o[k], omega[k], 1e-16, "Omega_1[%d]", k);
        total += exp(omega[k]);
    }
    for (int k = 0; k < NV; k++)
        support_near(v.y[k], exp(omega[k]) / total, 1e-15, "yhat_1[%d]", k);
    support_near(v.loss[0], log(total) - omega[targets[0]], 1e-14, "L_1");
    assert_int_equal(v.pred[0], 2); /* "our model predicts it as 'l'" */

    step_forward_to(m, 2);
    v = support_view(m);
    support_near(v.h[2], tanh(U0[1] + W0 * h1), 1e-15, "h_2");
}

static void test_backward_section_6(void **state)
{
    struct support_model *m = *state;
    rnn_engine_run_to_update(m->engine);
    struct rnn_view v = support_view(m);
    assert_int_equal(v.next_phase, RNN_PHASE_UPDATE);
    assert_int_equal(v.backward_low, 1);
    char what[32];
    for (int t = 1; t <= NT; t++) {
        snprintf(what, sizeof what, "yhat_%d - y_%d", t, t);
        check_vector(v.dy + (t - 1) * NV, doc_dy[t - 1], NV, what);
    }
    check_vector(v.grad.V, doc_dV, NV, "dL/dV");
    check_vector(v.grad.c, doc_dc, NV, "dL/dc");
    support_near(v.grad.W[0], doc_dW, DOC_TOL, "dL/dW");
    check_vector(v.grad.U, doc_dU, NV, "dL/dU");
    support_near(v.grad.b[0], doc_db, DOC_TOL, "dL/db");
    assert_true(v.grad.U[3] == 0.0); /* 'o' is never an input */
}

/* dL/dc = sum_t (yhat_t - y_t) and dL/dV = sum_t (yhat_t - y_t) h_t follow
 * exactly from the forward values, whatever order the engine sums in. */
static void test_output_gradients_exact(void **state)
{
    struct support_model *m = *state;
    rnn_engine_run_to_update(m->engine);
    struct rnn_view v = support_view(m);
    for (int k = 0; k < NV; k++) {
        double dc = 0.0, dV = 0.0;
        for (int t = 1; t <= NT; t++) {
            double d = v.y[(t - 1) * NV + k] - (k == targets[t - 1]);
            dc += d;
            dV += d * v.h[t];
        }
        support_near(v.grad.c[k], dc, 1e-15, "dL/dc[%d]", k);
        support_near(v.grad.V[k], dV, 1e-15, "dL/dV[%d]", k);
    }
}

static void test_update_section_6(void **state)
{
    struct support_model *m = *state;
    rnn_engine_finish_iteration(m->engine);
    struct rnn_view v = support_view(m);
    assert_int_equal(v.last_phase, RNN_PHASE_UPDATE);
    assert_int_equal(v.iteration, 1);
    check_vector(v.theta.V, doc_V_new, NV, "V_new");
    check_vector(v.theta.c, doc_c_new, NV, "c_new");
    support_near(v.theta.W[0], doc_W_new, DOC_TOL, "W_new");
    check_vector(v.theta.U, doc_U_new, NV, "U_new");
    support_near(v.theta.b[0], doc_b_new, DOC_TOL, "b_new");
    /* SGD: before - 0.1 * gradient, exactly as the engine multiplies. */
    for (size_t i = 0; i < rnn_param_count(v.shape); i++)
        assert_true(v.theta.U[i] == v.before.U[i] - 0.1 * v.applied.U[i]);
    assert_memory_equal(v.before.U, m->theta0, rnn_param_count(v.shape) * sizeof(double));
}

static void test_epoch_1_section_6_7(void **state)
{
    struct support_model *m = *state;
    rnn_engine_finish_iteration(m->engine);
    rnn_engine_run_to_update(m->engine);
    struct rnn_view v = support_view(m);
    char what[32];
    for (int t = 1; t <= NT; t++) {
        snprintf(what, sizeof what, "epoch 1 yhat_%d", t);
        check_vector(v.y + (t - 1) * NV, doc_yhat_e1[t - 1], NV, what);
        support_near(v.loss[t - 1], doc_loss_e1[t - 1], DOC_TOL, "epoch 1 L_%d", t);
    }
    support_near(v.loss_sum, doc_total_e1, DOC_TOL, "epoch 1 total");
}

static void test_epoch_100_total(void **state)
{
    struct support_model *m = *state;
    assert_int_equal(rnn_engine_run(m->engine, 100, 0, NULL), 100);
    rnn_engine_run_to_update(m->engine);
    struct rnn_view v = support_view(m);
    assert_int_equal(v.iteration, 100);
    support_near(v.loss_sum, doc_total_e100, DOC_TOL, "epoch 100 total");

    size_t len;
    uint64_t stride;
    const struct rnn_loss_entry *log = rnn_engine_loss_log(m->engine, &len, &stride);
    assert_int_equal(len, 100);
    assert_int_equal(stride, 1);
    support_near(log[0].loss, doc_total, DOC_TOL, "loss log epoch 0");
    support_near(log[1].loss, doc_total_e1, DOC_TOL, "loss log epoch 1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_vocabulary_and_window, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forward_pass_section_5, setup, teardown),
        cmocka_unit_test_setup_teardown(test_step_1_exact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backward_section_6, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_gradients_exact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_section_6, setup, teardown),
        cmocka_unit_test_setup_teardown(test_epoch_1_section_6_7, setup, teardown),
        cmocka_unit_test_setup_teardown(test_epoch_100_total, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
