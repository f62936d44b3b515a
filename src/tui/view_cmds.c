/* The commands that show, scroll and drive the full-screen views. */
#include "app.h"

#define SCROLL_STEP 5

static unsigned toggle_view(struct tui *t, enum view_id view)
{
    host_toggle(&t->host, view);
    return REACT_REFRESH;
}

/* One command per view key: the command table names a function each. */
#define VIEW_TOGGLE_COMMAND(name, view)                                                            \
    unsigned name(struct tui *t, uint64_t n)                                                       \
    {                                                                                              \
        (void)n;                                                                                   \
        return toggle_view(t, view);                                                               \
    }

VIEW_TOGGLE_COMMAND(cmd_view_flow, VIEW_FLOW)
VIEW_TOGGLE_COMMAND(cmd_view_gradcheck, VIEW_GRADCHECK)
VIEW_TOGGLE_COMMAND(cmd_view_sample, VIEW_SAMPLE)
VIEW_TOGGLE_COMMAND(cmd_view_chart, VIEW_CHART)
VIEW_TOGGLE_COMMAND(cmd_view_truncation, VIEW_TRUNCATION)
VIEW_TOGGLE_COMMAND(cmd_view_diagnostics, VIEW_DIAGNOSTICS)

static unsigned scroll_by(struct tui *t, int64_t rows)
{
    if (!host_scroll(&t->host, rows))
        tui_say(t, false, "j and k scroll the views f, g, s, l and K");
    return REACT_REFRESH;
}

unsigned cmd_scroll_down(struct tui *t, uint64_t n)
{
    return scroll_by(t, (int64_t)(n > 10000 ? 10000 : n) * SCROLL_STEP);
}

unsigned cmd_scroll_up(struct tui *t, uint64_t n)
{
    return scroll_by(t, -(int64_t)(n > 10000 ? 10000 : n) * SCROLL_STEP);
}

/* Gives c to view (shown from now on); its message, if any, goes on the
 * status line. Returns the view's reaction flags (0: not its command). */
static unsigned give_view(struct tui *t, enum view_id view, const struct command *c)
{
    char msg[sizeof t->msg.text];
    unsigned flags = host_command(&t->host, view, c, msg, sizeof msg);
    if (flags)
        t->msg.text[0] = '\0';
    if (msg[0])
        tui_say(t, false, "%s", msg);
    return flags;
}

unsigned view_cmds_focused(struct tui *t, const struct command *c)
{
    return t->host.shown == VIEW_NONE ? 0 : give_view(t, t->host.shown, c);
}

/* A command of one view: it opens that view and the view handles it. */
static unsigned view_cmd(struct tui *t, enum view_id view, enum cmd_id id, uint64_t n)
{
    struct command c = {.id = id, .count = n};
    return give_view(t, view, &c) | REACT_REFRESH;
}

unsigned cmd_chart_scale(struct tui *t, uint64_t n)
{
    return view_cmd(t, VIEW_CHART, CMD_CHART_SCALE, n);
}

unsigned cmd_temperature(struct tui *t, uint64_t n)
{
    return view_cmd(t, VIEW_SAMPLE, CMD_TEMPERATURE, n);
}

unsigned cmd_first_char(struct tui *t, uint64_t n)
{
    return view_cmd(t, VIEW_SAMPLE, CMD_FIRST_CHAR, n);
}

unsigned cmd_resample(struct tui *t, uint64_t n)
{
    return view_cmd(t, VIEW_SAMPLE, CMD_RESAMPLE, n);
}
