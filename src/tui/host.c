/* Which pane goes in which slot, which view is shown, and the one place
 * that updates and draws them. */
#include "host.h"

#include <stddef.h>

#define VIEW_TABLE_ROW(id, ops) [VIEW_##id] = &ops,
static const struct view_ops *const views[VIEW_COUNT] = {VIEW_TABLE(VIEW_TABLE_ROW)};

#define SCROLL_LIMIT 100000

/* Corpus mode shows the window inside the text; above hidden size 1 the
 * matrix pane replaces one unit's slice of the parameters. */
static const struct view_ops *slot_pane(enum pane_id slot, const struct session *s)
{
    static const struct view_ops *const fixed[PANE_COUNT] = {
        [PANE_SEQUENCE] = &pane_sequence, [PANE_HIDDEN] = &pane_hidden,
        [PANE_LOSS] = &pane_loss,         [PANE_SOFTMAX] = &pane_softmax,
        [PANE_GRADS] = &pane_grads,       [PANE_EQUATION] = &pane_equation,
    };
    if (slot == PANE_SEQUENCE && s->corpus)
        return &pane_corpus;
    if (slot == PANE_GRADS && s->cfg.shape.hidden > 1)
        return &pane_matrix;
    return fixed[slot];
}

bool host_open(struct host *h, const struct view_env *env, char *err, size_t cap)
{
    for (int i = 0; i < PANE_COUNT; i++)
        if (!view_open(&h->pane[i], slot_pane((enum pane_id)i, env->s), env, err, cap))
            return false;
    for (int i = VIEW_NONE + 1; i < VIEW_COUNT; i++)
        if (!view_open(&h->view[i], views[i], env, err, cap))
            return false;
    return true;
}

void host_close(struct host *h)
{
    for (int i = 0; i < PANE_COUNT; i++)
        view_close(&h->pane[i]);
    for (int i = 0; i < VIEW_COUNT; i++)
        view_close(&h->view[i]);
    if (h->win)
        delwin(h->win);
    h->win = NULL;
}

void host_toggle(struct host *h, enum view_id id)
{
    h->shown = h->shown == id ? VIEW_NONE : id;
    h->scroll = 0;
}

bool host_scroll(struct host *h, int64_t rows)
{
    if (h->shown == VIEW_NONE)
        return false;
    int64_t s = h->scroll + rows;
    h->scroll = s < -SCROLL_LIMIT ? -SCROLL_LIMIT : s > SCROLL_LIMIT ? SCROLL_LIMIT : (int)s;
    return true;
}

unsigned host_command(struct host *h, enum view_id id, const struct command *c, char *msg,
                      size_t cap)
{
    h->shown = id;
    return view_command(&h->view[id], c, msg, cap);
}

void host_invalidate(struct host *h)
{
    for (int i = 0; i < PANE_COUNT; i++)
        h->pane[i].stale = true;
    for (int i = 0; i < VIEW_COUNT; i++)
        h->view[i].stale = true;
}

void host_update(struct host *h, const struct frame *f, struct rnn_engine *e)
{
    if (h->shown != VIEW_NONE) {
        view_update(&h->view[h->shown], f, e);
        return;
    }
    for (int i = 0; i < PANE_COUNT; i++)
        view_update(&h->pane[i], f, e);
}

/* The view covers everything above the status line (and the rows below it
 * others keep); remade on resize. */
static WINDOW *view_window(struct host *h, const struct theme *th)
{
    int rows = LINES - 1 - h->rows_below, cols = COLS;
    if (h->win && (getmaxy(h->win) != rows || getmaxx(h->win) != cols)) {
        delwin(h->win);
        h->win = NULL;
    }
    if (!h->win && (h->win = newwin(rows, cols, 0, 0)))
        theme_paint(th, h->win);
    return h->win;
}

void host_draw(struct host *h, const struct frame *f, WINDOW *const pane_win[PANE_COUNT])
{
    WINDOW *w = h->shown != VIEW_NONE ? view_window(h, f->th) : NULL;
    if (w) {
        werase(w);
        view_draw(&h->view[h->shown], f, w);
        wnoutrefresh(w);
        return;
    }
    for (int i = 0; i < PANE_COUNT; i++) {
        if (!pane_win[i])
            continue; /* another pane is zoomed */
        werase(pane_win[i]);
        view_draw(&h->pane[i], f, pane_win[i]);
        wnoutrefresh(pane_win[i]);
    }
}
