/* Terminating signals: every one that can be caught (rnn_signals_terminating)
 * ends the session and restores the terminal; a fault signal restores the
 * terminal modes and removes unfinished files in its handler (signals.c). */
#ifndef RNNSTEP_TUI_SIGNALS_H
#define RNNSTEP_TUI_SIGNALS_H

#include <stdbool.h>

void signals_install(void);
/* The signal that arrived, 0 when none has. */
int signals_pending(void);
/* Records sig as if it had arrived (a terminal that went away: SIGHUP). */
void signals_raise(int sig);
/* A terminating signal arrived. */
bool tui_interrupted(void);

#endif
