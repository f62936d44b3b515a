/* The ghost run (F): a clone of the engine that keeps the settings it was
 * forked with and advances alongside the main run, for the loss chart. */
#include "ghost.h"

#include "app.h"
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
    struct rnn_view v;
    rnn_engine_view(clone, &v);
    tc->ghost_from = v.iteration;
    tui_say(t, false, "forked at epoch %llu: change lr (] [), o or c; l compares the runs",
            (unsigned long long)v.iteration);
    return REACT_REFRESH;
}

/* The ghost run keeps pace with the main one (never runs ahead of it). */
void ghost_advance(struct tui *t)
{
    struct teach *tc = t->teach;
    if (!tc->ghost)
        return;
    struct rnn_view v, g;
    rnn_engine_view(t->s->engine, &v);
    rnn_engine_view(tc->ghost, &g);
    /* In slices, as a long main run: a signal must not wait for the catch-up. */
    while (g.iteration < v.iteration && !tui_interrupted()) {
        unsigned ev;
        uint64_t left = v.iteration - g.iteration;
        rnn_engine_run(tc->ghost, left < TUI_RUN_SLICE ? left : TUI_RUN_SLICE, 0, &ev);
        rnn_engine_view(tc->ghost, &g);
    }
}
