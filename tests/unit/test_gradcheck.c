/* BPTT gradients against central finite differences, for several texts,
 * hidden sizes and seeds, in whole-text and corpus (carried hidden state)
 * configurations. The differences are computed here, independently of
 * rnn_engine_gradcheck, so a bug in the engine's own check is caught too. */
#include "support.h"

#define EPS 1e-5
#define TOLERANCE 1e-6

static const char *const texts[] = {"hello", "h\xc3\xa9llo w\xc3\xb6rld", "abcabcabd"};
static const int hiddens[] = {1, 3, 8};
static const uint64_t seeds[] = {1, 7, 12345};

/* Written here on purpose (not rnn_relative_error) so the engine's version
 * cannot hide its own bug. */
static double relative_error(double a, double n)
{
    return fabs(a - n) / fmax(fabs(a) + fabs(n), 1e-10);
}

static void check_gradients(const double *analytic, const double *numeric, size_t n,
                            const char *what)
{
    for (size_t i = 0; i < n; i++)
        if (!(relative_error(analytic[i], numeric[i]) <= TOLERANCE))
            fail_msg("%s: parameter %zu: BPTT %.17g, finite differences %.17g", what, i,
                     analytic[i], numeric[i]);
}

/* The model written out plainly (no fma, no transposed copies): the total
 * loss of T steps from h0 over ids[0..T]. */
static double reference_loss(struct rnn_shape s, const double *theta, const double *h0,
                             const uint8_t *ids, int T)
{
    int H = s.hidden, K = s.vocab;
    const double *U = theta + rnn_param_offset(s, RNN_P_U);
    const double *W = theta + rnn_param_offset(s, RNN_P_W);
    const double *b = theta + rnn_param_offset(s, RNN_P_B);
    const double *V = theta + rnn_param_offset(s, RNN_P_V);
    const double *c = theta + rnn_param_offset(s, RNN_P_C);
    double *h = malloc((size_t)H * sizeof(double)), *next = malloc((size_t)H * sizeof(double));
    double *o = malloc((size_t)K * sizeof(double));
    memcpy(h, h0, (size_t)H * sizeof(double));
    double total = 0.0;
    for (int t = 0; t < T; t++) {
        for (int i = 0; i < H; i++) {
            double a = U[i * K + ids[t]] + b[i];
            for (int j = 0; j < H; j++)
                a += W[i * H + j] * h[j];
            next[i] = tanh(a);
        }
        memcpy(h, next, (size_t)H * sizeof(double));
        double top = -INFINITY, sum = 0.0;
        for (int k = 0; k < K; k++) {
            o[k] = c[k];
            for (int j = 0; j < H; j++)
                o[k] += V[k * H + j] * h[j];
            top = fmax(top, o[k]);
        }
        for (int k = 0; k < K; k++)
            sum += exp(o[k] - top);
        total += log(sum) + top - o[ids[t + 1]];
    }
    free(h);
    free(next);
    free(o);
    return total;
}

/* Central differences of reference_loss around theta. */
static void reference_numeric(struct rnn_shape s, const double *theta, const double *h0,
                              const uint8_t *ids, int T, double *numeric)
{
    size_t P = rnn_param_count(s);
    double *p = malloc(P * sizeof(double));
    memcpy(p, theta, P * sizeof(double));
    for (size_t i = 0; i < P; i++) {
        p[i] = theta[i] + EPS;
        double plus = reference_loss(s, p, h0, ids, T);
        p[i] = theta[i] - EPS;
        double minus = reference_loss(s, p, h0, ids, T);
        p[i] = theta[i];
        numeric[i] = (plus - minus) / (2.0 * EPS);
    }
    free(p);
}

/* Central differences through the engine itself: reload perturbed
 * parameters and read the window's total loss after the forward pass. */
static double engine_loss_at(struct rnn_engine *e, const double *theta)
{
    struct rnn_view v;
    rnn_engine_load_params(e, theta);
    rnn_engine_run_to_update(e);
    rnn_engine_view(e, &v);
    return v.loss_sum;
}

static void engine_numeric(struct rnn_engine *e, const double *theta, size_t P, double *numeric)
{
    double *p = malloc(P * sizeof(double));
    memcpy(p, theta, P * sizeof(double));
    for (size_t i = 0; i < P; i++) {
        p[i] = theta[i] + EPS;
        double plus = engine_loss_at(e, p);
        p[i] = theta[i] - EPS;
        double minus = engine_loss_at(e, p);
        p[i] = theta[i];
        numeric[i] = (plus - minus) / (2.0 * EPS);
    }
    free(p);
}

/* BPTT, the engine's finite differences and the test's own, for one model. */
struct gradients {
    double *analytic, *numeric, *mine;
};

static struct gradients gradients_alloc(size_t P)
{
    struct gradients g = {malloc(P * sizeof(double)), malloc(P * sizeof(double)),
                          malloc(P * sizeof(double))};
    assert_true(g.analytic && g.numeric && g.mine);
    return g;
}

static void gradients_free(struct gradients *g)
{
    free(g->analytic);
    free(g->numeric);
    free(g->mine);
}

/* Whole-text mode at the initial parameters: the engine's BPTT (read after
 * stepping), its gradcheck, and two independent finite differences agree. */
static void check_whole_text(const char *text, int hidden, uint64_t seed)
{
    struct support_model m;
    support_open(&m, &(struct support_spec){.text = text, .hidden = hidden, .seed = seed});
    size_t P = rnn_param_count(m.cfg.shape);
    struct gradients g = gradients_alloc(P);
    char what[96];
    snprintf(what, sizeof what, "text \"%s\", hidden %d, seed %llu", text, hidden,
             (unsigned long long)seed);

    rnn_engine_gradcheck(m.engine, EPS, g.analytic, g.numeric);
    check_gradients(g.analytic, g.numeric, P, what);

    rnn_engine_run_to_update(m.engine);
    struct rnn_view v = support_view(&m);
    assert_memory_equal(v.grad.U, g.analytic, P * sizeof(double));
    double h0[RNN_HIDDEN_MAX] = {0};
    support_near(reference_loss(m.cfg.shape, m.theta0, h0, m.text.ids, v.T), v.loss_sum, 1e-12,
                 "%s: reference loss", what);
    reference_numeric(m.cfg.shape, m.theta0, h0, m.text.ids, v.T, g.mine);
    check_gradients(g.analytic, g.mine, P, what);
    engine_numeric(m.engine, m.theta0, P, g.mine);
    check_gradients(g.analytic, g.mine, P, what);

    gradients_free(&g);
    support_close(&m);
}

static void test_whole_text_all_configurations(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        for (size_t j = 0; j < sizeof hiddens / sizeof *hiddens; j++)
            for (size_t k = 0; k < sizeof seeds / sizeof *seeds; k++)
                check_whole_text(texts[i], hiddens[j], seeds[k]);
}

/* The worked example's own parameters, as `rnnstep --gradcheck` checks them. */
static void test_worked_example(void **state)
{
    (void)state;
    struct support_model m;
    support_open_hello(&m);
    double analytic[14], numeric[14], mine[14], h0[1] = {0};
    rnn_engine_gradcheck(m.engine, EPS, analytic, numeric);
    check_gradients(analytic, numeric, 14, "worked example");
    reference_numeric(m.cfg.shape, m.theta0, h0, m.text.ids, 4, mine);
    check_gradients(analytic, mine, 14, "worked example");
    assert_true(analytic[3] == 0.0 && numeric[3] == 0.0); /* U[0][o]: 'o' is never an input */
    support_close(&m);
}

/* After some training and in the middle of an iteration the check still
 * uses the current window and parameters, and leaves the engine unchanged. */
static void test_trained_and_mid_iteration(void **state)
{
    (void)state;
    struct support_model m;
    support_open(&m, &(struct support_spec){.text = "abcabcabd", .hidden = 3, .seed = 5});
    size_t P = rnn_param_count(m.cfg.shape);
    double analytic[64], numeric[64], mine[64], h0[3] = {0};
    assert_true(P <= 64);
    rnn_engine_run(m.engine, 20, 0, NULL);
    for (int i = 0; i < 5; i++)
        rnn_engine_step(m.engine);
    struct rnn_view v = support_view(&m);
    uint64_t tick = v.tick;
    double loss_sum = v.loss_sum;
    rnn_engine_gradcheck(m.engine, EPS, analytic, numeric);
    check_gradients(analytic, numeric, P, "after 20 iterations");
    reference_numeric(m.cfg.shape, v.theta.U, h0, m.text.ids, v.T, mine);
    check_gradients(analytic, mine, P, "after 20 iterations");

    v = support_view(&m);
    assert_int_equal(v.tick, tick);
    assert_true(v.loss_sum == loss_sum);
    rnn_engine_run_to_update(m.engine);
    v = support_view(&m);
    assert_memory_equal(v.grad.U, analytic, P * sizeof(double));
    support_close(&m);
}

/* Right after an update the check is of the gradient it applied (its window
 * at the parameters before it), the one the view still shows, in whole-text
 * and corpus mode; one micro-step later it is of the next window. */
static void check_after_update(int seq_len)
{
    struct support_model m;
    support_open(&m,
                 &(struct support_spec){
                     .text = "the cat sat on the mat", .hidden = 3, .seed = 7, .seq_len = seq_len});
    size_t P = rnn_param_count(m.cfg.shape);
    struct gradients g = gradients_alloc(P);
    rnn_engine_run(m.engine, 3, 0, NULL);
    struct rnn_view v = support_view(&m);
    rnn_engine_gradcheck(m.engine, EPS, g.analytic, g.numeric);
    check_gradients(g.analytic, g.numeric, P, "right after an update");
    for (size_t i = 0; i < P; i++)
        support_near(g.analytic[i], v.grad.U[i], 1e-12, "the update's gradient [%zu]", i);

    rnn_engine_step(m.engine);
    rnn_engine_gradcheck(m.engine, EPS, g.analytic, g.numeric);
    rnn_engine_run_to_update(m.engine);
    v = support_view(&m);
    assert_memory_equal(v.grad.U, g.analytic, P * sizeof(double));
    gradients_free(&g);
    support_close(&m);
}

static void test_after_update(void **state)
{
    (void)state;
    check_after_update(0);
    check_after_update(5);
}

/* Corpus mode: the second window starts from the hidden state carried from
 * the first, which truncated BPTT treats as a constant input. */
static void check_second_window(int hidden, uint64_t seed)
{
    const char *text = "the cat sat on the mat; the rat ate the cat's hat.";
    struct support_model m;
    support_open(
        &m, &(struct support_spec){.text = text, .hidden = hidden, .seed = seed, .seq_len = 7});
    size_t P = rnn_param_count(m.cfg.shape);
    struct gradients g = gradients_alloc(P);
    char what[64];
    snprintf(what, sizeof what, "second window, hidden %d, seed %llu", hidden,
             (unsigned long long)seed);

    rnn_engine_finish_iteration(m.engine);
    rnn_engine_step(m.engine); /* right after the update the check would be of its gradient */
    rnn_engine_gradcheck(m.engine, EPS, g.analytic, g.numeric);
    check_gradients(g.analytic, g.numeric, P, what);

    rnn_engine_run_to_update(m.engine);
    struct rnn_view v = support_view(&m);
    assert_int_equal(v.position, 7);
    double carried = 0.0;
    for (int i = 0; i < hidden; i++)
        carried += fabs(v.h[i]);
    assert_true(carried > 0.0);
    assert_memory_equal(v.grad.U, g.analytic, P * sizeof(double));
    reference_numeric(m.cfg.shape, v.theta.U, v.h, m.text.ids + v.position, v.T, g.mine);
    check_gradients(g.analytic, g.mine, P, what);

    gradients_free(&g);
    support_close(&m);
}

static void test_corpus_second_window(void **state)
{
    (void)state;
    for (size_t j = 0; j < sizeof hiddens / sizeof *hiddens; j++)
        for (size_t k = 0; k < sizeof seeds / sizeof *seeds; k++)
            check_second_window(hiddens[j], seeds[k]);
}

static void test_relative_error_formula(void **state)
{
    (void)state;
    assert_true(rnn_relative_error(1.0, 1.0) == 0.0);
    assert_true(rnn_relative_error(1.0, 3.0) == 0.5);
    assert_true(rnn_relative_error(-1.0, 1.0) == 1.0);
    assert_true(rnn_relative_error(0.0, 0.0) == 0.0);
    assert_true(rnn_relative_error(1e-12, 0.0) == 1e-12 / 1e-10); /* floor on the denominator */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example),
        cmocka_unit_test(test_whole_text_all_configurations),
        cmocka_unit_test(test_trained_and_mid_iteration),
        cmocka_unit_test(test_corpus_second_window),
        cmocka_unit_test(test_after_update),
        cmocka_unit_test(test_relative_error_formula),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
