/* The screen as SVG: one rectangle per run of cells with the same
 * background, one tspan per run with the same look, every character placed
 * at its cell (an x per character), so the columns line up in any monospace
 * font. The P key writes it to rnnstep-epoch-E-step-S.svg in the current
 * directory, atomically, never over an existing file. */
#include "picture.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

#include "app.h"
#include "contrast.h"
#include "rnnstep/atomic_file.h"

/* What one cell shows. */
struct cell {
    char text[MB_LEN_MAX * CCHARW_MAX + 1]; /* UTF-8; "" for a blank */
    char fg[8], bg[8];                      /* "#rrggbb", after reverse */
    bool bold, dim, underline;
    bool block; /* a block element, drawn as a rectangle (block_shapes) */
};

static void colour_name(short index, const char *fallback, char out[8])
{
    if (index < 0 || index >= CONTRAST_COLOURS) {
        snprintf(out, 8, "%s", fallback);
        return;
    }
    unsigned char rgb[3];
    contrast_rgb(index, rgb);
    snprintf(out, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

/* The colours of the cells that keep the terminal's own: the theme's. */
struct paper {
    char fg[8], bg[8];
};

static struct paper theme_paper(const struct theme *th)
{
    struct paper p;
    colour_name(th->ink, PICTURE_DEFAULT_FG, p.fg);
    colour_name(th->paper, PICTURE_DEFAULT_BG, p.bg);
    return p;
}

static void read_cell(int y, int x, const struct paper *p, struct cell *c)
{
    cchar_t cc;
    wchar_t wc[CCHARW_MAX + 1] = {0};
    attr_t attrs = 0;
    short pair = 0, fg = -1, bg = -1;
    mvwin_wch(curscr, y, x, &cc);
    getcchar(&cc, wc, &attrs, &pair, NULL);
    if (pair > 0)
        pair_content(pair, &fg, &bg);
    size_t len = 0;
    for (int i = 0; wc[i] && len + MB_LEN_MAX < sizeof c->text; i++) {
        size_t n = wcrtomb(c->text + len, wc[i], &(mbstate_t){0});
        len += n == (size_t)-1 ? 0 : n;
    }
    c->text[len] = '\0';
    if (len == 1 && c->text[0] == ' ')
        c->text[0] = '\0';
    bool reverse = attrs & A_REVERSE;
    colour_name(reverse ? bg : fg, reverse ? p->bg : p->fg, c->fg);
    colour_name(reverse ? fg : bg, reverse ? p->fg : p->bg, c->bg);
    c->bold = attrs & A_BOLD;
    c->dim = attrs & A_DIM;
    c->underline = attrs & A_UNDERLINE;
}

/* Block elements drawn as rectangles in eighths of the cell, as a terminal
 * draws them: a font's glyphs of them are often wider than the cell (or
 * missing, and taken from a proportional font) and shorter than the row, so
 * bars overlapped their neighbours and had gaps between rows. A shade is
 * the full cell at its share of the colour. */
static const struct block_shape {
    const char *glyph;
    unsigned char x0, y0, x1, y1; /* eighths, from the top left */
    unsigned char percent;        /* of the colour */
} block_shapes[] = {
    {"\u2581", 0, 7, 8, 8, 100}, {"\u2582", 0, 6, 8, 8, 100}, {"\u2583", 0, 5, 8, 8, 100},
    {"\u2584", 0, 4, 8, 8, 100}, {"\u2585", 0, 3, 8, 8, 100}, {"\u2586", 0, 2, 8, 8, 100},
    {"\u2587", 0, 1, 8, 8, 100}, {"\u2588", 0, 0, 8, 8, 100}, {"\u2589", 0, 0, 7, 8, 100},
    {"\u258a", 0, 0, 6, 8, 100}, {"\u258b", 0, 0, 5, 8, 100}, {"\u258c", 0, 0, 4, 8, 100},
    {"\u258d", 0, 0, 3, 8, 100}, {"\u258e", 0, 0, 2, 8, 100}, {"\u258f", 0, 0, 1, 8, 100},
    {"\u2590", 4, 0, 8, 8, 100}, {"\u2591", 0, 0, 8, 8, 25},  {"\u2592", 0, 0, 8, 8, 50},
    {"\u2593", 0, 0, 8, 8, 75},  {"\u25ac", 0, 3, 8, 6, 100},
};

static const struct block_shape *block_shape(const char *text)
{
    for (size_t i = 0; i < sizeof block_shapes / sizeof block_shapes[0]; i++)
        if (strcmp(block_shapes[i].glyph, text) == 0)
            return &block_shapes[i];
    return NULL;
}

static void row_blocks(FILE *out, const struct cell *row, int cols, int y)
{
    for (int x = 0; x < cols; x++) {
        const struct block_shape *b = block_shape(row[x].text);
        if (!b)
            continue;
        int share = b->percent * (row[x].dim ? 60 : 100) / 100;
        fprintf(out, "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"%s\"",
                (x + b->x0 / 8.0) * PICTURE_CELL_W, (y + b->y0 / 8.0) * PICTURE_CELL_H,
                (b->x1 - b->x0) / 8.0 * PICTURE_CELL_W, (b->y1 - b->y0) / 8.0 * PICTURE_CELL_H,
                row[x].fg);
        if (share < 100)
            fprintf(out, " fill-opacity=\"%.2f\"", share / 100.0);
        fputs("/>\n", out);
    }
}

/* A character the text draws (not a blank, not a block element). */
static bool shows_text(const struct cell *c)
{
    return c->text[0] && !c->block;
}

static bool same_look(const struct cell *a, const struct cell *b)
{
    return strcmp(a->fg, b->fg) == 0 && a->bold == b->bold && a->dim == b->dim &&
           a->underline == b->underline;
}

static void put_escaped(FILE *out, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        default: fputc(*s, out);
        }
}

static void row_backgrounds(FILE *out, const struct cell *row, int cols, int y, const char *paper)
{
    for (int x = 0; x < cols;) {
        int end = x + 1;
        while (end < cols && strcmp(row[end].bg, row[x].bg) == 0)
            end++;
        if (strcmp(row[x].bg, paper) != 0)
            fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
                    x * PICTURE_CELL_W, y * PICTURE_CELL_H, (end - x) * PICTURE_CELL_W,
                    PICTURE_CELL_H, row[x].bg);
        x = end;
    }
}

/* One tspan per run of cells that look the same, from a non-blank cell to
 * the last non-blank one (the spaces between words stay, for copying text). */
static void row_text(FILE *out, const struct cell *row, int cols, int y)
{
    fprintf(out, "<text y=\"%d\">", y * PICTURE_CELL_H + PICTURE_CELL_H * 3 / 4);
    for (int x = 0; x < cols;) {
        if (!shows_text(&row[x])) {
            x++;
            continue;
        }
        int end = x + 1, last = x; /* last: the run's last non-blank cell */
        for (; end < cols && same_look(&row[end], &row[x]); end++)
            if (shows_text(&row[end]))
                last = end;
        end = last + 1;
        fputs("<tspan x=\"", out);
        for (int i = x; i < end; i++)
            fprintf(out, i > x ? " %d" : "%d", i * PICTURE_CELL_W);
        fprintf(out, "\" fill=\"%s\"%s%s%s>", row[x].fg, row[x].bold ? " font-weight=\"bold\"" : "",
                row[x].dim ? " opacity=\"0.6\"" : "",
                row[x].underline ? " text-decoration=\"underline\"" : "");
        for (int i = x; i < end; i++)
            put_escaped(out, shows_text(&row[i]) ? row[i].text : " ");
        fputs("</tspan>", out);
        x = end;
    }
    fputs("</text>\n", out);
}

void picture_svg(FILE *out, const struct theme *th)
{
    struct paper paper = theme_paper(th);
    int rows = getmaxy(curscr), cols = getmaxx(curscr);
    int w = cols * PICTURE_CELL_W, h = rows * PICTURE_CELL_H;
    fprintf(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" "
            "font-size=\"%d\" xml:space=\"preserve\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>\n",
            w, h, w, h, PICTURE_FONT_PX, paper.bg);
    struct cell *row = cols > 0 ? malloc((size_t)cols * sizeof *row) : NULL;
    for (int y = 0; row && y < rows; y++) {
        for (int x = 0; x < cols; x++) {
            read_cell(y, x, &paper, &row[x]);
            row[x].block = block_shape(row[x].text) != NULL;
        }
        row_backgrounds(out, row, cols, y, paper.bg);
        row_blocks(out, row, cols, y);
        row_text(out, row, cols, y);
    }
    free(row);
    fputs("</svg>\n", out);
}

/* "rnnstep-epoch-0-step-5.svg", or "...-step-5-2.svg" when that exists. */
static void picture_name(const struct rnn_view *v, char *buf, size_t cap)
{
    struct stat st;
    for (int n = 1;; n++) {
        int len = snprintf(buf, cap, "rnnstep-epoch-%llu-step-%d", (unsigned long long)v->iteration,
                           v->pos);
        if (n > 1)
            len += snprintf(buf + len, cap - (size_t)len, "-%d", n);
        snprintf(buf + len, cap - (size_t)len, ".svg");
        if (stat(buf, &st) != 0 || n == INT_MAX)
            return;
    }
}

unsigned cmd_picture(struct tui *t, uint64_t count)
{
    (void)count;
    struct rnn_view v;
    rnn_engine_view(t->s->engine, &v);
    char name[96], err[256];
    picture_name(&v, name, sizeof name);
    struct rnn_atomic_file f;
    if (rnn_atomic_open(&f, name, err, sizeof err) != 0) {
        tui_say(t, true, "picture not written: %s", err);
        return REACT_REFRESH;
    }
    picture_svg(f.fp, &t->th);
    if (rnn_atomic_commit(&f, err, sizeof err) != 0)
        tui_say(t, true, "picture not written: %s", err);
    else
        tui_say(t, false, "screen written to %s", name);
    return REACT_REFRESH;
}
