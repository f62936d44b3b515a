/* The theme rows, every one checked for WCAG 2 contrast of at least 4.5:1
 * against its background (tests/unit/test_tui_contrast.c). Positive is blue
 * and negative orange in every colour theme: a pair that stays apart for
 * red-green colour blindness (Okabe and Ito); green and red only double the
 * check and cross marks, and the sign is also the '-' and, in heat maps, the
 * glyph set. No colour theme draws anything dim: a projector washes it out.
 * Monochrome tells roles apart by bold, underline and reverse. */
#include "theme_table.h"

#include <stdio.h>
#include <string.h>

#define PLAIN                                                                                      \
    {                                                                                              \
        TH_NONE, TH_NONE, 0                                                                        \
    }
#define BLACK 16 /* the cube's black and white: not remapped by terminal palettes */
#define WHITE 231

const struct theme_scheme theme_schemes[] = {
    /* For dark terminals (the default): light colours on the terminal's own
     * background. */
    {"dark",
     true,
     252,
     BLACK,
     {
         [TH_NORMAL] = PLAIN,
         [TH_TITLE] = {44, TH_NONE, TH_BOLD}, /* cyan #00d7d7 */
         [TH_CURRENT] = {BLACK, 44, 0},
         [TH_POS] = {75, TH_NONE, TH_BOLD},      /* sky blue #5fafff */
         [TH_NEG] = {214, TH_NONE, 0},           /* orange #ffaf00 */
         [TH_GOOD] = {40, TH_NONE, 0},           /* green #00d700 */
         [TH_BAD] = {203, TH_NONE, 0},           /* red #ff5f5f */
         [TH_CHANGED] = {207, TH_NONE, TH_BOLD}, /* magenta #ff5fff */
         [TH_DIM] = {248, TH_NONE, 0},           /* grey #a8a8a8: quieter, not dim */
         [TH_STATUS] = {BLACK, 252, 0},
         [TH_WARN] = {WHITE, 124, TH_BOLD}, /* on dark red #af0000 */
     }},
    /* For white-background terminals: dark colours, every one readable on
     * white (yellow is not). */
    {"light",
     true,
     BLACK,
     WHITE,
     {
         [TH_NORMAL] = PLAIN,
         [TH_TITLE] = {24, TH_NONE, TH_BOLD},   /* dark teal #005f87 */
         [TH_CURRENT] = {BLACK, 117, 0},        /* on light blue #87d7ff */
         [TH_POS] = {19, TH_NONE, TH_BOLD},     /* dark blue #0000af */
         [TH_NEG] = {130, TH_NONE, TH_BOLD},    /* dark orange #af5f00 */
         [TH_GOOD] = {22, TH_NONE, 0},          /* dark green #005f00 */
         [TH_BAD] = {124, TH_NONE, 0},          /* dark red #af0000 */
         [TH_CHANGED] = {90, TH_NONE, TH_BOLD}, /* purple #870087 */
         [TH_DIM] = {240, TH_NONE, 0},          /* grey #585858 */
         [TH_STATUS] = {WHITE, 24, 0},
         [TH_WARN] = {WHITE, 124, TH_BOLD},
     }},
    /* For a projector: its own black background, everything bold, the
     * brightest blue and orange. */
    {"high-contrast",
     true,
     WHITE,
     BLACK,
     {
         [TH_NORMAL] = {WHITE, BLACK, TH_BOLD},
         [TH_TITLE] = {51, BLACK, TH_BOLD | TH_UNDERLINE},    /* cyan #00ffff */
         [TH_CURRENT] = {BLACK, 226, TH_BOLD},                /* on yellow #ffff00 */
         [TH_POS] = {39, BLACK, TH_BOLD},                     /* blue #00afff */
         [TH_NEG] = {214, BLACK, TH_BOLD},                    /* orange #ffaf00 */
         [TH_GOOD] = {46, BLACK, TH_BOLD},                    /* green #00ff00 */
         [TH_BAD] = {203, BLACK, TH_BOLD},                    /* red #ff5f5f */
         [TH_CHANGED] = {213, BLACK, TH_BOLD | TH_UNDERLINE}, /* pink #ff87ff */
         [TH_DIM] = {252, BLACK, TH_BOLD},                    /* light grey #d0d0d0 */
         [TH_STATUS] = {BLACK, WHITE, TH_BOLD},
         [TH_WARN] = {WHITE, 124, TH_BOLD},
     }},
    {"mono",
     false,
     TH_NONE,
     TH_NONE,
     {
         [TH_NORMAL] = PLAIN,
         [TH_TITLE] = {TH_NONE, TH_NONE, TH_BOLD},
         [TH_CURRENT] = {TH_NONE, TH_NONE, TH_REVERSE},
         [TH_POS] = PLAIN,
         [TH_NEG] = PLAIN,
         [TH_GOOD] = {TH_NONE, TH_NONE, TH_BOLD},
         [TH_BAD] = PLAIN,
         [TH_CHANGED] = {TH_NONE, TH_NONE, TH_BOLD | TH_UNDERLINE},
         [TH_DIM] = PLAIN,
         [TH_STATUS] = {TH_NONE, TH_NONE, TH_REVERSE},
         [TH_WARN] = {TH_NONE, TH_NONE, TH_BOLD | TH_REVERSE},
     }},
};
const size_t theme_scheme_count = sizeof theme_schemes / sizeof theme_schemes[0];

const struct theme_scheme *theme_scheme_find(const char *name)
{
    if (!name)
        return &theme_schemes[0];
    for (size_t i = 0; i < theme_scheme_count; i++)
        if (strcmp(theme_schemes[i].name, name) == 0)
            return &theme_schemes[i];
    return NULL;
}

void theme_scheme_names(char *buf, size_t cap)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < theme_scheme_count && at < cap; i++) {
        int n = snprintf(buf + at, cap - at, "%s%s", i ? ", " : "", theme_schemes[i].name);
        at += n > 0 ? (size_t)n : 0;
    }
}
