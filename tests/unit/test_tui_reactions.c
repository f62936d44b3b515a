/* Every command of the command table says REACT_RECALC when it changed the
 * model: the panes and views update only after a RECALC (screen.c), so a
 * command that changes the parameters, the position or the settings and
 * says only REACT_REFRESH would leave stale numbers on the screen. The loss
 * at the current parameters is recomputed only when the view's
 * params_version changed, so a command that changes the parameters must
 * change it too. Each command runs on a fresh worked-example session
 * part-way through an iteration, once as typed alone and once with a count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/app.h"
#include "tui/teach.h"

/* What a command may change that derived data depends on. */
struct model_state {
    uint64_t tick, iteration;
    size_t position;
    struct rnn_settings settings;
    double theta[64];
    uint64_t params_version; /* not compared: it may change with the same theta */
};

static void snapshot(const struct tui *t, struct model_state *m)
{
    struct rnn_view v;
    rnn_engine_view(t->s->engine, &v);
    memset(m, 0, sizeof *m);
    m->tick = v.tick;
    m->iteration = v.iteration;
    m->position = v.position;
    m->settings = v.settings;
    size_t n = rnn_param_count(v.shape);
    assert_true(n <= sizeof m->theta / sizeof m->theta[0]);
    memcpy(m->theta, v.theta.U, n * sizeof(double));
    m->params_version = v.params_version;
}

static bool same_model(const struct model_state *a, const struct model_state *b)
{
    return a->tick == b->tick && a->iteration == b->iteration && a->position == b->position &&
           memcmp(&a->settings, &b->settings, sizeof a->settings) == 0 &&
           memcmp(a->theta, b->theta, sizeof a->theta) == 0;
}

/* The command names, for the failure message. */
#define NAME_ROW(id, handler, help) [CMD_##id] = #id,
#define NO_KEY(id, key, name)
static const char *const names[CMD_COUNT] = {COMMAND_TABLE(NAME_ROW, NO_KEY)};

/* Runs command id on a fresh session (epoch 1, three micro-steps in) and
 * checks its reaction; returns whether it changed the model. */
static bool check_command(enum cmd_id id, uint64_t count, bool counted)
{
    struct options o;
    char err[512];
    char *argv[] = {"rnnstep", NULL};
    assert_int_equal(options_parse(1, argv, &o, err, sizeof err), 0);
    struct session s;
    assert_int_equal(session_open(&s, &o, err, sizeof err), 0);
    struct tui t = {.s = &s, .o = &o, .play.speed = TUI_SPEED_DEFAULT, .zoom = PANE_COUNT};
    assert_int_equal(teach_open(&t, err, sizeof err), 0);
    unsigned ev;
    rnn_engine_run(s.engine, 1, 0, &ev);
    for (int i = 0; i < 3; i++)
        rnn_engine_step(s.engine);

    struct model_state before, after;
    snapshot(&t, &before);
    struct command c = {.id = id, .count = count, .counted = counted};
    tui_command_begin(&t, &c);
    unsigned flags = tui_command(&t, &c);
    snapshot(&t, &after);
    bool changed = !same_model(&before, &after);
    if (changed && !react_recalc(flags))
        fail_msg("%s (count %llu) changed the model but returned 0x%x, not REACT_RECALC", names[id],
                 (unsigned long long)count, flags);
    if (memcmp(before.theta, after.theta, sizeof before.theta) != 0 &&
        before.params_version == after.params_version)
        fail_msg("%s (count %llu) changed the parameters but not params_version", names[id],
                 (unsigned long long)count);

    assert_int_equal(teach_close(&t, err, sizeof err), 0);
    session_close(&s);
    return changed;
}

static void test_model_changes_say_recalc(void **state)
{
    (void)state;
    int changed = 0;
    for (int id = 0; id < CMD_COUNT; id++) {
        if (id == CMD_PICTURE) /* writes a file of the screen curses shows */
            continue;
        changed += check_command((enum cmd_id)id, 1, false);
        changed += check_command((enum cmd_id)id, 2, true);
    }
    /* The check has teeth: steps, runs, rewinds, go to, reset and settings
     * change the model (the count is how many of the runs did). */
    assert_true(changed >= 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_changes_say_recalc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
