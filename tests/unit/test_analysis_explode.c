/* The default example's explosion (docs/worked-example.md: at the update of epoch 656) is detected,
 * and clipping at 0.5 removes it. Bands, not exact figures: past the
 * explosion the trajectory is chaotic. */
#include "test_analysis_fixture.h"

/* Runs epochs until one raises EXPLODED; returns that epoch (the number of
 * updates before it) or `limit` when none does. *all gets the events seen. */
static uint64_t first_explosion(struct session *s, uint64_t limit, unsigned *all)
{
    *all = 0;
    for (uint64_t epoch = 0; epoch < limit; epoch++) {
        unsigned ev = rnn_engine_finish_iteration(s->engine);
        *all |= ev;
        if (ev & RNN_EV_EXPLODED)
            return epoch;
    }
    return limit;
}

static void default_example_explodes_near_epoch_656(void **state)
{
    (void)state;
    struct session *s = fixture_open(NULL);
    assert_non_null(s);
    unsigned all;
    uint64_t at = first_explosion(s, 1000, &all);
    assert_in_range(at, 650, 660);
    assert_false(all & (RNN_EV_CLIPPED | RNN_EV_NONFINITE));
    /* the loss jumps from about 0.85 to about 2 within a few epochs */
    size_t len;
    uint64_t stride;
    const struct rnn_loss_entry *log = rnn_engine_loss_log(s->engine, &len, &stride);
    assert_int_equal(stride, 1);
    assert_int_equal(len, at + 1);
    assert_true(log[at].loss < 0.9);
    rnn_engine_run(s->engine, 5, 0, NULL);
    log = rnn_engine_loss_log(s->engine, &len, &stride);
    double peak = 0.0;
    for (size_t i = at; i < len; i++)
        peak = fmax(peak, log[i].loss);
    assert_true(peak > 1.5);
    fixture_close(s);
}

/* --clip 0.5: clipping fires, no explosion in 1000 epochs, and the loss
 * keeps falling to about 0.59 at epoch 1000. */
static void clipping_at_half_removes_the_explosion(void **state)
{
    (void)state;
    struct session *s = fixture_open("--clip", "0.5", NULL);
    assert_non_null(s);
    unsigned all;
    assert_int_equal(first_explosion(s, 1000, &all), 1000);
    assert_true(all & RNN_EV_CLIPPED);
    assert_false(all & RNN_EV_NONFINITE);
    double epoch_1000 = rnn_engine_window_loss(s->engine);
    assert_near(epoch_1000, 0.60, 0.05);
    fixture_close(s);
}

/* A flagged explosion stops a multi-epoch run at that epoch. */
static void run_stops_at_the_explosion(void **state)
{
    (void)state;
    struct session *s = fixture_open(NULL);
    assert_non_null(s);
    unsigned ev;
    uint64_t done = rnn_engine_run(s->engine, 1000, RNN_EV_EXPLODED, &ev);
    assert_true(ev & RNN_EV_EXPLODED);
    assert_in_range(done, 651, 661);
    assert_int_equal(fixture_view(s).iteration, done);
    fixture_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_example_explodes_near_epoch_656),
        cmocka_unit_test(clipping_at_half_removes_the_explosion),
        cmocka_unit_test(run_stops_at_the_explosion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
