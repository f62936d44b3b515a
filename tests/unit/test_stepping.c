/* The stepping state machine: micro-steps one at a time give the same bits
 * as finishing iterations or running many, and rewind restores the exact
 * earlier state (parameters, activations, settings, loss log), so that
 * stepping again reproduces everything bit for bit. */
#include "support.h"

/* Everything a front end can read, flattened into bytes so that two states
 * compare with one memcmp. Only the parts the view documents as valid at
 * this point are included (activations not yet computed are left out). */
struct snapshot {
    unsigned char *bytes;
    size_t len, cap;
};

static void snap_put(struct snapshot *s, const void *p, size_t n)
{
    if (s->len + n > s->cap) {
        s->cap = 2 * (s->len + n);
        s->bytes = realloc(s->bytes, s->cap);
        assert_non_null(s->bytes);
    }
    memcpy(s->bytes + s->len, p, n);
    s->len += n;
}

#define SNAP(s, x) snap_put((s), &(x), sizeof(x))

static void snap_settings(struct snapshot *s, const struct rnn_settings *st)
{
    SNAP(s, st->lr);
    SNAP(s, st->clip);
    SNAP(s, st->explode_factor);
    int opt = (int)st->optimizer;
    SNAP(s, opt);
}

static void snap_loss_log(struct snapshot *s, const struct rnn_engine *e)
{
    size_t len;
    uint64_t stride;
    const struct rnn_loss_entry *log = rnn_engine_loss_log(e, &len, &stride);
    SNAP(s, len);
    SNAP(s, stride);
    for (size_t i = 0; i < len; i++) {
        SNAP(s, log[i].loss);
        SNAP(s, log[i].grad_norm);
        SNAP(s, log[i].flags);
    }
    double first = 0, lowest = 0, latest = 0;
    if (rnn_engine_loss_stats(e, &first, &lowest, &latest)) {
        SNAP(s, first);
        SNAP(s, lowest);
        SNAP(s, latest);
    }
}

static void snap_activations(struct snapshot *s, const struct rnn_view *v)
{
    size_t H = (size_t)v->shape.hidden, K = (size_t)v->shape.vocab, done = (size_t)v->forward_done;
    snap_put(s, v->h, (done + 1) * H * sizeof(double));
    snap_put(s, v->z, done * H * sizeof(double));
    snap_put(s, v->o, done * K * sizeof(double));
    snap_put(s, v->y, done * K * sizeof(double));
    snap_put(s, v->loss, done * sizeof(double));
    snap_put(s, v->pred, done * sizeof(int));
    SNAP(s, v->loss_sum);
    if (v->backward_low > v->T)
        return;
    size_t low = (size_t)v->backward_low - 1, n = (size_t)v->T - low;
    snap_put(s, v->dy + low * K, n * K * sizeof(double));
    snap_put(s, v->dh + low * H, n * H * sizeof(double));
    snap_put(s, v->dr + low * H, n * H * sizeof(double));
    snap_put(s, v->dh_next, H * sizeof(double));
}

static struct snapshot snapshot_take(const struct rnn_engine *e)
{
    struct snapshot s = {0};
    struct rnn_view v;
    rnn_engine_view(e, &v);
    size_t P = rnn_param_count(v.shape) * sizeof(double);
    SNAP(&s, v.tick);
    SNAP(&s, v.iteration);
    SNAP(&s, v.passes);
    SNAP(&s, v.position);
    SNAP(&s, v.pos);
    SNAP(&s, v.has_last);
    SNAP(&s, v.next_phase);
    SNAP(&s, v.next_t);
    SNAP(&s, v.forward_done);
    SNAP(&s, v.backward_low);
    snap_settings(&s, &v.settings);
    snap_put(&s, v.theta.U, P);
    snap_loss_log(&s, e);
    if (v.has_last) {
        SNAP(&s, v.last_phase);
        SNAP(&s, v.last_t);
        SNAP(&s, v.last_events);
    }
    if (v.forward_done > 0 || v.has_last)
        snap_activations(&s, &v);
    if (v.backward_low <= v.T || (v.has_last && v.last_phase == RNN_PHASE_UPDATE))
        snap_put(&s, v.grad.U, P);
    if (v.has_last && v.last_phase == RNN_PHASE_UPDATE) {
        snap_put(&s, v.applied.U, P);
        snap_put(&s, v.before.U, P);
        SNAP(&s, v.grad_norm);
    }
    return s;
}

static void snapshot_free(struct snapshot *s)
{
    free(s->bytes);
    s->bytes = NULL;
}

static void snapshot_expect(const struct snapshot *want, const struct rnn_engine *e,
                            const char *when)
{
    struct snapshot got = snapshot_take(e);
    struct rnn_view v;
    rnn_engine_view(e, &v);
    if (got.len != want->len || memcmp(got.bytes, want->bytes, got.len) != 0) {
        size_t at = 0;
        while (at < got.len && at < want->len && got.bytes[at] == want->bytes[at])
            at++;
        snapshot_free(&got);
        fail_msg("%s: state at tick %llu differs from the recorded one (byte %zu of %zu)", when,
                 (unsigned long long)v.tick, at, want->len);
    }
    snapshot_free(&got);
}

/* Two engines that must be in the same state. */
static void expect_same_state(const struct rnn_engine *want, const struct rnn_engine *got,
                              const char *when)
{
    struct snapshot s = snapshot_take(want);
    snapshot_expect(&s, got, when);
    snapshot_free(&s);
}

static const struct rnn_settings optimizer_settings[] = {
    {.lr = 0.1, .optimizer = RNN_OPT_SGD, .explode_factor = 3.0},
    {.lr = 0.05, .optimizer = RNN_OPT_MOMENTUM, .explode_factor = 3.0},
    {.lr = 0.3, .optimizer = RNN_OPT_ADAGRAD, .explode_factor = 3.0},
    {.lr = 0.02, .optimizer = RNN_OPT_ADAM, .explode_factor = 3.0},
    {.lr = 0.1, .optimizer = RNN_OPT_SGD, .clip = 0.5, .explode_factor = 3.0},
    {.lr = 0.05, .optimizer = RNN_OPT_MOMENTUM, .clip = 0.2},
    {.lr = 0.3, .optimizer = RNN_OPT_ADAGRAD, .clip = 0.1},
    {.lr = 0.02, .optimizer = RNN_OPT_ADAM, .clip = 0.3},
};
#define N_SETTINGS (sizeof optimizer_settings / sizeof *optimizer_settings)

static struct support_spec small_spec(const struct rnn_settings *s)
{
    return (struct support_spec){
        .text = "h\xc3\xa9llo w\xc3\xb6rld", .hidden = 3, .seed = 11, .settings = *s};
}

/* Corpus mode above hidden 16: the window kernel's blocked products. */
static struct support_spec blocked_spec(const struct rnn_settings *s, unsigned seed)
{
    return (struct support_spec){.text = "the quick brown fox jumps over the lazy dog",
                                 .hidden = 20,
                                 .seed = seed,
                                 .seq_len = 4,
                                 .settings = *s};
}

#define ITERATIONS 12

/* The same training three ways: step by step, iteration by iteration, and
 * one rnn_engine_run call; the states must be identical bytes. */
static void test_steps_match_iterations_and_run(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SETTINGS; i++) {
        struct support_spec spec = small_spec(&optimizer_settings[i]);
        struct support_model a, b, c;
        support_open(&a, &spec);
        support_open(&b, &spec);
        support_open(&c, &spec);
        struct rnn_view v = support_view(&a);
        unsigned ev_steps = 0, ev_iters = 0, ev_run = 0;
        for (int k = 0; k < ITERATIONS * (2 * v.T + 1); k++)
            ev_steps |= rnn_engine_step(a.engine);
        for (int k = 0; k < ITERATIONS; k++)
            ev_iters |= rnn_engine_finish_iteration(b.engine);
        assert_int_equal(rnn_engine_run(c.engine, ITERATIONS, 0, &ev_run), ITERATIONS);
        assert_int_equal(ev_steps, ev_iters);
        assert_int_equal(ev_steps, ev_run);
        if (optimizer_settings[i].clip > 0.0)
            assert_true(ev_steps & RNN_EV_CLIPPED);

        expect_same_state(a.engine, b.engine, rnn_optimizer_name(optimizer_settings[i].optimizer));
        expect_same_state(a.engine, c.engine, rnn_optimizer_name(optimizer_settings[i].optimizer));
        v = support_view(&a);
        assert_int_equal(v.iteration, ITERATIONS);
        assert_int_equal(v.last_phase, RNN_PHASE_UPDATE);
        support_close(&a);
        support_close(&b);
        support_close(&c);
    }
}

/* run_to_update then one step is the same as finishing the iteration. */
static void test_run_to_update_then_step(void **state)
{
    (void)state;
    struct support_model a, b;
    support_open_hello(&a);
    support_open_hello(&b);
    for (int k = 0; k < 5; k++) {
        rnn_engine_run_to_update(a.engine);
        struct rnn_view v = support_view(&a);
        assert_int_equal(v.next_phase, RNN_PHASE_UPDATE);
        assert_int_equal(v.pos, 2 * v.T);
        rnn_engine_step(a.engine);
        rnn_engine_finish_iteration(b.engine);
    }
    expect_same_state(a.engine, b.engine, "run_to_update + step");
    support_close(&a);
    support_close(&b);
}

/* rnn_engine_run stops after the first iteration raising a stop event. */
static void test_run_stops_on_event(void **state)
{
    (void)state;
    struct support_spec spec = {
        .text = "hello", .hidden = 1, .hello = true, .settings = {.lr = 0.1, .clip = 0.5}};
    struct support_model m;
    support_open(&m, &spec);
    unsigned ev = 0;
    assert_int_equal(rnn_engine_run(m.engine, 50, RNN_EV_CLIPPED, &ev), 1);
    assert_true(ev & RNN_EV_CLIPPED); /* dL/dc[h] = 1.0686 > 0.5 */
    support_close(&m);
}

/* Steps n times, recording the state before each step in snaps[0..n]. */
static struct snapshot *record_steps(struct rnn_engine *e, int n)
{
    struct snapshot *snaps = calloc((size_t)n + 1, sizeof *snaps);
    for (int k = 0; k < n; k++) {
        snaps[k] = snapshot_take(e);
        rnn_engine_step(e);
    }
    snaps[n] = snapshot_take(e);
    return snaps;
}

static void free_snaps(struct snapshot *snaps, int n)
{
    for (int k = 0; k <= n; k++)
        snapshot_free(&snaps[k]);
    free(snaps);
}

/* Rewinds from snaps[n] to snaps[to], checking every state on the way. */
static void rewind_checking(struct rnn_engine *e, const struct snapshot *snaps, int n, int to)
{
    for (int k = n - 1; k >= to; k--) {
        assert_true(rnn_engine_rewind(e));
        snapshot_expect(&snaps[k], e, "after rewind");
    }
}

static void restep_checking(struct rnn_engine *e, const struct snapshot *snaps, int from, int n)
{
    for (int k = from + 1; k <= n; k++) {
        rnn_engine_step(e);
        snapshot_expect(&snaps[k], e, "stepping again after rewind");
    }
}

/* Rewinding all the way back across iteration boundaries, then forward
 * again, for every optimiser: each state matches the recorded one. Then
 * rnn_engine_rewind_to (the visualiser's go-to) jumps straight to earlier
 * micro-steps: the same states, and stepping on from there gives them again. */
static void test_rewind_all_the_way_and_restep(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SETTINGS; i++) {
        struct support_spec spec = small_spec(&optimizer_settings[i]);
        struct support_model m;
        support_open(&m, &spec);
        struct rnn_view v = support_view(&m);
        int n = 4 * (2 * v.T + 1) + 3; /* into the fifth iteration */
        struct snapshot *snaps = record_steps(m.engine, n);
        assert_int_equal(rnn_engine_history_depth(m.engine), n);
        rewind_checking(m.engine, snaps, n, 0);
        assert_false(rnn_engine_rewind(m.engine));
        snapshot_expect(&snaps[0], m.engine, "after a refused rewind");
        restep_checking(m.engine, snaps, 0, n);

        assert_true(rnn_engine_rewind_to(m.engine, (uint64_t)n)); /* here already */
        snapshot_expect(&snaps[n], m.engine, "rewind to the current step");
        assert_false(rnn_engine_rewind_to(m.engine, (uint64_t)n + 1)); /* never forward */
        for (int k = n - 1; k >= 0; k -= 5) {
            assert_true(rnn_engine_rewind_to(m.engine, (uint64_t)k));
            snapshot_expect(&snaps[k], m.engine, "after rewind_to");
        }
        assert_true(rnn_engine_rewind_to(m.engine, 0));
        restep_checking(m.engine, snaps, 0, n);
        free_snaps(snaps, n);
        support_close(&m);
    }
}

/* Zig-zag: back a few steps, forward a few, back many, across boundaries. */
static void test_rewind_zigzag(void **state)
{
    (void)state;
    struct support_model m;
    support_open_hello(&m);
    int n = 9 * 30;
    struct snapshot *snaps = record_steps(m.engine, n);
    static const int moves[][2] = {{270, 265}, {265, 268}, {268, 250}, {250, 262},
                                   {262, 100}, {100, 101}, {101, 37},  {37, 270}};
    for (size_t i = 0; i < sizeof moves / sizeof *moves; i++) {
        int from = moves[i][0], to = moves[i][1];
        if (to < from)
            rewind_checking(m.engine, snaps, from, to);
        else
            restep_checking(m.engine, snaps, from, to);
    }
    free_snaps(snaps, n);
    support_close(&m);
}

/* At a hidden size of the blocked kernels, in corpus mode: rewinds inside an
 * iteration and right after an update (which need no replay), finishing an
 * iteration from mid-window, and the loss at the current parameters reusing
 * the forward steps done, all give the recorded states and the same bits. */
static void test_blocked_rewind_finish_and_loss(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SETTINGS; i++) {
        struct support_model m;
        struct support_spec spec = blocked_spec(&optimizer_settings[i], 5);
        support_open(&m, &spec);
        int T = 4, n = 5 * (2 * T + 1);
        struct snapshot *snaps = record_steps(m.engine, n);
        rewind_checking(m.engine, snaps, n, 0);
        restep_checking(m.engine, snaps, 0, n);
        /* From a window's middle, from right after an update, and further. */
        static const int moves[][2] = {{40, 38}, {41, 37}, {36, 35}, {36, 33},
                                       {36, 30}, {27, 24}, {41, 9}};
        int at = n, whole = 2 * T + 1;
        for (size_t k = 0; k < sizeof moves / sizeof *moves; k++) {
            int from = moves[k][0], to = moves[k][1];
            if (at > from)
                assert_true(rnn_engine_rewind_to(m.engine, (uint64_t)from));
            restep_checking(m.engine, snaps, at < from ? at : from, from);
            assert_true(rnn_engine_rewind_to(m.engine, (uint64_t)to));
            snapshot_expect(&snaps[to], m.engine, "after rewind_to");
            rnn_engine_finish_iteration(m.engine); /* from mid-window */
            snapshot_expect(&snaps[(to / whole + 1) * whole], m.engine,
                            "finishing from mid-window");
            assert_true(rnn_engine_rewind_to(m.engine, (uint64_t)to));
            at = to;
        }
        restep_checking(m.engine, snaps, at, n);
        for (int start = 2 * whole; start >= 0; start -= whole) {
            assert_true(rnn_engine_rewind_to(m.engine, (uint64_t)start));
            double full = rnn_engine_window_loss(m.engine); /* a pass ahead on scratch memory */
            for (int k = 1; k <= 2 * T; k++) {
                rnn_engine_step(m.engine); /* takes over the pass done ahead */
                snapshot_expect(&snaps[start + k], m.engine, "stepping after the window loss");
                double now = rnn_engine_window_loss(m.engine);
                assert_memory_equal(&now, &full, sizeof now);
            }
        }
        free_snaps(snaps, n);
        support_close(&m);
    }
}

/* A rewind to the start of an iteration that began by taking over the pass
 * done ahead (the visualiser's n, then p, after an update) puts the last
 * iteration's workspace back instead of replaying: the recorded state, from
 * any micro-step of the iteration; from there the update before it is undone
 * and done again, a rewind reaches into the last iteration, and the steps
 * give the recorded states again. */
static void test_rewind_to_iteration_start(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SETTINGS; i++) {
        struct support_model m;
        struct support_spec spec = blocked_spec(&optimizer_settings[i], 7);
        support_open(&m, &spec);
        int T = 4, whole = 2 * T + 1, start = 2 * whole, n = 4 * whole;
        struct snapshot *snaps = record_steps(m.engine, n);
        static const int steps[] = {1, 2, 4, 5, 8, 9};
        for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
            assert_true(rnn_engine_rewind_to(m.engine, (uint64_t)start));
            rnn_engine_window_loss(m.engine); /* the pass ahead, as after an update */
            restep_checking(m.engine, snaps, start, start + steps[k]);
            assert_true(rnn_engine_rewind_to(m.engine, (uint64_t)start));
            snapshot_expect(&snaps[start], m.engine, "rewound to the iteration's start");
        }
        rnn_engine_window_loss(m.engine);
        restep_checking(m.engine, snaps, start, start + 3);
        rewind_checking(m.engine, snaps, start + 3, start - 2); /* across the update */
        restep_checking(m.engine, snaps, start - 2, start + 2);
        rnn_engine_window_loss(m.engine); /* the reuse in mid-window: check_w keeps the last one */
        assert_true(rnn_engine_rewind_to(m.engine, (uint64_t)(whole + 3)));
        snapshot_expect(&snaps[whole + 3], m.engine, "rewound into the last iteration");
        restep_checking(m.engine, snaps, whole + 3, n);
        free_snaps(snaps, n);
        support_close(&m);
    }
}

/* A forward pass done ahead by the window loss is not taken over once the
 * parameters changed (a surgery, a rewind that replays). */
static void test_pass_ahead_only_while_valid(void **state)
{
    (void)state;
    struct support_spec spec = blocked_spec(&optimizer_settings[0], 6);
    struct support_model a, b;
    support_open(&a, &spec);
    support_open(&b, &spec);
    rnn_engine_run(a.engine, 2, 0, NULL);
    rnn_engine_run(b.engine, 2, 0, NULL);
    rnn_engine_window_loss(a.engine);
    const struct rnn_surgery op = {RNN_SURGERY_SCALE, RNN_P_W, 0, 1.5};
    assert_true(rnn_engine_surgery(a.engine, &op));
    assert_true(rnn_engine_surgery(b.engine, &op));
    rnn_engine_finish_iteration(a.engine);
    rnn_engine_finish_iteration(b.engine);
    expect_same_state(b.engine, a.engine, "after a surgery");
    rnn_engine_window_loss(a.engine);
    for (int k = 0; k < 3; k++)
        rnn_engine_step(a.engine);
    assert_true(rnn_engine_rewind_to(a.engine, 20)); /* after the surgery, in another iteration */
    rnn_engine_finish_iteration(a.engine);
    rnn_engine_finish_iteration(a.engine);
    rnn_engine_finish_iteration(b.engine);
    expect_same_state(b.engine, a.engine, "after a rewind");
    support_close(&a);
    support_close(&b);
}

static const struct rnn_settings settings_changes[] = {
    {.lr = 0.05, .optimizer = RNN_OPT_MOMENTUM},
    {.lr = 0.01, .optimizer = RNN_OPT_ADAM, .clip = 0.05},
    {.lr = 0.2, .optimizer = RNN_OPT_ADAGRAD, .explode_factor = 2.0},
    {.lr = 0.1, .optimizer = RNN_OPT_SGD, .clip = 0.3},
};
#define N_CHANGES (sizeof settings_changes / sizeof *settings_changes)

/* Steps from tick `from` to `to`, making settings change i at tick at[i]
 * (mid-iteration and at boundaries) and recording or checking each state. */
static void step_with_changes(struct rnn_engine *e, const int *at, struct snapshot *snaps, int from,
                              int to, bool record)
{
    for (int k = from; k <= to; k++) {
        for (size_t i = 0; i < N_CHANGES; i++)
            if (at[i] == k)
                rnn_engine_set_settings(e, &settings_changes[i]);
        if (record)
            snaps[k] = snapshot_take(e);
        else
            snapshot_expect(&snaps[k], e, "stepping again with the same changes");
        if (k < to)
            rnn_engine_step(e);
    }
}

/* Settings changed during training are part of the state: rewinding past a
 * change restores the old settings (a change is an action that rewind
 * undoes), and making the same changes again reproduces every state. */
static void test_rewind_restores_settings(void **state)
{
    (void)state;
    struct support_spec spec = small_spec(&optimizer_settings[0]);
    struct support_model m;
    support_open(&m, &spec);
    struct rnn_view v = support_view(&m);
    int per = 2 * v.T + 1, n = 6 * per;
    const int at[N_CHANGES] = {per + 3, 3 * per - 1, 3 * per, 5 * per - 2};
    struct snapshot *snaps = calloc((size_t)n + 1, sizeof *snaps);
    step_with_changes(m.engine, at, snaps, 0, n, true);
    v = support_view(&m);
    assert_int_equal(v.settings.optimizer, RNN_OPT_SGD);
    assert_true(v.settings.clip == 0.3);

    rewind_checking(m.engine, snaps, n, 0);
    v = support_view(&m);
    assert_true(v.settings.lr == 0.1 && v.settings.optimizer == RNN_OPT_SGD);
    assert_true(v.settings.clip == 0.0);
    step_with_changes(m.engine, at, snaps, 0, n, false);
    free_snaps(snaps, n);
    support_close(&m);
}

/* A settings change after a rewind replaces the future: the old changes
 * beyond the rewind point are forgotten. */
static void test_new_settings_after_rewind(void **state)
{
    (void)state;
    struct support_model a, b;
    support_open_hello(&a);
    support_open_hello(&b);
    struct rnn_settings fast = {.lr = 0.5, .optimizer = RNN_OPT_SGD};
    struct rnn_settings adam = {.lr = 0.01, .optimizer = RNN_OPT_ADAM};
    rnn_engine_run(a.engine, 3, 0, NULL);
    rnn_engine_set_settings(a.engine, &fast);
    rnn_engine_run(a.engine, 3, 0, NULL);
    for (int k = 0; k < 9 * 2; k++)
        assert_true(rnn_engine_rewind(a.engine));
    rnn_engine_set_settings(a.engine, &adam);
    rnn_engine_run(a.engine, 4, 0, NULL);

    rnn_engine_run(b.engine, 3, 0, NULL);
    rnn_engine_set_settings(b.engine, &fast);
    rnn_engine_run(b.engine, 1, 0, NULL);
    rnn_engine_set_settings(b.engine, &adam);
    rnn_engine_run(b.engine, 4, 0, NULL);
    expect_same_state(b.engine, a.engine, "new settings after rewind");
    support_close(&a);
    support_close(&b);
}

static void test_rewind_at_start_and_after_reset(void **state)
{
    (void)state;
    struct support_model m;
    support_open_hello(&m);
    assert_false(rnn_engine_rewind(m.engine));
    assert_int_equal(rnn_engine_history_depth(m.engine), 0);
    struct snapshot start = snapshot_take(m.engine);
    rnn_engine_run(m.engine, 3, 0, NULL);
    rnn_engine_run_to_update(m.engine); /* leaves a gradient accumulated */
    rnn_engine_reset(m.engine);
    snapshot_expect(&start, m.engine, "after reset");
    struct rnn_view v;
    rnn_engine_view(m.engine, &v);
    size_t n = rnn_param_count(v.shape);
    for (size_t i = 0; i < n; i++)
        assert_true(v.grad.U[i] == 0.0); /* the screen shows no stale gradient */
    assert_false(rnn_engine_rewind(m.engine));
    rnn_engine_step(m.engine);
    assert_true(rnn_engine_rewind(m.engine));
    snapshot_expect(&start, m.engine, "rewind of the first step");
    assert_false(rnn_engine_rewind(m.engine));
    snapshot_free(&start);
    support_close(&m);
}

/* A small history budget bounds how far back rewind goes: it eventually
 * refuses, never crashes, and what it does restore is exact. */
static void test_history_budget_bounds_rewind(void **state)
{
    (void)state;
    struct support_model big, small;
    support_open(
        &big, &(struct support_spec){.text = "h\xc3\xa9llo w\xc3\xb6rld", .hidden = 8, .seed = 2});
    struct support_spec spec = {
        .text = "h\xc3\xa9llo w\xc3\xb6rld", .hidden = 8, .seed = 2, .history_bytes = 16 << 10};
    support_open(&small, &spec);
    struct rnn_view v = support_view(&small);
    int per = 2 * v.T + 1, n = 40 * per;
    struct snapshot *snaps = record_steps(small.engine, n);
    rnn_engine_run(big.engine, 40, 0, NULL);

    assert_true(rnn_engine_history_bytes(small.engine) < rnn_engine_history_bytes(big.engine));
    uint64_t depth = rnn_engine_history_depth(small.engine);
    assert_true(depth > 0 && depth < (uint64_t)n);
    int back = 0;
    while (rnn_engine_rewind(small.engine)) {
        back++;
        snapshot_expect(&snaps[n - back], small.engine, "rewind within the budget");
        assert_true(back <= n);
    }
    assert_true(back >= per && back < n);
    assert_int_equal(back, depth);
    assert_false(rnn_engine_rewind(small.engine));
    restep_checking(small.engine, snaps, n - back, n);

    /* The unbounded-enough engine goes all the way back. */
    for (int k = 0; k < n; k++)
        assert_true(rnn_engine_rewind(big.engine));
    assert_false(rnn_engine_rewind(big.engine));
    free_snaps(snaps, n);
    support_close(&big);
    support_close(&small);
}

/* Loading parameters resets to iteration 0 with them as the start. */
static void test_load_params_resets(void **state)
{
    (void)state;
    struct support_model b;
    support_open_hello(&b);
    rnn_engine_run(b.engine, 2, 0, NULL);
    struct rnn_view v = support_view(&b);
    double theta[14];
    memcpy(theta, v.theta.U, sizeof theta);
    rnn_engine_run(b.engine, 3, 0, NULL);
    rnn_engine_load_params(b.engine, theta);
    v = support_view(&b);
    assert_int_equal(v.tick, 0);
    assert_int_equal(v.iteration, 0);
    assert_memory_equal(v.theta.U, theta, sizeof theta);
    assert_false(rnn_engine_rewind(b.engine));
    size_t len;
    uint64_t stride;
    rnn_engine_loss_log(b.engine, &len, &stride);
    assert_int_equal(len, 0);
    support_close(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steps_match_iterations_and_run),
        cmocka_unit_test(test_run_to_update_then_step),
        cmocka_unit_test(test_run_stops_on_event),
        cmocka_unit_test(test_rewind_all_the_way_and_restep),
        cmocka_unit_test(test_rewind_zigzag),
        cmocka_unit_test(test_rewind_restores_settings),
        cmocka_unit_test(test_new_settings_after_rewind),
        cmocka_unit_test(test_rewind_at_start_and_after_reset),
        cmocka_unit_test(test_history_budget_bounds_rewind),
        cmocka_unit_test(test_blocked_rewind_finish_and_loss),
        cmocka_unit_test(test_rewind_to_iteration_start),
        cmocka_unit_test(test_pass_ahead_only_while_valid),
        cmocka_unit_test(test_load_params_resets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
