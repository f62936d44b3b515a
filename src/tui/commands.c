/* The handler table (from the command table) and the commands of the zoom,
 * the hidden unit and the matrix pane, reset, help and quit. Handlers never
 * draw; they return reaction flags. */
#include "app.h"

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
    if (t->host.shown != VIEW_NONE) {
        tui_say(t, false, "z zooms the main screen: this view's key closes it");
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
    if (t->zoom == PANE_COUNT)
        tui_say(t, false, "Z: no pane is zoomed (z zooms one)");
    t->zoom = PANE_COUNT;
    return REACT_REFRESH;
}

static unsigned move_unit(struct tui *t, int delta)
{
    int H = t->s->cfg.shape.hidden;
    if (H == 1)
        tui_say(t, false, "u, U: this model has one hidden unit (--hidden 2 or more)");
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
    t->play.on = false;
    /* The engine keeps the settings as they are now (the status line shows
     * them), so a student knows r does not undo ] [ o c. */
    tui_say(t, false, "reset to epoch 0; lr, optimiser and clip kept");
    return REACT_RECALC;
}

unsigned cmd_help(struct tui *t, uint64_t n)
{
    (void)n;
    t->help.shown = true;
    t->help.scroll = 0;
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
    return handlers[c->id](t, c->count);
}
