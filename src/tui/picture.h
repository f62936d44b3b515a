/* Screen pictures for slides: the screen as curses last drew it (curscr),
 * cell by cell with its glyph, colours, bold, dim, reverse and underline,
 * written as SVG text. */
#ifndef RNNSTEP_TUI_PICTURE_H
#define RNNSTEP_TUI_PICTURE_H

#include <stdio.h>

#include "theme.h"

/* Cell size in SVG pixels, and the terminal's own colours where the theme
 * names none (mono: a dark terminal). */
#define PICTURE_CELL_W 9
#define PICTURE_CELL_H 18
#define PICTURE_FONT_PX 15
#define PICTURE_DEFAULT_FG "#d0d0d0"
#define PICTURE_DEFAULT_BG "#101010"

/* Writes the whole screen as one SVG document to out; the cells that keep
 * the terminal's own colours get th's ink and paper (the light theme's
 * picture is dark on white, as the terminal it is made for). */
void picture_svg(FILE *out, const struct theme *th);

#endif
