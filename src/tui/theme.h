/* Colours and glyphs, chosen once at start: a row of the theme table
 * (theme_table.h; its "mono" row when the terminal has no colours or NO_COLOR
 * is set), UTF-8 or ASCII glyphs (from the locale). */
#ifndef RNNSTEP_TUI_THEME_H
#define RNNSTEP_TUI_THEME_H

#include <curses.h>
#include <stdbool.h>

#include "sparkline.h"
#include "theme_table.h"

struct glyphs {
    const char *hline, *axis, *check, *cross, *arrow, *times, *ellipsis, *sigma, *omega, *yhat,
        *eta, *sq, *transpose, *space_char, *newline_char, *target_mark, *pred_mark;
    /* the loss chart's axes: a tick on the y axis, on the x axis, their corner */
    const char *axis_tick, *hline_tick, *axis_corner;
    const char *const *eighths; /* 9 entries: 0/8 .. 8/8 of a cell, growing left to right */
    const char *neg_half;       /* half a cell, right-aligned */
    struct spark_style spark;
    const char *const *heat;     /* weakest to strongest */
    const char *const *heat_neg; /* the same for negative values */
    int nheat;
};

struct theme {
    bool colour, utf8;
    /* The terminal's own colours the theme is made for (its row's ink and
     * paper; TH_NONE without colours): what a picture of the screen paints
     * for the cells that keep the terminal's own. */
    short ink, paper;
    attr_t attr[TH_ROLE_COUNT];
    const struct glyphs *g;
};

/* Glyphs from the locale's codeset; call after setlocale(LC_ALL, ""). */
void theme_choose_glyphs(struct theme *th);

/* Colours (after initscr) from the theme called name (NULL: the default;
 * option parsing has checked the name). */
void theme_init_colours(struct theme *th, const char *name);

/* Gives a window the theme's own background and base attributes (the
 * high-contrast theme paints black and draws everything bold). */
void theme_paint(const struct theme *th, WINDOW *w);

/* A heat-map cell for x on a scale of +-full: the glyph of its magnitude
 * (the weakest visible one for any non-zero x), its sign twice: in colour
 * and by the glyph set (never by colour alone); nan and inf get the warning
 * mark. */
const char *theme_heat(const struct theme *th, double x, double full, attr_t *attr);

/* Both attributes, with first's colour when it has one (colour pairs cannot
 * be OR-ed: the sum would name some other pair). */
attr_t theme_combine(attr_t first, attr_t second);

/* TH_POS or TH_NEG by the sign of x. */
attr_t theme_signed(const struct theme *th, double x);

#endif
