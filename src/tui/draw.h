/* Drawing helpers shared by the panes: clipped text, titles, bars, names. */
#ifndef RNNSTEP_TUI_DRAW_H
#define RNNSTEP_TUI_DRAW_H

#include <curses.h>

#include "format.h"
#include "frame.h"

#define DRAW_LINE_CAP 1024

/* Text at (y, x) cut at the window's right edge; returns the column after it. */
int draw_str(WINDOW *w, int y, int x, attr_t a, const char *s);
int draw_fmt(WINDOW *w, int y, int x, attr_t a, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* A number with 4 decimals in `width` columns, coloured by its sign. */
int draw_num(WINDOW *w, int y, int x, const struct theme *th, attr_t extra, double v, int width);

/* draw_num as a cell of `cols` columns whose first is blank (fmt_cell), for a
 * number that follows a label or another number directly. */
int draw_num_cell(WINDOW *w, int y, int x, const struct theme *th, attr_t extra, double v,
                  int cols);

/* Row 0 of a pane: "─ title ─────". */
void draw_title(WINDOW *w, const struct theme *th, const char *title);

/* A bar of frac (0..1) of `width` cells starting at x, with eighth steps. */
void draw_bar(WINDOW *w, int y, int x, int width, double frac, const struct theme *th, attr_t a);
/* A signed bar for v in [-1, 1]: `half` cells each side of an axis at x + half. */
void draw_signed_bar(WINDOW *w, int y, int x, int half, double v, const struct theme *th);

/* Printable name of vocabulary entry i ("h", "␣" for a space, "?" when the
 * locale cannot show it). */
const char *draw_char_name(const struct frame *f, int i, char *buf, size_t cap);

/* Name of entry (r, c) of a parameter, as every pane and view writes it and
 * docs/worked-example.md does: "U[2,e]", "W[1,3]", "b[2]", "V[e,2]", "c[e]"
 * (no unit index for hidden size 1: "U[e]", "W"). Returns buf. */
const char *draw_entry_name(const struct frame *f, enum rnn_param_id id, int r, int c, char *buf,
                            size_t cap);

/* Columns a UTF-8 string takes on screen (wcwidth: a CJK character takes two). */
int draw_width(const char *s);

/* s followed by blanks up to `cols` display columns ("%-*s" counts bytes,
 * so "U[1,␣]" came out two columns short). Returns buf. */
const char *draw_pad(char *buf, size_t cap, const char *s, int cols);

/* First of `slots` consecutive timesteps (1..T) to show so that t sits near
 * the middle when the window does not fit. */
int draw_first_step(int t, int T, int slots);

#endif
