/* Reads curses' idea of the screen (curscr) cell by cell. */
#include "dump.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

const char dump_role_letters[TH_ROLE_COUNT + 1] = " TC+-GBXdSW";
_Static_assert(sizeof dump_role_letters == TH_ROLE_COUNT + 1, "one letter per role");

/* Each coloured role has a colour pair of its own (theme.c); roles without
 * a pair are told apart by their attributes alone. */
static char role_of(const struct theme *th, attr_t attrs, short pair)
{
    for (int r = 0; pair > 0 && r < TH_ROLE_COUNT; r++)
        if (PAIR_NUMBER(th->attr[r]) == pair)
            return dump_role_letters[r];
    attr_t look = attrs & (A_BOLD | A_DIM | A_REVERSE | A_UNDERLINE);
    for (int r = 1; r < TH_ROLE_COUNT; r++)
        if (PAIR_NUMBER(th->attr[r]) == 0 && th->attr[r] != A_NORMAL && th->attr[r] == look)
            return dump_role_letters[r];
    return dump_role_letters[TH_NORMAL];
}

static void trim_put(FILE *out, char *line, size_t len)
{
    while (len > 0 && line[len - 1] == ' ')
        len--;
    fprintf(out, "%.*s\n", (int)len, line);
}

/* Row y's text (UTF-8) and role letters. */
static void dump_row(FILE *out, const struct theme *th, int y, int cols, char *roles)
{
    char text[4096];
    size_t len = 0;
    for (int x = 0; x < cols; x++) {
        cchar_t cell;
        wchar_t wc[CCHARW_MAX + 1] = {0};
        attr_t attrs = 0;
        short pair = 0;
        mvwin_wch(curscr, y, x, &cell);
        getcchar(&cell, wc, &attrs, &pair, NULL);
        roles[x] = role_of(th, attrs, pair);
        for (int i = 0; wc[i] && len + MB_LEN_MAX < sizeof text; i++) {
            size_t n = wcrtomb(text + len, wc[i], &(mbstate_t){0});
            len += n == (size_t)-1 ? 0 : n;
        }
        if (!wc[0] && len + 1 < sizeof text)
            text[len++] = ' ';
    }
    trim_put(out, text, len);
}

void dump_screen(FILE *out, const struct theme *th, int n)
{
    int rows = getmaxy(curscr), cols = getmaxx(curscr);
    char *roles = malloc((size_t)rows * (size_t)cols + 1);
    if (!roles)
        return;
    fprintf(out, "screen %d (%dx%d)\n", n, cols, rows);
    for (int y = 0; y < rows; y++)
        dump_row(out, th, y, cols, roles + (size_t)y * (size_t)cols);
    fputs("roles\n", out);
    for (int y = 0; y < rows; y++)
        trim_put(out, roles + (size_t)y * (size_t)cols, (size_t)cols);
    free(roles);
}
