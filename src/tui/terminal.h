/* The terminal (terminal.c). */
#ifndef RNNSTEP_TUI_TERMINAL_H
#define RNNSTEP_TUI_TERMINAL_H

#include <stdbool.h>
#include <stddef.h>

struct tui;

/* Starts curses on the terminal (headless: drawing to /dev/null, the size
 * from LINES and COLUMNS); false with one line in err when TERM is unusable. */
bool terminal_start(struct tui *t, bool headless, char *err, size_t cap);
/* Ends curses if it runs; safe to call more than once (atexit too). */
void terminal_restore(void);
/* The other end of the pty closed. */
bool terminal_gone(void);

#endif
