/* Glyph tables (UTF-8 and ASCII side by side) and colour pairs. */
#include "theme.h"

#include <langinfo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

_Static_assert(TH_BLACK == COLOR_BLACK && TH_RED == COLOR_RED && TH_GREEN == COLOR_GREEN &&
                   TH_YELLOW == COLOR_YELLOW && TH_BLUE == COLOR_BLUE &&
                   TH_MAGENTA == COLOR_MAGENTA && TH_CYAN == COLOR_CYAN && TH_WHITE == COLOR_WHITE,
               "theme_table.h colour numbers");

static attr_t curses_attrs(unsigned attrs)
{
    return (attrs & TH_BOLD ? A_BOLD : 0) | (attrs & TH_DIMMED ? A_DIM : 0) |
           (attrs & TH_REVERSE ? A_REVERSE : 0) | (attrs & TH_UNDERLINE ? A_UNDERLINE : 0);
}

/* Role r uses colour pair r when its row gives it a colour. */
static void apply_scheme(struct theme *th, const struct theme_scheme *sc)
{
    if (th->colour)
        use_default_colors();
    for (int r = 0; r < TH_ROLE_COUNT; r++) {
        const struct th_style *st = &sc->role[r];
        th->attr[r] = curses_attrs(st->attrs);
        if (th->colour && (st->fg != TH_NONE || st->bg != TH_NONE)) {
            init_pair((short)r, st->fg, st->bg);
            th->attr[r] |= COLOR_PAIR(r);
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
    return x < 0.0 && !th->colour ? g->heat_neg[k] : g->heat[k];
}
