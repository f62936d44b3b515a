/* Sampling from the current parameters and whole-text argmax predictions. */
#include "rnnstep/analysis.h"
#include "test_analysis_fixture.h"

/* The worked example: h e l o. */
enum { H_ = 0, E_ = 1, L_ = 2, O_ = 3 };

struct sampling {
    struct session *s;
    struct rnn_sampler *sm;
    struct rnn_view v;
};

static struct sampling open_sampling(struct session *s)
{
    assert_non_null(s);
    struct sampling x = {.s = s, .sm = rnn_sampler_create(s->cfg.shape)};
    assert_non_null(x.sm);
    x.v = fixture_view(s);
    return x;
}

static void close_sampling(struct sampling *x)
{
    rnn_sampler_destroy(x->sm);
    fixture_close(x->s);
}

/* Section 5: before training the model predicts l, e, e, e. */
static void worked_example_predictions_match_document(void **state)
{
    (void)state;
    struct sampling x = open_sampling(fixture_open(NULL));
    uint8_t pred[5] = {9, 9, 9, 9, 9};
    rnn_predict_text(x.sm, x.v.theta.U, x.s->text.ids, x.s->text.len, pred);
    assert_int_equal(pred[0], L_);
    assert_int_equal(pred[1], E_);
    assert_int_equal(pred[2], E_);
    assert_int_equal(pred[3], E_);
    assert_int_equal(pred[4], 9); /* len - 1 predictions, no more */
    close_sampling(&x);
}

/* In whole-text mode the window is the text: the same kernels give the
 * same argmax as the engine's own forward pass. */
static void predictions_equal_the_engine_window(void **state)
{
    (void)state;
    struct sampling x =
        open_sampling(fixture_open("--text", "hello world, hello rnn", "--hidden", "8", NULL));
    rnn_engine_run(x.s->engine, 60, 0, NULL);
    x.v = fixture_view(x.s);
    uint8_t pred[21];
    rnn_predict_text(x.sm, x.v.theta.U, x.s->text.ids, x.s->text.len, pred);
    struct rnn_view w = fixture_after_forward(x.s);
    int right = 0;
    for (int t = 0; t < w.T; t++) {
        assert_int_equal(pred[t], w.pred[t]);
        right += pred[t] == w.targets[t];
    }
    assert_true(right > 10); /* trained for 60 epochs: mostly right */
    close_sampling(&x);
}

static void same_seed_same_text_other_seed_other_text(void **state)
{
    (void)state;
    struct sampling x =
        open_sampling(fixture_open("--text", "hello world, hello rnn", "--hidden", "8", NULL));
    uint8_t a[201], b[201], c[201];
    a[200] = b[200] = c[200] = 0xAA;
    struct rnn_rng r1, r2, r3;
    rnn_rng_seed(&r1, 5);
    rnn_rng_seed(&r2, 5);
    rnn_rng_seed(&r3, 6);
    rnn_sample(x.sm, x.v.theta.U, 0, 1.0, &r1, a, 200);
    rnn_sample(x.sm, x.v.theta.U, 0, 1.0, &r2, b, 200);
    rnn_sample(x.sm, x.v.theta.U, 0, 1.0, &r3, c, 200);
    assert_memory_equal(a, b, 200);
    assert_memory_not_equal(a, c, 200);
    assert_true(a[200] == 0xAA && c[200] == 0xAA);
    for (int i = 0; i < 200; i++)
        assert_true(a[i] < x.v.shape.vocab);
    close_sampling(&x);
}

/* Temperature <= 0 is greedy: each character is the argmax after the ones
 * before it, which is what teacher forcing on that same text predicts. */
static void zero_temperature_is_greedy(void **state)
{
    (void)state;
    struct sampling x =
        open_sampling(fixture_open("--text", "hello world, hello rnn", "--hidden", "8", NULL));
    rnn_engine_run(x.s->engine, 60, 0, NULL);
    x.v = fixture_view(x.s);
    uint8_t seq[41], pred[40];
    struct rnn_rng rng;
    rnn_rng_seed(&rng, 1);
    struct rnn_rng untouched = rng;
    seq[0] = 0;
    rnn_sample(x.sm, x.v.theta.U, seq[0], 0.0, &rng, seq + 1, 40);
    assert_memory_equal(&rng, &untouched, sizeof rng); /* no draws */
    rnn_predict_text(x.sm, x.v.theta.U, seq, 41, pred);
    assert_memory_equal(pred, seq + 1, 40);
    close_sampling(&x);
}

/* Counts of the first sampled character after `first`, over n samples. */
static void first_char_counts(struct sampling *x, int first, double temperature, int n,
                              int counts[4])
{
    struct rnn_rng rng;
    rnn_rng_seed(&rng, 2024);
    memset(counts, 0, 4 * sizeof(int));
    for (int i = 0; i < n; i++) {
        uint8_t c;
        rnn_sample(x->sm, x->v.theta.U, first, temperature, &rng, &c, 1);
        counts[c]++;
    }
}

/* At temperature 1 the first character after 'h' follows yhat_1 of section
 * 5.1: 0.2398, 0.2370, 0.2656, 0.2576 (20000 draws: 5 standard deviations
 * is about 0.015). */
static void temperature_one_follows_softmax(void **state)
{
    (void)state;
    static const double doc_y1[4] = {0.2398, 0.2370, 0.2656, 0.2576};
    struct sampling x = open_sampling(fixture_open(NULL));
    int counts[4];
    first_char_counts(&x, H_, 1.0, 20000, counts);
    for (int i = 0; i < 4; i++)
        assert_near(counts[i] / 20000.0, doc_y1[i], 0.015);
    close_sampling(&x);
}

/* Cold: always the argmax ('l'); hot: close to uniform. */
static void temperature_sharpens_and_flattens(void **state)
{
    (void)state;
    struct sampling x = open_sampling(fixture_open(NULL));
    int counts[4];
    first_char_counts(&x, H_, 0.001, 2000, counts);
    assert_int_equal(counts[L_], 2000);
    first_char_counts(&x, H_, 1000.0, 20000, counts);
    for (int i = 0; i < 4; i++)
        assert_near(counts[i] / 20000.0, 0.25, 0.015);
    close_sampling(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_example_predictions_match_document),
        cmocka_unit_test(predictions_equal_the_engine_window),
        cmocka_unit_test(same_seed_same_text_other_seed_other_text),
        cmocka_unit_test(zero_temperature_is_greedy),
        cmocka_unit_test(temperature_one_follows_softmax),
        cmocka_unit_test(temperature_sharpens_and_flattens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
