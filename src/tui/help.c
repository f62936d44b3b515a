/* The help overlay: every key of the key table (input.c), generated from it. */
#include <string.h>

#include "app.h"
#include "draw.h"

#define HELP_HEADER_ROWS 2
#define HELP_FOOTER_ROWS 3

static int help_key_lines(void)
{
    char buf[INPUT_HELP_CAP];
    int n = 0;
    while (input_help_line((size_t)n, buf, sizeof buf))
        n++;
    return n;
}

void help_size(int *rows, int *cols)
{
    *rows = HELP_HEADER_ROWS + help_key_lines() + HELP_FOOTER_ROWS;
    *cols = 66;
}

void help_draw(const struct tui *t, WINDOW *w)
{
    const struct theme *th = &t->th;
    werase(w);
    box(w, 0, 0);
    draw_str(w, 0, 2, th->attr[TH_TITLE], " Keys ");
    char buf[INPUT_HELP_CAP];
    int y = HELP_HEADER_ROWS - 1;
    for (size_t i = 0; input_help_line(i, buf, sizeof buf); i++)
        draw_str(w, y++, 2, A_NORMAL, buf);
    y++;
    draw_str(w, y++, 2, th->attr[TH_DIM], "A count before a key repeats it: 100e runs 100 epochs.");
    draw_str(w, y, 2, th->attr[TH_DIM],
             "Runs pause at an exploding gradient. Any key closes this.");
}
