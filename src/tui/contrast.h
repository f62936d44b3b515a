/* WCAG 2 contrast of the xterm-256 palette: how far apart a theme's
 * foreground and background are for a reader at the back of the room. Pure
 * arithmetic, no curses, so the theme table can be checked in a unit test. */
#ifndef RNNSTEP_TUI_CONTRAST_H
#define RNNSTEP_TUI_CONTRAST_H

#define CONTRAST_COLOURS 256
#define CONTRAST_WCAG_AA 4.5 /* WCAG 2 level AA for normal text */

/* The colour xterm shows for index 0..255 by default: 16 system colours,
 * the 6x6x6 cube (16..231), the grey ramp (232..255). */
void contrast_rgb(int index, unsigned char rgb[3]);

/* WCAG 2 relative luminance of an index, 0 (black) to 1 (white). */
double contrast_luminance(int index);

/* WCAG 2 contrast ratio of two indices, in either order: 1 to 21. */
double contrast_ratio(int a, int b);

#endif
