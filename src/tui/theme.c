/* Glyph tables (UTF-8 and ASCII side by side) and colour pairs. */
#include "theme.h"

#include <langinfo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "contrast.h"

static const char *const utf8_eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};
static const char *const ascii_eighths[] = {"", "", "", "", "#", "#", "#", "#", "#"};
static const char *const utf8_spark[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
static const char *const ascii_spark[] = {" ", "_", ".", "-", "=", "+", "*", "#", "@"};
static const char *const utf8_heat[] = {" ", "░", "▒", "▓", "█"};
static const char *const ascii_heat[] = {" ", ".", ":", "+", "#"};
static const char *const utf8_heat_neg[] = {" ", "╌", "─", "═", "▬"};
static const char *const ascii_heat_neg[] = {" ", "-", "-", "=", "="};

static const struct glyphs utf8_glyphs = {
    .hline = "─",
    .axis = "│",
    .axis_tick = "┤",
    .hline_tick = "┬",
    .axis_corner = "└",
    .check = "✓",
    .cross = "✗",
    .arrow = "→",
    .times = "·",
    .ellipsis = "…",
    .sigma = "Σ",
    .omega = "Ω",
    .yhat = "ŷ",
    .eta = "η",
    .sq = "²",
    .transpose = "ᵀ",
    .space_char = "␣",
    .newline_char = "⏎",
    .target_mark = "◀ target",
    .pred_mark = "◀ predicted",
    .eighths = utf8_eighths,
    .neg_half = "▐",
    .spark = {utf8_spark, 9, "×"},
    .heat = utf8_heat,
    .heat_neg = utf8_heat_neg,
    .nheat = 5,
};

static const struct glyphs ascii_glyphs = {
    .hline = "-",
    .axis = "|",
    .axis_tick = "+",
    .hline_tick = "+",
    .axis_corner = "+",
    .check = "ok",
    .cross = "x",
    .arrow = "->",
    .times = "*",
    .ellipsis = "...",
    .sigma = "sum",
    .omega = "o",
    .yhat = "yhat",
    .eta = "lr",
    .sq = "^2",
    .transpose = "'",
    .space_char = "_",
    .newline_char = "\\n",
    .target_mark = "<- target",
    .pred_mark = "<- predicted",
    .eighths = ascii_eighths,
    .neg_half = "",
    .spark = {ascii_spark, 9, "!"},
    .heat = ascii_heat,
    .heat_neg = ascii_heat_neg,
    .nheat = 5,
};

void theme_choose_glyphs(struct theme *th)
{
    const char *cs = nl_langinfo(CODESET);
    th->utf8 = cs && strcmp(cs, "UTF-8") == 0;
    th->g = th->utf8 ? &utf8_glyphs : &ascii_glyphs;
}

static attr_t curses_attrs(unsigned attrs)
{
    return (attrs & TH_BOLD ? A_BOLD : 0) | (attrs & TH_DIMMED ? A_DIM : 0) |
           (attrs & TH_REVERSE ? A_REVERSE : 0) | (attrs & TH_UNDERLINE ? A_UNDERLINE : 0);
}

/* The colour to ask curses for: the xterm-256 index itself when the terminal
 * has 256 colours, else the nearest (in RGB) of the 8 or 16 it has. */
static short terminal_colour(short index)
{
    if (index == TH_NONE || COLORS >= CONTRAST_COLOURS)
        return index;
    int have = COLORS >= 16 ? 16 : 8, best = 0;
    long best_d = -1;
    unsigned char want[3], rgb[3];
    contrast_rgb(index, want);
    for (int k = 0; k < have; k++) {
        contrast_rgb(k, rgb);
        long d = 0;
        for (int i = 0; i < 3; i++)
            d += (long)(want[i] - rgb[i]) * (want[i] - rgb[i]);
        if (best_d < 0 || d < best_d) {
            best_d = d;
            best = k;
        }
    }
    return (short)best;
}

/* Role r uses colour pair r + 1 (pair 0 is the terminal's own) when its row
 * gives it a colour. */
static void apply_scheme(struct theme *th, const struct theme_scheme *sc)
{
    if (th->colour)
        use_default_colors();
    th->ink = sc->ink;
    th->paper = sc->paper;
    for (int r = 0; r < TH_ROLE_COUNT; r++) {
        const struct th_style *st = &sc->role[r];
        th->attr[r] = curses_attrs(st->attrs);
        if (th->colour && (st->fg != TH_NONE || st->bg != TH_NONE)) {
            init_pair((short)(r + 1), terminal_colour(st->fg), terminal_colour(st->bg));
            th->attr[r] |= COLOR_PAIR(r + 1);
        }
    }
}

void theme_init_colours(struct theme *th, const char *name)
{
    const struct theme_scheme *sc = theme_scheme_find(name);
    const char *no_colour = getenv("NO_COLOR");
    bool colour = sc && sc->colour && !(no_colour && *no_colour) && has_colors();
    th->colour = colour && start_color() == OK;
    apply_scheme(th, th->colour ? sc : theme_scheme_find("mono"));
}

void theme_paint(const struct theme *th, WINDOW *w)
{
    wbkgd(w, th->attr[TH_NORMAL] | ' ');
}

attr_t theme_combine(attr_t first, attr_t second)
{
    attr_t colour = first & A_COLOR ? first & A_COLOR : second & A_COLOR;
    return ((first | second) & ~A_COLOR) | colour;
}

attr_t theme_signed(const struct theme *th, double x)
{
    return th->attr[x < 0 ? TH_NEG : TH_POS];
}

const char *theme_heat(const struct theme *th, double x, double full, attr_t *attr)
{
    const struct glyphs *g = th->g;
    if (!isfinite(x)) {
        *attr = th->attr[TH_WARN];
        return g->spark.missing;
    }
    double frac = full > 0.0 ? fmin(fabs(x) / full, 1.0) : 0.0;
    int k = (int)lround(frac * (g->nheat - 1));
    if (k == 0 && x != 0.0)
        k = 1;
    *attr = theme_signed(th, x);
    return x < 0.0 ? g->heat_neg[k] : g->heat[k];
}
