/* The ghost run (ghost.c). */
#ifndef RNNSTEP_TUI_GHOST_H
#define RNNSTEP_TUI_GHOST_H

#include <stdbool.h>

struct tui;

/* Runs the ghost up to the main run's iteration (never ahead of it),
 * stopping at the events in `stop` as the main run does (run_stop_events:
 * X turns pausing at explosions off for both). A stop pauses, with the
 * reason on the status line; at nan/inf the ghost stays where it is. Returns
 * the stop events (0: caught up). */
unsigned ghost_advance(struct tui *t, unsigned stop);
/* True when there is a ghost that advances. */
bool ghost_running(const struct tui *t);

#endif
