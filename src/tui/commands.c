/* The command table: what each key does to the engine and the play state.
 * Handlers never draw; they return what to redraw. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "format.h"
#include "teach.h"

struct speed {
    int delay_ms;
    int epochs; /* 0: one micro-step per tick */
    const char *label;
};

static const struct speed speeds[] = {
    {1000, 0, "1 step/s"},    {500, 0, "2 steps/s"},      {250, 0, "4 steps/s"},
    {100, 0, "10 steps/s"},   {40, 0, "25 steps/s"},      {40, 1, "25 epochs/s"},
    {40, 10, "250 epochs/s"}, {40, 100, "2500 epochs/s"},
};
#define SPEED_COUNT ((int)(sizeof speeds / sizeof speeds[0]))

void tui_say(struct tui *t, bool warn, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->message, sizeof t->message, fmt, ap);
    va_end(ap);
    t->message_warn = warn;
}

/* The engine events that stop runs and autoplay. */
static unsigned stop_events(const struct tui *t)
{
    return RNN_EV_NONFINITE | (t->no_explosion_pause ? 0 : RNN_EV_EXPLODED);
}

/* Explains a stop event on the status line (status.c adds the keys that
 * help) and stops autoplay. */
static void report_events(struct tui *t, unsigned ev)
{
    if (!(ev & stop_events(t)))
        return;
    struct rnn_view v;
    rnn_engine_view(t->s->engine, &v);
    char norm[FMT_NUM_CAP];
    fmt_num(norm, sizeof norm, v.grad_norm, 0);
    /* The update that raised the event is the last one, which brought the
     * counter to the epoch the status line shows: no second number. */
    t->autoplay = false;
    t->paused = true;
    if (ev & RNN_EV_NONFINITE)
        tui_say(t, true, "PAUSED: nan/inf in the last update");
    else
        tui_say(t, true, "PAUSED: explosion, last update |grad| %s", norm);
}

unsigned cmd_step(struct tui *t, uint64_t n)
{
    for (uint64_t i = 0; i < n && !tui_interrupted(); i++) {
        unsigned ev = rnn_engine_step(t->s->engine);
        if (ev & stop_events(t)) {
            report_events(t, ev);
            break;
        }
    }
    return REACT_REFRESH;
}

/* Finishes n iterations unless one raises an event of stop; *events gets
 * the events of all of them. Returns how many were done. */
static uint64_t run_sliced(struct tui *t, uint64_t n, unsigned stop, unsigned *events)
{
    uint64_t done = 0;
    *events = 0;
    while (done < n && !(*events & stop) && !tui_interrupted()) {
        unsigned slice_ev = 0;
        uint64_t slice = n - done < TUI_RUN_SLICE ? n - done : TUI_RUN_SLICE;
        done += rnn_engine_run(t->s->engine, slice, stop, &slice_ev);
        *events |= slice_ev;
    }
    return done;
}

static unsigned run_iterations(struct tui *t, uint64_t n, const char *what)
{
    unsigned ev;
    uint64_t done = run_sliced(t, n, stop_events(t), &ev);
    if (ev & stop_events(t))
        report_events(t, ev);
    else if (n > 1)
        tui_say(t, false, "ran %llu %s", (unsigned long long)done, what);
    return REACT_REFRESH;
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
    t->autoplay = false;
    unsigned ev;
    run_sliced(t, n - v.iteration, RNN_EV_NONFINITE, &ev); /* finishes the current one first */
    if (ev & RNN_EV_NONFINITE)
        report_events(t, ev);
    else
        tui_say(t, false, "at %s %llu%s", iteration_word(t), (unsigned long long)n,
                ev & RNN_EV_EXPLODED ? " (through an explosion: l shows where)" : "");
    return REACT_RECALC;
}

unsigned cmd_goto(struct tui *t, uint64_t n)
{
    if (t->counted)
        return tui_go_to(t, n);
    return teach_ask_goto(t);
}

unsigned cmd_explosion_pause(struct tui *t, uint64_t n)
{
    (void)n;
    t->no_explosion_pause = !t->no_explosion_pause;
    tui_say(t, false,
            t->no_explosion_pause ? "explosions no longer pause runs (X: pause again)"
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
    return REACT_REFRESH;
}

/* Panes by the names the zoom announces, in the order z visits them. */
static const char *const pane_names[PANE_COUNT] = {
    [PANE_SEQUENCE] = "sequence", [PANE_HIDDEN] = "hidden state", [PANE_LOSS] = "loss",
    [PANE_SOFTMAX] = "softmax",   [PANE_GRADS] = "parameters",    [PANE_EQUATION] = "equation",
};

unsigned cmd_zoom(struct tui *t, uint64_t n)
{
    if (t->lesson) { /* the caption bar lives in the equation pane's rows */
        tui_say(t, true, "no zoom during a lesson");
        return REACT_REFRESH;
    }
    t->zoom = (int)((t->zoom + n) % (PANE_COUNT + 1));
    if (t->zoom == PANE_COUNT)
        tui_say(t, false, "all panes");
    else
        tui_say(t, false, "zoom: %s (%d of %d)", pane_names[t->zoom], t->zoom + 1, PANE_COUNT);
    return REACT_REFRESH;
}

unsigned cmd_zoom_off(struct tui *t, uint64_t n)
{
    (void)n;
    t->zoom = PANE_COUNT;
    return REACT_REFRESH;
}

unsigned cmd_autoplay(struct tui *t, uint64_t n)
{
    (void)n;
    t->autoplay = !t->autoplay;
    return REACT_REFRESH;
}

static unsigned change_speed(struct tui *t, int delta)
{
    int s = t->speed + delta;
    t->speed = s < 0 ? 0 : s >= SPEED_COUNT ? SPEED_COUNT - 1 : s;
    /* Paused, the speed is for the next autoplay: say so, not "playing at". */
    tui_say(t, false, "autoplay speed: %s%s", speeds[t->speed].label,
            t->autoplay ? "" : " when playing (paused: space plays)");
    return REACT_REFRESH;
}

unsigned cmd_faster(struct tui *t, uint64_t n)
{
    return change_speed(t, n > SPEED_COUNT ? SPEED_COUNT : (int)n);
}

unsigned cmd_slower(struct tui *t, uint64_t n)
{
    return change_speed(t, -(n > SPEED_COUNT ? SPEED_COUNT : (int)n));
}

static unsigned move_unit(struct tui *t, int delta)
{
    int H = t->s->cfg.shape.hidden;
    t->mat.unit = ((t->mat.unit + delta) % H + H) % H;
    return REACT_REFRESH;
}

unsigned cmd_unit_next(struct tui *t, uint64_t n)
{
    return move_unit(t, (int)(n % (uint64_t)t->s->cfg.shape.hidden));
}

unsigned cmd_unit_prev(struct tui *t, uint64_t n)
{
    return move_unit(t, -(int)(n % (uint64_t)t->s->cfg.shape.hidden));
}

unsigned cmd_reset(struct tui *t, uint64_t n)
{
    (void)n;
    rnn_engine_reset(t->s->engine);
    t->autoplay = false;
    /* The engine keeps the settings as they are now (the status line shows
     * them), so a student knows r does not undo ] [ o c. */
    tui_say(t, false, "reset to epoch 0; lr, optimiser and clip kept");
    return REACT_REFRESH;
}

unsigned cmd_help(struct tui *t, uint64_t n)
{
    (void)n;
    t->help = true;
    t->help_scroll = 0;
    return REACT_REFRESH;
}

unsigned cmd_quit(struct tui *t, uint64_t n)
{
    (void)t;
    (void)n;
    return REACT_QUIT;
}

/* The matrix pane exists for hidden sizes above 1; below, its keys say so. */
static bool matrix_pane_shown(struct tui *t)
{
    if (t->s->cfg.shape.hidden > 1)
        return true;
    tui_say(t, false, "the matrix pane needs --hidden 2 or more");
    return false;
}

static unsigned cycle_matrix(struct tui *t, int delta)
{
    if (matrix_pane_shown(t))
        matrix_cycle(&t->mat, delta);
    return REACT_REFRESH;
}

unsigned cmd_matrix_next(struct tui *t, uint64_t n)
{
    return cycle_matrix(t, (int)(n % RNN_P_COUNT));
}

unsigned cmd_matrix_prev(struct tui *t, uint64_t n)
{
    return cycle_matrix(t, -(int)(n % RNN_P_COUNT));
}

static unsigned move_entry(struct tui *t, uint64_t n, int drow, int dcol)
{
    int steps = n > RNN_HIDDEN_MAX ? RNN_HIDDEN_MAX : (int)n; /* past any edge */
    if (matrix_pane_shown(t))
        matrix_move(&t->mat, t->s->cfg.shape, drow * steps, dcol * steps);
    return REACT_REFRESH;
}

unsigned cmd_entry_left(struct tui *t, uint64_t n)
{
    return move_entry(t, n, 0, -1);
}

unsigned cmd_entry_right(struct tui *t, uint64_t n)
{
    return move_entry(t, n, 0, 1);
}

unsigned cmd_entry_up(struct tui *t, uint64_t n)
{
    return move_entry(t, n, -1, 0);
}

unsigned cmd_entry_down(struct tui *t, uint64_t n)
{
    return move_entry(t, n, 1, 0);
}

unsigned cmd_matrix_numbers(struct tui *t, uint64_t n)
{
    (void)n;
    if (matrix_pane_shown(t))
        t->mat.numbers = !t->mat.numbers;
    return REACT_REFRESH;
}

unsigned cmd_matrix_grad(struct tui *t, uint64_t n)
{
    (void)n;
    if (matrix_pane_shown(t))
        t->mat.grad = !t->mat.grad;
    return REACT_REFRESH;
}

typedef unsigned (*cmd_fn)(struct tui *t, uint64_t count);

#define HANDLER_ROW(id, handler, help) [CMD_##id] = handler,
#define NO_KEY(id, key, name)
static const cmd_fn handlers[CMD_COUNT] = {COMMAND_TABLE(HANDLER_ROW, NO_KEY)};

unsigned tui_command(struct tui *t, const struct command *c)
{
    t->message[0] = '\0';
    t->paused = false;
    t->loss_valid = false;
    t->counted = c->counted;
    return handlers[c->id](t, c->count);
}

unsigned tui_autoplay_tick(struct tui *t)
{
    const struct speed *s = &speeds[t->speed];
    t->loss_valid = false;
    if (s->epochs == 0)
        return cmd_step(t, 1);
    unsigned ev = 0;
    rnn_engine_run(t->s->engine, (uint64_t)s->epochs, stop_events(t), &ev);
    report_events(t, ev);
    return REACT_REFRESH;
}

int tui_autoplay_delay(const struct tui *t)
{
    return speeds[t->speed].delay_ms;
}

const char *tui_autoplay_label(const struct tui *t)
{
    return speeds[t->speed].label;
}
