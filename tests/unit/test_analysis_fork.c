/* Fork and quiz support: a clone continues exactly like its original, and a
 * quiz's look-ahead (step, read, rewind) leaves training undisturbed. */
#include <stdio.h>

#include "test_analysis_fixture.h"

/* Everything a view declares valid, copied out so it survives later steps:
 * forward arrays for t <= forward_done, backward ones for t >= backward_low,
 * and the update's arrays only right after an update. */
struct snapshot {
    struct rnn_view v;
    double *data;
    size_t n;
};

static void put(struct snapshot *s, const double *p, size_t count)
{
    memcpy(s->data + s->n, p, count * sizeof(double));
    s->n += count;
}

static struct snapshot take(const struct session *ses)
{
    struct snapshot s = {.v = fixture_view(ses)};
    const struct rnn_view *v = &s.v;
    size_t H = (size_t)v->shape.hidden, K = (size_t)v->shape.vocab, T = (size_t)v->T;
    size_t P = rnn_param_count(v->shape), f = (size_t)v->forward_done;
    size_t b0 = (size_t)v->backward_low - 1, nb = T - b0;
    s.data = calloc((T + 1) * H * 4 + T * K * 3 + 2 * T + 4 * P + H, sizeof(double));
    assert_non_null(s.data);
    put(&s, v->h, (f + 1) * H);
    put(&s, v->z, f * H);
    put(&s, v->o, f * K);
    put(&s, v->y, f * K);
    put(&s, v->loss, f);
    for (size_t t = 0; t < f; t++)
        s.data[s.n++] = v->pred[t];
    put(&s, v->dy + b0 * K, nb * K);
    put(&s, v->dh + b0 * H, nb * H);
    put(&s, v->dr + b0 * H, nb * H);
    put(&s, v->dh_next, H);
    put(&s, v->theta.U, P);
    put(&s, v->grad.U, P);
    if (v->has_last && v->last_phase == RNN_PHASE_UPDATE) {
        put(&s, v->applied.U, P);
        put(&s, v->before.U, P);
        s.data[s.n++] = v->grad_norm;
    }
    return s;
}

static void assert_same(const struct snapshot *a, const struct snapshot *b)
{
    const struct rnn_view *x = &a->v, *y = &b->v;
    assert_int_equal(x->T, y->T);
    assert_int_equal(x->position, y->position);
    assert_int_equal(x->iteration, y->iteration);
    assert_int_equal(x->passes, y->passes);
    assert_int_equal(x->tick, y->tick);
    assert_int_equal(x->pos, y->pos);
    assert_int_equal(x->has_last, y->has_last);
    assert_int_equal(x->last_phase, y->last_phase);
    assert_int_equal(x->last_t, y->last_t);
    assert_int_equal(x->forward_done, y->forward_done);
    assert_int_equal(x->backward_low, y->backward_low);
    assert_int_equal(x->last_events, y->last_events);
    assert_memory_equal(&x->loss_sum, &y->loss_sum, sizeof(double));
    assert_true(x->settings.lr == y->settings.lr && x->settings.clip == y->settings.clip);
    assert_int_equal(x->settings.optimizer, y->settings.optimizer);
    assert_true(x->settings.explode_factor == y->settings.explode_factor);
    assert_int_equal(a->n, b->n);
    assert_memory_equal(a->data, b->data, a->n * sizeof(double));
}

static void drop(struct snapshot *s)
{
    free(s->data);
}

static void assert_same_state(const struct session *a, const struct session *b)
{
    struct snapshot x = take(a), y = take(b);
    assert_same(&x, &y);
    drop(&x);
    drop(&y);
}

static void assert_same_loss_log(const struct rnn_engine *a, const struct rnn_engine *b)
{
    size_t la, lb;
    uint64_t sa, sb;
    const struct rnn_loss_entry *ea = rnn_engine_loss_log(a, &la, &sa);
    const struct rnn_loss_entry *eb = rnn_engine_loss_log(b, &lb, &sb);
    assert_int_equal(la, lb);
    assert_int_equal(sa, sb);
    for (size_t i = 0; i < la; i++) { /* field by field: the struct has padding */
        assert_memory_equal(&ea[i].loss, &eb[i].loss, sizeof ea[i].loss);
        assert_memory_equal(&ea[i].grad_norm, &eb[i].grad_norm, sizeof ea[i].grad_norm);
        assert_int_equal(ea[i].flags, eb[i].flags);
    }
}

/* A session whose engine is replaced by a clone of another's (sharing its
 * text, which outlives both here). */
static struct session fork_of(const struct session *s)
{
    struct session f = *s;
    f.engine = rnn_engine_clone(s->engine);
    assert_non_null(f.engine);
    return f;
}

static struct session *adam_session(void)
{
    struct session *s = fixture_open("--text", "hello world, hello rnn", "--hidden", "3",
                                     "--optimizer", "adam", "--lr", "0.05", NULL);
    assert_non_null(s);
    return s;
}

static void clone_continues_bit_identically(void **state)
{
    (void)state;
    struct session *s = adam_session();
    rnn_engine_run(s->engine, 7, 0, NULL);
    fixture_step_to(s, fixture_view(s).T + 5); /* mid-backward */
    struct session f = fork_of(s);
    assert_same_state(s, &f);
    assert_same_loss_log(s->engine, f.engine);
    for (int i = 0; i < 5 * (2 * 21 + 1); i++) {
        assert_int_equal(rnn_engine_step(s->engine), rnn_engine_step(f.engine));
        assert_same_state(s, &f);
    }
    assert_same_loss_log(s->engine, f.engine);
    rnn_engine_destroy(f.engine);
    fixture_close(s);
}

/* The clone owns all its memory: it keeps training after the original is gone. */
static void clone_outlives_its_original(void **state)
{
    (void)state;
    struct session *s = adam_session();
    rnn_engine_run(s->engine, 3, 0, NULL);
    struct session f = fork_of(s), g = fork_of(s);
    rnn_engine_destroy(s->engine);
    s->engine = g.engine;
    rnn_engine_run(f.engine, 10, 0, NULL);
    rnn_engine_run(s->engine, 10, 0, NULL);
    assert_same_state(s, &f);
    rnn_engine_destroy(f.engine);
    fixture_close(s);
}

/* A fork with a new learning rate diverges; the original is untouched by it. */
static void clone_with_other_settings_diverges(void **state)
{
    (void)state;
    struct session *s = adam_session();
    rnn_engine_run(s->engine, 5, 0, NULL);
    struct session twin = fork_of(s), other = fork_of(s);
    struct rnn_view v = fixture_view(&other);
    struct rnn_settings faster = v.settings;
    faster.lr *= 2.0;
    rnn_engine_set_settings(other.engine, &faster);
    rnn_engine_run(other.engine, 5, 0, NULL);
    rnn_engine_run(s->engine, 5, 0, NULL);
    rnn_engine_run(twin.engine, 5, 0, NULL);
    assert_same_state(s, &twin);
    struct rnn_view a = fixture_view(s), b = fixture_view(&other);
    size_t P = rnn_param_count(a.shape);
    assert_memory_not_equal(a.theta.U, b.theta.U, P * sizeof(double));
    assert_true(a.settings.lr * 2.0 == b.settings.lr);
    rnn_engine_destroy(twin.engine);
    rnn_engine_destroy(other.engine);
    fixture_close(s);
}

/* History starts at the fork: no rewind until the clone passes an
 * iteration start of its own. */
static void clone_history_starts_at_the_fork(void **state)
{
    (void)state;
    struct session *s = adam_session();
    rnn_engine_run(s->engine, 2, 0, NULL);
    fixture_step_to(s, 3);
    struct session f = fork_of(s);
    assert_true(rnn_engine_history_depth(s->engine) > 0);
    assert_int_equal(rnn_engine_history_depth(f.engine), 0);
    assert_false(rnn_engine_rewind(f.engine));
    rnn_engine_finish_iteration(f.engine);
    rnn_engine_step(f.engine);
    rnn_engine_step(f.engine);
    assert_true(rnn_engine_rewind(f.engine));
    rnn_engine_destroy(f.engine);
    fixture_close(s);
}

/* The quiz design: to learn what the next micro-step computes (a gradient's
 * sign, the next prediction), step, read the view, rewind. At every position
 * of two iterations, including the update and the iteration boundary, the
 * engine must come back bit-identical, and training afterwards must match an
 * engine that was never peeked at. */
static void step_and_rewind_leave_training_undisturbed(void **state)
{
    (void)state;
    struct session *s = adam_session();
    rnn_engine_run(s->engine, 4, 0, NULL);
    struct session twin = fork_of(s);
    for (int i = 0; i < 2 * (2 * 21 + 1); i++) {
        struct snapshot before = take(s);
        rnn_engine_step(s->engine);
        assert_true(rnn_engine_rewind(s->engine));
        struct snapshot after = take(s);
        assert_same(&before, &after);
        drop(&before);
        drop(&after);
        rnn_engine_step(s->engine);
        rnn_engine_step(twin.engine);
    }
    assert_same_state(s, &twin);
    rnn_engine_run(s->engine, 20, 0, NULL);
    rnn_engine_run(twin.engine, 20, 0, NULL);
    assert_same_state(s, &twin);
    assert_same_loss_log(s->engine, twin.engine);
    rnn_engine_destroy(twin.engine);
    fixture_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clone_continues_bit_identically),
        cmocka_unit_test(clone_outlives_its_original),
        cmocka_unit_test(clone_with_other_settings_diverges),
        cmocka_unit_test(clone_history_starts_at_the_fork),
        cmocka_unit_test(step_and_rewind_leave_training_undisturbed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
