/* Screen pictures for slides: the screen as curses last drew it (curscr),
 * cell by cell with its glyph, colours, bold, dim, reverse and underline,
 * written as SVG text. */
#ifndef RNNSTEP_TUI_PICTURE_H
#define RNNSTEP_TUI_PICTURE_H

#include <stdio.h>

/* Cell size in SVG pixels, and the colours of the terminal's defaults. */
#define PICTURE_CELL_W 9
#define PICTURE_CELL_H 18
#define PICTURE_FONT_PX 15
#define PICTURE_DEFAULT_FG "#d0d0d0"
#define PICTURE_DEFAULT_BG "#101010"

/* Writes the whole screen as one SVG document to out. */
void picture_svg(FILE *out);

#endif
