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

static void set_mono(struct theme *th)
{
    attr_t *a = th->attr;
    a[TH_NORMAL] = A_NORMAL;
    a[TH_TITLE] = A_BOLD;
    a[TH_CURRENT] = A_REVERSE;
    a[TH_POS] = A_NORMAL;
    a[TH_NEG] = A_NORMAL;
    a[TH_GOOD] = A_BOLD;
    a[TH_BAD] = A_NORMAL;
    a[TH_CHANGED] = A_BOLD | A_UNDERLINE;
    a[TH_DIM] = A_NORMAL;
    a[TH_STATUS] = A_REVERSE;
    a[TH_WARN] = A_BOLD | A_REVERSE;
}

/* Blue for positive, orange-ish yellow for negative: safe for red-green
 * colour blindness; green/red only double the check and cross marks. */
static void set_colour(struct theme *th)
{
    static const short fg[TH_ROLE_COUNT] = {
        [TH_TITLE] = COLOR_CYAN,      [TH_CURRENT] = COLOR_BLACK, [TH_POS] = COLOR_BLUE,
        [TH_NEG] = COLOR_YELLOW,      [TH_GOOD] = COLOR_GREEN,    [TH_BAD] = COLOR_RED,
        [TH_CHANGED] = COLOR_MAGENTA, [TH_STATUS] = COLOR_BLACK,  [TH_WARN] = COLOR_WHITE,
    };
    static const short bg[TH_ROLE_COUNT] = {
        [TH_CURRENT] = COLOR_CYAN,
        [TH_STATUS] = COLOR_WHITE,
        [TH_WARN] = COLOR_RED,
    };
    use_default_colors();
    set_mono(th);
    for (int r = TH_TITLE; r < TH_ROLE_COUNT; r++) {
        if (r == TH_DIM)
            continue;
        init_pair((short)r, fg[r], bg[r] ? bg[r] : -1);
        th->attr[r] = COLOR_PAIR(r) | (r == TH_TITLE || r == TH_CHANGED ? A_BOLD : A_NORMAL);
    }
    th->attr[TH_POS] |= A_BOLD;
    th->attr[TH_DIM] = A_DIM;
}

void theme_init_colours(struct theme *th, const char *name)
{
    const char *no_colour = getenv("NO_COLOR");
    bool mono = (name && strcmp(name, "mono") == 0) || (no_colour && *no_colour) || !has_colors();
    th->colour = !mono && start_color() == OK;
    if (th->colour)
        set_colour(th);
    else
        set_mono(th);
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
