/* The host of the panes and views: opens them for a session, knows which
 * full-screen view is shown (if any) and its scroll, updates and draws what
 * is on screen. */
#ifndef RNNSTEP_TUI_HOST_H
#define RNNSTEP_TUI_HOST_H

#include <stdint.h>

#include "layout.h"
#include "view_table.h"

struct host {
    struct view pane[PANE_COUNT];
    struct view view[VIEW_COUNT]; /* [VIEW_NONE] stays closed */
    enum view_id shown;           /* VIEW_NONE: the panes */
    int scroll;                   /* the shown view's scroll, in rows */
    WINDOW *win;                  /* the shown view's window, remade on resize */
    int rows_below;               /* rows above the status line views leave (a caption bar) */
};

/* Opens every pane (the ones that suit the session) and view; false with
 * one line in err on failure. */
bool host_open(struct host *h, const struct view_env *env, char *err, size_t cap);
void host_close(struct host *h);

/* Shows view id, or the panes again when id is shown already. */
void host_toggle(struct host *h, enum view_id id);
/* Scrolls the shown view by rows; false when only the panes are shown. */
bool host_scroll(struct host *h, int64_t rows);
/* Shows view id and gives it command c; returns reaction flags, with a
 * status-line message in msg when the view has one. */
unsigned host_command(struct host *h, enum view_id id, const struct command *c, char *msg,
                      size_t cap);

/* The model changed: every pane and view updates before it is next drawn. */
void host_invalidate(struct host *h);
/* Updates what is on screen and stale from the frame, then draws it: the shown view
 * over everything above the status line, or each pane in its window. */
void host_update(struct host *h, const struct frame *f, struct rnn_engine *e);
void host_draw(struct host *h, const struct frame *f, WINDOW *const pane_win[PANE_COUNT]);

#endif
