/* The visualiser's state: session, screen layout, input and play state.
 * Commands change it and return reaction flags; screen.c draws. */
#ifndef RNNSTEP_TUI_APP_H
#define RNNSTEP_TUI_APP_H

#include <curses.h>
#include <stdbool.h>

#include "app/options.h"
#include "app/session.h"
#include "frame.h"
#include "host.h"
#include "input.h"
#include "layout.h"
#include "matrix.h"
#include "prompt.h"
#include "reaction.h"
#include "theme.h"

/* Multi-epoch runs and autoplay pause at these engine events. */
#define TUI_STOP_EVENTS (RNN_EV_EXPLODED | RNN_EV_NONFINITE)
/* Iterations per engine call in a long run (the main one or the ghost's): a
 * few milliseconds for small models, so a signal is noticed quickly. */
#define TUI_RUN_SLICE 256

struct lesson_play;

/* The windows the layout made for the terminal's size (screen.c). */
struct tui_windows {
    WINDOW *pane[PANE_COUNT]; /* NULL for the panes a zoom hides */
    WINDOW *status, *help;
    WINDOW *caption; /* a lesson's caption bar, above the status line */
    int laid_zoom;   /* the zoom the windows were made for */
};

/* Autoplay and how runs stop (play.c, run.c). */
struct tui_play {
    bool on;
    int speed;               /* index into the autoplay speed table */
    bool no_explosion_pause; /* X: runs and autoplay go on through explosions */
    bool paused;             /* the last command or tick stopped at an event */
    bool paused_ghost;       /* ... in the ghost run (F), whose settings c, [ and ] leave */
};

/* The help overlay (help.c). */
struct tui_help {
    bool shown;
    int scroll; /* first key line the overlay shows */
};

/* The status line's message (message.c). */
struct tui_message {
    char text[192];
    bool warn;
};

/* What is derived from the model for drawing, recomputed after a
 * REACT_RECALC only (screen.c). */
struct tui_derived {
    bool stale; /* the model changed since this was last updated */
    double loss_now;
    /* What loss_now was computed for (loss_known: anything yet): a step
     * inside an iteration changes neither the parameters nor the window, so
     * it does not pay for another forward pass over the window. */
    bool loss_known;
    uint64_t loss_version, loss_iteration;
    size_t loss_position;
};

struct tui {
    struct session *s;
    const struct options *o;
    struct theme th;
    struct layout lay;
    struct tui_windows win;
    struct input_state in;
    bool counted; /* the command being run was given a count */
    struct tui_play play;
    struct tui_help help;
    struct tui_message msg;
    int zoom;              /* the pane shown alone (z), PANE_COUNT: all of them */
    struct matrix_sel mat; /* matrix pane; mat.unit is the selected hidden unit */
    struct tui_derived derived;
    struct host host;           /* the panes and full-screen views */
    struct teach *teach;        /* teaching tools' state (teach.h) */
    struct lesson_play *lesson; /* the lesson being played, or NULL */
};

/* Sets the status-line message (message.c). */
void tui_say(struct tui *t, bool warn, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Opens a status-line prompt of kind with label and initial text; returns
 * reaction flags. */
unsigned tui_ask(struct tui *t, enum prompt_kind kind, const char *label, const char *initial);
/* A command c begins: the last command's message and pause leave the status
 * line. */
void tui_command_begin(struct tui *t, const struct command *c);

/* Every handler of the command table (command_table.h); commands.c puts them
 * in its handler table, so a row without its handler does not link. */
#define TUI_HANDLER_DECL(id, handler, help) unsigned handler(struct tui *t, uint64_t count);
#define TUI_NO_KEY(id, key, name)
COMMAND_TABLE(TUI_HANDLER_DECL, TUI_NO_KEY)

/* Goes to the start of iteration n: forward by training (through
 * explosions: the destination was asked for), back by rewinding. */
unsigned tui_go_to(struct tui *t, uint64_t n);

/* The engine events that stop runs and autoplay (run.c): explosions too
 * unless X turned that off. */
unsigned run_stop_events(const struct tui *t);
/* Finishes n iterations (the ghost run alongside) unless one raises an event
 * of stop in either run; *events gets the main run's events. Returns how
 * many were done. */
uint64_t run_sliced(struct tui *t, uint64_t n, unsigned stop, unsigned *events);
/* Explains a stop event on the status line (status.c adds the keys that
 * help) and stops autoplay. */
void run_report_events(struct tui *t, unsigned ev);

/* Runs command c's handler (events.c began it); returns reaction flags. */
unsigned tui_command(struct tui *t, const struct command *c);
/* The command c to the full-screen view on screen; 0 when none is shown or it
 * does not take c (view_cmds.c). */
unsigned view_cmds_focused(struct tui *t, const struct command *c);
/* One autoplay tick (a micro-step or some epochs, by speed). */
unsigned tui_autoplay_tick(struct tui *t);
/* Milliseconds between autoplay ticks at the current speed. */
int tui_autoplay_delay(const struct tui *t);
const char *tui_autoplay_label(const struct tui *t);
#define TUI_SPEED_DEFAULT 2

void status_draw(const struct tui *t, const struct frame *f, WINDOW *w);
void help_draw(const struct tui *t, WINDOW *w);
/* Rows and columns the help overlay takes on a screen of max_rows x
 * max_cols: two columns of keys when one does not fit in height but two fit
 * in width, else one that scrolls. */
void help_size(const struct tui *t, int max_rows, int max_cols, int *rows, int *cols);
/* Scrolls the help overlay for keys that scroll it (returns true), clamped
 * to its length; any other key closes it. */
bool help_scroll_key(struct tui *t, int key);

#endif
