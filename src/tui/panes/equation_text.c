/* The equation pane's shared helpers: a line of text, numbers, vectors,
 * characters and one-hot vectors as the pane writes them, block titles. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "equation.h"

void eq_line(struct eq *q, attr_t a, const char *fmt, ...)
{
    char buf[DRAW_LINE_CAP];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    draw_str(q->w, q->y++, 1, a, buf);
}

/* Short names for numbers and vectors, each into its own buffer. */
const char *eq_num(char *buf, double x)
{
    return fmt_num(buf, FMT_NUM_CAP, x, 0);
}

const char *eq_vec(const struct eq *q, char *buf, size_t cap, const double *x, int n, int lead)
{
    return fmt_vec(buf, cap, x, n, 1, q->width - lead - 2, q->f->th->g->ellipsis);
}

const char *eq_ch(const struct eq *q, char *buf, int idx)
{
    return draw_char_name(q->f, idx, buf, 16);
}

/* The one-hot vector of vocabulary index idx, "[0 1 0 0]", or for a large
 * vocabulary "onehot('e')". */
const char *eq_onehot(const struct eq *q, char *buf, size_t cap, int idx)
{
    int K = q->f->v.shape.vocab;
    if (K > EQ_ONEHOT_MAX) {
        char n[16];
        snprintf(buf, cap, "onehot('%s')", eq_ch(q, n, idx));
        return buf;
    }
    size_t at = 0;
    for (int k = 0; k < K && at + 3 < cap; k++)
        at += (size_t)snprintf(buf + at, cap - at, "%s%d", k ? " " : "[", k == idx);
    snprintf(buf + at, cap - at, "]");
    return buf;
}

/* "[u]" after a per-unit name when the hidden size is above 1. */
const char *eq_unit_suffix(const struct eq *q, char *buf)
{
    if (q->f->v.shape.hidden == 1)
        buf[0] = '\0';
    else
        snprintf(buf, 16, "[%d]", q->f->unit + 1);
    return buf;
}

/* The block's title: the pane's title for the step just done, a header
 * line for an earlier step of the ledger. */
void eq_block_title(struct eq *q, const char *title)
{
    if (q->earlier)
        eq_line(q, q->f->th->attr[TH_TITLE], "%s", title + strlen("Equation: "));
    else
        draw_title(q->w, q->f->th, title);
}
