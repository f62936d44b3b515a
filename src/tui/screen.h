/* The screen (screen.c). */
#ifndef RNNSTEP_TUI_SCREEN_H
#define RNNSTEP_TUI_SCREEN_H

#include <stdbool.h>

struct tui;

/* Lays the panes out for the terminal's size and makes their windows; false
 * when a window cannot be made. */
bool screen_relayout(struct tui *t);
void screen_free(struct tui *t);
/* Updates what the last RECALC made stale, then draws everything. */
void screen_draw(struct tui *t);

#endif
