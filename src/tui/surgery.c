/* Weight surgery from the keyboard: v sets the selected entry of the focused
 * parameter to a typed value, * scales the whole parameter by a typed factor.
 * The prompt takes --edit's grammar (W[0][1]=0.3, W*0.5), prefilled from the
 * selection, so one syntax serves batch mode and the screen; the engine
 * records the edit in history (p undoes it, a replay makes it again). */
#include "surgery.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "app/options.h"

#define SCALE_DEFAULT "0.5"

/* The matrix pane's parameter; at hidden size 1 there is none, and W, the
 * recurrent weight whose size decides vanishing or exploding, is the one
 * surgery is for. */
static enum rnn_param_id focused(const struct tui *t, int *row, int *col)
{
    *row = *col = 0;
    if (t->s->cfg.shape.hidden == 1)
        return RNN_P_W;
    matrix_entry(&t->mat, row, col);
    return t->mat.id;
}

static unsigned ask_edit(struct tui *t, const char *initial)
{
    return tui_ask(t, PROMPT_EDIT, "weight edit (Enter)", initial);
}

unsigned cmd_edit_entry(struct tui *t, uint64_t n)
{
    (void)n;
    int row, col, rows, cols;
    enum rnn_param_id id = focused(t, &row, &col);
    struct rnn_view v;
    rnn_engine_view(t->s->engine, &v);
    rnn_param_dims(v.shape, id, &rows, &cols);
    double now = v.theta.U[rnn_param_offset(v.shape, id) + (size_t)row * cols + (size_t)col];
    char initial[64];
    snprintf(initial, sizeof initial, "%s[%d][%d]=%.6g", rnn_param_name(id), row, col, now);
    return ask_edit(t, initial);
}

unsigned cmd_edit_scale(struct tui *t, uint64_t n)
{
    (void)n;
    int row, col;
    char initial[32];
    snprintf(initial, sizeof initial, "%s*%s", rnn_param_name(focused(t, &row, &col)),
             SCALE_DEFAULT);
    return ask_edit(t, initial);
}

unsigned surgery_apply(struct tui *t, const char *spec)
{
    struct option_edit ed;
    struct rnn_surgery op;
    char err[160];
    /* "@N" schedules an edit in batch mode; here an edit happens now. */
    if (strchr(spec, '@') || !options_parse_edit(spec, &ed)) {
        tui_say(t, true, "'%s' is not %s: nothing changed", spec, OPTIONS_EDIT_GRAMMAR);
        return REACT_REFRESH;
    }
    if (options_edit_surgery(t->s->cfg.shape, &ed, &op, err, sizeof err) != 0) {
        tui_say(t, true, "%s: nothing changed", err);
        return REACT_REFRESH;
    }
    if (!rnn_engine_surgery(t->s->engine, &op)) {
        tui_say(t, true, "'%s' gives a value that is not finite: nothing changed", spec);
        return REACT_REFRESH;
    }
    char what[96];
    rnn_surgery_describe(t->s->cfg.shape, &op, what, sizeof what);
    tui_say(t, false, "%s (recorded in history: p undoes it)", what);
    return REACT_RECALC;
}
