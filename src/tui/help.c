/* The help overlay: every key of the key table (input.c), generated from it.
 * When the keys do not fit in height they go into two columns if the screen
 * is wide enough, else the overlay scrolls (j, k, arrows, PgUp, PgDn). On
 * the worked example's text a note at the end says where the document's
 * rounded figures differ from the exact ones on screen. */
#include <string.h>

#include "app.h"
#include "draw.h"

#define HELP_HEADER_ROWS 1 /* the top border */
#define HELP_FOOTER_ROWS 4 /* a blank line, two notes, the bottom border */
#define HELP_MARGIN 2
#define HELP_GAP 3 /* between the two columns */

/* docs/worked-example.md rounds its intermediates to 4 digits; the engine
 * does not, and after the epoch-656 explosion no two roundings agree. */
static const char *const example_note[] = {
    "Worked example: docs/worked-example.md rounds intermediates, so its last",
    "digit may differ: dL/db -0.2436 (exact -0.24355), W after one update",
    "-0.6016 (-0.60166), total loss 6.0338 (6.0337). At epoch 1000 it says",
    "1.3455, the exact run 1.3087: after the explosion at 656 it is chaotic.",
};
#define NOTE_ROWS ((int)(sizeof example_note / sizeof example_note[0]))

/* The footer, with a blank line and the note on the worked example's text. */
static int footer_rows(const struct tui *t)
{
    return HELP_FOOTER_ROWS + (t->s->example ? NOTE_ROWS + 1 : 0);
}

static int note_cols(const struct tui *t)
{
    int widest = 0;
    for (int i = 0; t->s->example && i < NOTE_ROWS; i++)
        widest = draw_width(example_note[i]) > widest ? draw_width(example_note[i]) : widest;
    return widest + 2 * HELP_MARGIN;
}

static int help_key_lines(void)
{
    char buf[INPUT_HELP_CAP];
    int n = 0;
    while (input_help_line((size_t)n, buf, sizeof buf))
        n++;
    return n;
}

/* Width of one column of keys: the longest line and the margins. */
static int help_column_cols(void)
{
    char buf[INPUT_HELP_CAP];
    int widest = 0;
    for (size_t i = 0; input_help_line(i, buf, sizeof buf); i++)
        widest = draw_width(buf) > widest ? draw_width(buf) : widest;
    return widest + 2 * HELP_MARGIN;
}

static int min_int(int a, int b)
{
    return a < b ? a : b;
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

void help_size(const struct tui *t, int max_rows, int max_cols, int *rows, int *cols)
{
    int n = help_key_lines(), frame = HELP_HEADER_ROWS + footer_rows(t);
    int one = help_column_cols(), two = 2 * one + HELP_GAP;
    bool split = frame + n > max_rows && two <= max_cols;
    *rows = min_int(frame + (split ? (n + 1) / 2 : n), max_rows);
    *cols = min_int(max_int(split ? two : one, note_cols(t)), max_cols);
}

/* Key lines that fit in w: per column, and the number of columns. */
static int visible_lines(const struct tui *t, WINDOW *w, int *columns)
{
    *columns = getmaxx(w) >= 2 * help_column_cols() + HELP_GAP ? 2 : 1;
    int per = getmaxy(w) - HELP_HEADER_ROWS - footer_rows(t);
    return per > 0 ? per : 0;
}

/* The largest first line that still fills the overlay (0 when all fit). */
static int max_scroll(const struct tui *t, WINDOW *w)
{
    int columns, per = visible_lines(t, w, &columns);
    int over = help_key_lines() - per * columns;
    return over > 0 ? over : 0;
}

bool help_scroll_key(struct tui *t, int key)
{
    if (!t->win.help) /* the terminal is too small for any window */
        return false;
    int top = max_scroll(t, t->win.help), step;
    int page = visible_lines(t, t->win.help, &step);
    if (top == 0)
        return false;
    switch (key) {
    case 'j':
    case INPUT_KEY_DOWN: step = 1; break;
    case 'k':
    case INPUT_KEY_UP: step = -1; break;
    case ' ':
    case INPUT_KEY_NPAGE: step = page; break;
    case INPUT_KEY_PPAGE: step = -page; break;
    default: return false;
    }
    int s = t->help.scroll + step;
    t->help.scroll = s < 0 ? 0 : s > top ? top : s;
    return true;
}

static void draw_footer(const struct tui *t, WINDOW *w, int top)
{
    const struct theme *th = &t->th;
    int y = getmaxy(w) - footer_rows(t) + 1;
    for (int i = 0; t->s->example && i < NOTE_ROWS; i++)
        draw_str(w, y++, HELP_MARGIN, A_NORMAL, example_note[i]);
    y += t->s->example;
    draw_str(w, y++, HELP_MARGIN, th->attr[TH_DIM],
             "A count before a key repeats it: 100e runs 100 epochs.");
    if (top == 0) {
        draw_str(w, y, HELP_MARGIN, th->attr[TH_DIM],
                 "Runs pause at an exploding gradient. Any key closes this.");
        return;
    }
    int columns, per = visible_lines(t, w, &columns), n = help_key_lines();
    draw_fmt(w, y, HELP_MARGIN, th->attr[TH_TITLE], "keys %d-%d of %d: j, k scroll; others close",
             t->help.scroll + 1, min_int(t->help.scroll + per, n), n);
}

void help_draw(const struct tui *t, WINDOW *w)
{
    const struct theme *th = &t->th;
    werase(w);
    box(w, 0, 0);
    draw_str(w, 0, HELP_MARGIN, th->attr[TH_TITLE], " Keys ");
    int top = max_scroll(t, w), first = t->help.scroll > top ? top : t->help.scroll;
    int columns, per = visible_lines(t, w, &columns), pitch = help_column_cols() + HELP_GAP;
    char buf[INPUT_HELP_CAP];
    for (int i = 0; i < per * columns && input_help_line((size_t)(first + i), buf, sizeof buf); i++)
        draw_str(w, HELP_HEADER_ROWS + i % per, HELP_MARGIN + (i / per) * pitch, A_NORMAL, buf);
    draw_footer(t, w, top);
}
