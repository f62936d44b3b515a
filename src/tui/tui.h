/* The ncurses visualiser. */
#ifndef RNNSTEP_TUI_H
#define RNNSTEP_TUI_H

#include "app/lesson.h"
#include "app/options.h"
#include "app/session.h"

/* Runs the visualiser until the user quits, playing the lesson when there
 * is one (else NULL); returns the exit status. */
int tui_run(struct session *s, const struct options *o, const struct lesson *lesson);

#endif
