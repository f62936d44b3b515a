/* Screen dumps for golden tests (in the spirit of tig's save_display): the
 * text of the screen as curses last drew it, then the role of every cell, one
 * letter each, so that a test compares what the screen means (which cell is
 * the current timestep, a positive number, a changed entry) rather than
 * escape codes. RNNSTEP_SCREEN_DUMP=FILE with --replay plays the recording
 * without waiting for keys, appends a dump to FILE at every "screen" event of
 * the recording and at its end, and quits (tests/e2e/test_golden.sh). */
#ifndef RNNSTEP_TUI_DUMP_H
#define RNNSTEP_TUI_DUMP_H

#include <stdio.h>

#include "theme.h"

/* Letters of the roles in a dump: ' ' normal text, T title, C current, +
 * positive, - negative, G good, B bad, X changed, d dim, S status, W warning. */
extern const char dump_role_letters[TH_ROLE_COUNT + 1];

/* Appends screen number n (text lines, then "roles" and the role lines,
 * both without trailing spaces) to out. */
void dump_screen(FILE *out, const struct theme *th, int n);

#endif
