/* Drawing helpers: every pane writes through these, so clipping, colour by
 * sign and glyph choice live in one place. */
#include "draw.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "rnnstep/text.h"

/* Columns the code point at s takes (wcwidth: 2 for CJK, 0 for combining
 * marks) and, in *bytes, its length; bytes that are not UTF-8 count as one
 * column each, as curses shows them. */
static int glyph_cols(const char *s, size_t *bytes)
{
    uint32_t cp;
    *bytes = rnn_utf8_decode_one((const unsigned char *)s, strlen(s), &cp);
    if (*bytes == 0) {
        *bytes = 1;
        return 1;
    }
    int cols = wcwidth((wchar_t)cp);
    return cols < 0 ? 1 : cols;
}

int draw_width(const char *s)
{
    int n = 0;
    for (size_t bytes; *s; s += bytes)
        n += glyph_cols(s, &bytes);
    return n;
}

/* Bytes of s that fit in `cols` columns (a wide glyph that would straddle
 * the edge is left out). */
static int fit_bytes(const char *s, int cols)
{
    int used = 0;
    size_t i = 0, bytes;
    while (s[i]) {
        int w = glyph_cols(s + i, &bytes);
        if (used + w > cols)
            break;
        used += w;
        i += bytes;
    }
    return (int)i;
}

const char *draw_pad(char *buf, size_t cap, const char *s, int cols)
{
    int pad = cols - draw_width(s);
    snprintf(buf, cap, "%s%*s", s, pad > 0 ? pad : 0, "");
    return buf;
}

int draw_str(WINDOW *w, int y, int x, attr_t a, const char *s)
{
    int maxy = getmaxy(w), maxx = getmaxx(w);
    if (y < 0 || y >= maxy || x < 0 || x >= maxx)
        return x;
    int cols = maxx - x;
    wattrset(w, a);
    mvwaddnstr(w, y, x, s, fit_bytes(s, cols));
    wattrset(w, A_NORMAL);
    int width = draw_width(s);
    return x + (width < cols ? width : cols);
}

int draw_fmt(WINDOW *w, int y, int x, attr_t a, const char *fmt, ...)
{
    char buf[DRAW_LINE_CAP];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return draw_str(w, y, x, a, buf);
}

int draw_num(WINDOW *w, int y, int x, const struct theme *th, attr_t extra, double v, int width)
{
    char buf[FMT_NUM_CAP];
    /* A colour in extra (a changed entry) wins; the '-' still shows the sign. */
    return draw_str(w, y, x, theme_combine(extra, theme_signed(th, v)),
                    fmt_num(buf, sizeof buf, v, width));
}

int draw_num_cell(WINDOW *w, int y, int x, const struct theme *th, attr_t extra, double v, int cols)
{
    char buf[FMT_NUM_CAP];
    return draw_str(w, y, x, theme_combine(extra, theme_signed(th, v)),
                    fmt_cell(buf, sizeof buf, v, cols));
}

void draw_title(WINDOW *w, const struct theme *th, const char *title)
{
    /* One whline call instead of a string per cell: a quarter of a frame's
     * time went to converting the glyph cell by cell. */
    wattrset(w, th->attr[TH_DIM]);
    if (th->utf8)
        mvwhline_set(w, 0, 0, WACS_HLINE, getmaxx(w));
    else
        mvwhline(w, 0, 0, '-', getmaxx(w));
    wattrset(w, A_NORMAL);
    draw_str(w, 0, 1, th->attr[TH_TITLE], " ");
    int end = draw_str(w, 0, 2, th->attr[TH_TITLE], title);
    draw_str(w, 0, end, th->attr[TH_TITLE], " ");
}

void draw_bar(WINDOW *w, int y, int x, int width, double frac, const struct theme *th, attr_t a)
{
    if (!(frac > 0.0))
        return;
    if (frac > 1.0)
        frac = 1.0;
    long eighths = lround(frac * width * 8);
    int col = x;
    for (; eighths >= 8; eighths -= 8)
        col = draw_str(w, y, col, a, th->g->eighths[8]);
    draw_str(w, y, col, a, th->g->eighths[eighths]);
}

void draw_signed_bar(WINDOW *w, int y, int x, int half, double v, const struct theme *th)
{
    draw_str(w, y, x + half, th->attr[TH_DIM], th->g->axis);
    if (!isfinite(v) || half <= 0)
        return;
    double mag = fabs(v) > 1.0 ? 1.0 : fabs(v);
    if (v >= 0) {
        draw_bar(w, y, x + half + 1, half, mag, th, th->attr[TH_POS]);
        return;
    }
    long halves = lround(mag * half * 2);
    int full = (int)(halves / 2), col = x + half - full;
    if (halves % 2)
        draw_str(w, y, col - 1, th->attr[TH_NEG], th->g->neg_half);
    for (int i = 0; i < full; i++)
        draw_str(w, y, col + i, th->attr[TH_NEG], th->g->eighths[8]);
}

const char *draw_char_name(const struct frame *f, int i, char *buf, size_t cap)
{
    uint32_t cp = f->vocab->chars[i];
    if (cp == ' ')
        snprintf(buf, cap, "%s", f->th->g->space_char);
    else if (cp == '\n')
        snprintf(buf, cap, "%s", f->th->g->newline_char);
    else if (cp == '\t' || cp < 0x20 || cp == 0x7f)
        snprintf(buf, cap, "?");
    else if (cp >= 0x80 && !f->th->utf8)
        snprintf(buf, cap, "?");
    else {
        char u[5] = {0};
        rnn_utf8_encode_one(cp, u);
        snprintf(buf, cap, "%s", u);
    }
    return buf;
}

const char *draw_entry_name(const struct frame *f, enum rnn_param_id id, int r, int c, char *buf,
                            size_t cap)
{
    char ch[16];
    const char *p = rnn_param_name(id);
    int H = f->v.shape.hidden;
    switch (id) {
    case RNN_P_U:
        draw_char_name(f, c, ch, sizeof ch);
        H == 1 ? snprintf(buf, cap, "U[%s]", ch) : snprintf(buf, cap, "U[%d,%s]", r + 1, ch);
        break;
    case RNN_P_V:
        draw_char_name(f, r, ch, sizeof ch);
        H == 1 ? snprintf(buf, cap, "V[%s]", ch) : snprintf(buf, cap, "V[%s,%d]", ch, c + 1);
        break;
    case RNN_P_C: snprintf(buf, cap, "c[%s]", draw_char_name(f, r, ch, sizeof ch)); break;
    case RNN_P_W:
        H == 1 ? snprintf(buf, cap, "W") : snprintf(buf, cap, "W[%d,%d]", r + 1, c + 1);
        break;
    default: H == 1 ? snprintf(buf, cap, "%s", p) : snprintf(buf, cap, "%s[%d]", p, r + 1);
    }
    return buf;
}

int draw_first_step(int t, int T, int slots)
{
    if (T <= slots || t <= slots / 2)
        return 1;
    int first = t - slots / 2;
    return first + slots - 1 > T ? T - slots + 1 : first;
}
