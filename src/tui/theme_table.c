/* The theme rows. Blue for positive, orange-ish yellow for negative: safe for
 * red-green colour blindness; green and red only double the check and cross
 * marks. Monochrome tells roles apart by bold, underline and reverse. */
#include "theme_table.h"

#include <stdio.h>
#include <string.h>

#define PLAIN                                                                                      \
    {                                                                                              \
        TH_NONE, TH_NONE, 0                                                                        \
    }

const struct theme_scheme theme_schemes[] = {
    {"default",
     true,
     {
         [TH_NORMAL] = PLAIN,
         [TH_TITLE] = {TH_CYAN, TH_NONE, TH_BOLD},
         [TH_CURRENT] = {TH_BLACK, TH_CYAN, 0},
         [TH_POS] = {TH_BLUE, TH_NONE, TH_BOLD},
         [TH_NEG] = {TH_YELLOW, TH_NONE, 0},
         [TH_GOOD] = {TH_GREEN, TH_NONE, 0},
         [TH_BAD] = {TH_RED, TH_NONE, 0},
         [TH_CHANGED] = {TH_MAGENTA, TH_NONE, TH_BOLD},
         [TH_DIM] = {TH_NONE, TH_NONE, TH_DIMMED},
         [TH_STATUS] = {TH_BLACK, TH_WHITE, 0},
         [TH_WARN] = {TH_WHITE, TH_RED, 0},
     }},
    {"mono",
     false,
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
