/* The view protocol, in the spirit of tig's struct view_ops: every pane and
 * every full-screen view is one file that owns its private state and gives
 * these operations. The main loop calls update once per state change (after
 * a command or event that returned REACT_RECALC), then draw, which is pure:
 * it reads the view's state and the frame and computes nothing. */
#ifndef RNNSTEP_TUI_VIEW_H
#define RNNSTEP_TUI_VIEW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/options.h"
#include "app/session.h"
#include "frame.h"
#include "input.h"
#include "reaction.h"

/* What a view may read when it opens: the session and the options. */
struct view_env {
    const struct session *s;
    const struct options *o;
};

struct view_ops {
    const char *name;  /* "flow", "sequence": for messages and tests */
    size_t state_size; /* private state the host allocates zeroed; 0: none */
    /* Sets up the state; false with one line in err on failure. NULL: none. */
    bool (*open)(void *state, const struct view_env *env, char *err, size_t cap);
    /* Frees what open allocated. NULL: nothing to free. */
    void (*close)(void *state);
    /* Derives what the view shows from the frame, computing through the
     * engine where it must (the gradient check). NULL: draw reads the frame. */
    void (*update)(void *state, const struct frame *f, struct rnn_engine *e);
    /* Draws into w (already erased). Pure. */
    void (*draw)(const void *state, const struct frame *f, WINDOW *w);
    /* A command aimed at this view; returns reaction flags, and may put a
     * status-line message in msg (left empty otherwise). NULL: none. */
    unsigned (*command)(void *state, const struct command *c, char *msg, size_t cap);
};

/* An open view: its operations and its state. */
struct view {
    const struct view_ops *ops;
    void *state;
    bool stale; /* the model changed since update last ran */
};

/* Allocates and opens v for ops; false with err filled on failure. */
bool view_open(struct view *v, const struct view_ops *ops, const struct view_env *env, char *err,
               size_t cap);
void view_close(struct view *v);
/* Runs update when the view is stale. */
void view_update(struct view *v, const struct frame *f, struct rnn_engine *e);
void view_draw(const struct view *v, const struct frame *f, WINDOW *w);
unsigned view_command(struct view *v, const struct command *c, char *msg, size_t cap);

#endif
