/* Running the model: micro-steps forward and back, whole epochs and passes,
 * going to an epoch, stopping at an explosion or a non-finite value (and
 * saying why). */
#include <stdio.h>

#include "app.h"
#include "format.h"
#include "ghost.h"
#include "signals.h"

unsigned run_stop_events(const struct tui *t)
{
    return RNN_EV_NONFINITE | (t->play.no_explosion_pause ? 0 : RNN_EV_EXPLODED);
}

void run_report_events(struct tui *t, unsigned ev)
{
    if (!(ev & run_stop_events(t)))
        return;
    struct rnn_view v;
    rnn_engine_view(t->s->engine, &v);
    char norm[FMT_NUM_CAP];
    fmt_num(norm, sizeof norm, v.grad_norm, 0);
    /* The update that raised the event is the last one, which brought the
     * counter to the epoch the status line shows: no second number. */
    t->play.on = false;
    t->play.paused = true;
    if (ev & RNN_EV_NONFINITE)
        tui_say(t, true, "PAUSED: nan/inf in the last update");
    else
        tui_say(t, true, "PAUSED: explosion, last update |grad| %s", norm);
}

unsigned cmd_step(struct tui *t, uint64_t n)
{
    for (uint64_t i = 0; i < n && !tui_interrupted(); i++) {
        unsigned ev = rnn_engine_step(t->s->engine);
        if (ev & run_stop_events(t)) {
            run_report_events(t, ev);
            break;
        }
    }
    return REACT_RECALC;
}

uint64_t run_sliced(struct tui *t, uint64_t n, unsigned stop, unsigned *events)
{
    uint64_t done = 0;
    /* With a ghost run, one iteration at a time: the pair stops together at
     * an event of stop in either run (ghost_advance says which). */
    uint64_t most = ghost_running(t) ? 1 : TUI_RUN_SLICE;
    *events = 0;
    while (done < n && !(*events & stop) && !tui_interrupted()) {
        unsigned slice_ev = 0;
        uint64_t slice = n - done < most ? n - done : most;
        done += rnn_engine_run(t->s->engine, slice, stop, &slice_ev);
        *events |= slice_ev;
        if (!(slice_ev & stop) && ghost_advance(t, stop))
            break;
    }
    return done;
}

static unsigned run_iterations(struct tui *t, uint64_t n, const char *what)
{
    unsigned ev;
    uint64_t done = run_sliced(t, n, run_stop_events(t), &ev);
    if (ev & run_stop_events(t))
        run_report_events(t, ev);
    else if (n > 1 && !t->play.paused) /* paused: the ghost run stopped it */
        tui_say(t, false, "ran %llu %s", (unsigned long long)done, what);
    return REACT_RECALC;
}

static const char *iteration_word(const struct tui *t)
{
    return t->s->corpus ? "iteration" : "epoch";
}

unsigned cmd_epoch(struct tui *t, uint64_t n)
{
    return run_iterations(t, n, t->s->corpus ? "iterations" : "epochs");
}

/* Back to the start of iteration n, which begins at micro-step n (2T + 1)
 * (every window has T steps): one rewind, not one per micro-step. */
static unsigned go_back(struct tui *t, uint64_t n, uint64_t tick)
{
    if (!rnn_engine_rewind_to(t->s->engine, tick)) {
        tui_say(t, true, "%s %llu is no longer kept for rewinding: r restarts from 0",
                iteration_word(t), (unsigned long long)n);
        return REACT_REFRESH;
    }
    tui_say(t, false, "at %s %llu", iteration_word(t), (unsigned long long)n);
    return REACT_RECALC;
}

unsigned tui_go_to(struct tui *t, uint64_t n)
{
    struct rnn_view v;
    rnn_engine_view(t->s->engine, &v);
    uint64_t per = 2 * (uint64_t)v.T + 1;
    if (n <= v.iteration)
        return go_back(t, n, n * per);
    t->play.on = false;
    unsigned ev;
    run_sliced(t, n - v.iteration, RNN_EV_NONFINITE, &ev); /* finishes the current one first */
    if (ev & RNN_EV_NONFINITE)
        run_report_events(t, ev);
    else if (!t->play.paused)
        tui_say(t, false, "at %s %llu%s", iteration_word(t), (unsigned long long)n,
                ev & RNN_EV_EXPLODED ? " (through an explosion: l shows where)" : "");
    return REACT_RECALC;
}

unsigned cmd_goto(struct tui *t, uint64_t n)
{
    if (t->counted)
        return tui_go_to(t, n);
    return tui_ask(t, PROMPT_GOTO, t->s->corpus ? "go to iteration (Enter)" : "go to epoch (Enter)",
                   "");
}

unsigned cmd_explosion_pause(struct tui *t, uint64_t n)
{
    (void)n;
    t->play.no_explosion_pause = !t->play.no_explosion_pause;
    tui_say(t, false,
            t->play.no_explosion_pause ? "explosions no longer pause runs (X: pause again)"
                                       : "explosions pause runs again");
    return REACT_REFRESH;
}

unsigned cmd_pass(struct tui *t, uint64_t n)
{
    uint64_t per = rnn_engine_iterations_per_pass(t->s->engine);
    uint64_t total = n > UINT64_MAX / per ? UINT64_MAX : n * per;
    return run_iterations(t, total, "iterations");
}

unsigned cmd_back(struct tui *t, uint64_t n)
{
    for (uint64_t i = 0; i < n && !tui_interrupted(); i++)
        if (!rnn_engine_rewind(t->s->engine)) {
            tui_say(t, true,
                    i ? "rewound %llu steps: no earlier state kept"
                      : "nothing earlier to rewind to",
                    (unsigned long long)i);
            break;
        }
    return REACT_RECALC;
}
