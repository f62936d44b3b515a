/* The ghost run (F): a clone of the engine that keeps the settings it was
 * forked with and advances alongside the main run, for the loss chart. */
#include "ghost.h"

#include "app.h"
#include "format.h"
#include "signals.h"
#include "teach.h"

unsigned cmd_fork(struct tui *t, uint64_t n)
{
    (void)n;
    struct teach *tc = t->teach;
    struct rnn_engine *clone = rnn_engine_clone(t->s->engine);
    if (!clone) {
        tui_say(t, true, "not enough memory to fork the run");
        return REACT_REFRESH;
    }
    if (tc->ghost)
        rnn_engine_destroy(tc->ghost);
    tc->ghost = clone;
    tc->ghost_stopped = false;
    struct rnn_view v;
    rnn_engine_view(clone, &v);
    tc->ghost_from = v.iteration;
    tui_say(t, false, "forked at epoch %llu: change lr (] [), o or c; l compares the runs",
            (unsigned long long)v.iteration);
    return REACT_REFRESH;
}

bool ghost_running(const struct tui *t)
{
    return t->teach->ghost && !t->teach->ghost_stopped;
}

/* A stop of the ghost, said as the main run's are (run_report_events). */
static void report_stop(struct tui *t, unsigned ev, const struct rnn_view *g)
{
    char norm[FMT_NUM_CAP];
    fmt_num(norm, sizeof norm, g->grad_norm, 0);
    const char *unit = t->s->corpus ? "iteration" : "epoch";
    if (ev & RNN_EV_NONFINITE)
        t->teach->ghost_stopped = true;
    if (t->play.paused) /* the main run stopped at the same update: its reason stays */
        return;
    t->play.on = false;
    t->play.paused = true;
    t->play.paused_ghost = true;
    if (ev & RNN_EV_NONFINITE) {
        tui_say(t, true, "PAUSED: nan/inf in the ghost run, %s %llu: it stops there", unit,
                (unsigned long long)g->iteration);
    } else {
        tui_say(t, true, "PAUSED: the ghost run exploded, %s %llu, |grad| %s", unit,
                (unsigned long long)g->iteration, norm);
    }
}

unsigned ghost_advance(struct tui *t, unsigned stop)
{
    struct teach *tc = t->teach;
    if (!ghost_running(t))
        return 0;
    struct rnn_view v, g;
    rnn_engine_view(t->s->engine, &v);
    rnn_engine_view(tc->ghost, &g);
    /* In slices, as a long main run: a signal must not wait for the catch-up. */
    while (g.iteration < v.iteration && !tui_interrupted()) {
        unsigned ev = 0;
        uint64_t left = v.iteration - g.iteration;
        rnn_engine_run(tc->ghost, left < TUI_RUN_SLICE ? left : TUI_RUN_SLICE, stop, &ev);
        rnn_engine_view(tc->ghost, &g);
        if (ev & stop) {
            report_stop(t, ev, &g);
            return ev & stop;
        }
    }
    return 0;
}
