/* The ghost run (ghost.c). */
#ifndef RNNSTEP_TUI_GHOST_H
#define RNNSTEP_TUI_GHOST_H

struct tui;

/* Runs the ghost up to the main run's iteration (never ahead of it). */
void ghost_advance(struct tui *t);

#endif
