/* The ncurses visualiser. */
#ifndef RNNSTEP_TUI_H
#define RNNSTEP_TUI_H

#include "app/options.h"
#include "app/session.h"

/* Runs the visualiser until the user quits; returns the exit status. */
int tui_run(struct session *s, const struct options *o);

#endif
