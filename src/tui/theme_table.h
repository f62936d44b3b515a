/* The colour themes as data: one row per theme, one style per role. Panes ask
 * for a role (theme.h), never for a colour. Pure: no curses, so that option
 * parsing can check --theme; theme.c turns a row into curses attributes.
 * Adding a theme is one row in theme_table.c. */
#ifndef RNNSTEP_TUI_THEME_TABLE_H
#define RNNSTEP_TUI_THEME_TABLE_H

#include <stdbool.h>
#include <stddef.h>

enum th_role {
    TH_NORMAL,
    TH_TITLE,   /* pane titles */
    TH_CURRENT, /* the current timestep or entry */
    TH_POS,     /* positive values and bars */
    TH_NEG,     /* negative values and bars */
    TH_GOOD,    /* a right prediction */
    TH_BAD,     /* a wrong prediction */
    TH_CHANGED, /* entries the last micro-step changed */
    TH_DIM,     /* labels and axes */
    TH_STATUS,  /* the status line */
    TH_WARN,    /* events: explosion, non-finite, nothing to rewind */
    TH_ROLE_COUNT
};

/* Colours are xterm-256 indices (0..255; contrast.h gives their RGB); on a
 * terminal with fewer colours theme.c uses the nearest one it has. */
#define TH_NONE (-1) /* the terminal's own foreground or background */

enum th_attr {
    TH_BOLD = 1u << 0,
    TH_DIMMED = 1u << 1,
    TH_REVERSE = 1u << 2,
    TH_UNDERLINE = 1u << 3
};

/* A role's look: colours (TH_NONE for both: no colour pair) and attributes. */
struct th_style {
    short fg, bg;
    unsigned char attrs; /* enum th_attr */
};

struct theme_scheme {
    const char *name;
    bool colour; /* needs colours; without them (NO_COLOR, a monochrome
                    terminal) the visualiser uses the "mono" row instead */
    /* The terminal's own foreground and background the theme is made for:
     * what TH_NONE stands for when its contrast is checked. */
    short ink, paper;
    struct th_style role[TH_ROLE_COUNT];
};

extern const struct theme_scheme theme_schemes[]; /* the first is the default */
extern const size_t theme_scheme_count;

/* The row called name (NULL: the default), or NULL when there is none. */
const struct theme_scheme *theme_scheme_find(const char *name);

/* "dark, light, high-contrast, mono": the names for --help and error messages. */
void theme_scheme_names(char *buf, size_t cap);

#endif
