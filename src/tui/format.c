/* Number formatting for every pane: one place decides how a value looks. */
#include "format.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* "-0.0000" says "negative" about a value the screen shows as zero. */
static void drop_negative_zero(char *s)
{
    if (s[0] != '-' || strspn(s + 1, "0.") != strlen(s + 1))
        return;
    memmove(s, s + 1, strlen(s));
}

/* The value alone, as wide as it needs: 4 decimals, exponent from 1e6. */
static void natural(char *tmp, size_t cap, double x)
{
    if (isnan(x))
        snprintf(tmp, cap, "nan");
    else if (isinf(x))
        snprintf(tmp, cap, x > 0 ? "inf" : "-inf");
    else if (fabs(x) >= 1e6)
        snprintf(tmp, cap, "%.3e", x);
    else
        snprintf(tmp, cap, "%.4f", x);
    drop_negative_zero(tmp);
}

/* "1e+308" -> "1e308", "-2e-05" -> "-2e-5": the last resort of a narrow cell. */
static void compact_exponent(char *s)
{
    char *e = strchr(s, 'e');
    if (!e)
        return;
    char *digits = e + 1 + (e[1] == '+' || e[1] == '-');
    if (e[1] == '+')
        memmove(e + 1, e + 2, strlen(e + 2) + 1), digits--;
    size_t zeros = strspn(digits, "0");
    if (zeros && digits[zeros])
        memmove(digits, digits + zeros, strlen(digits + zeros) + 1);
}

/* Shortens tmp to at most `width` characters by giving up digits, never
 * magnitude: fewer decimals first, then exponent notation with a shorter
 * mantissa (compacting the exponent before dropping a digit); '#' fills a cell too narrow even for
 * that (7 columns hold every double). */
static void fit(char *tmp, size_t cap, double x, int width)
{
    if (!isfinite(x) || (int)strlen(tmp) <= width)
        return;
    for (int dec = 3; dec >= 0 && fabs(x) < 1e6; dec--) {
        snprintf(tmp, cap, "%.*f", dec, x);
        drop_negative_zero(tmp);
        if ((int)strlen(tmp) <= width)
            return;
    }
    for (int digits = 3; digits >= 0; digits--) {
        snprintf(tmp, cap, "%.*e", digits, x);
        if ((int)strlen(tmp) <= width)
            return;
        compact_exponent(tmp);
        if ((int)strlen(tmp) <= width)
            return;
    }
    memset(tmp, '#', (size_t)width); /* width < strlen(tmp) < cap here */
    tmp[width] = '\0';
}

const char *fmt_num(char *buf, size_t cap, double x, int width)
{
    char tmp[FMT_NUM_CAP];
    natural(tmp, sizeof tmp, x);
    if (width > 0)
        fit(tmp, sizeof tmp, x, width);
    snprintf(buf, cap, "%*s", width, tmp);
    return buf;
}

const char *fmt_cell(char *buf, size_t cap, double x, int cols)
{
    char num[FMT_NUM_CAP];
    fmt_num(num, sizeof num, x, cols - 1);
    snprintf(buf, cap, " %s", num);
    return buf;
}

int fmt_num_width(double x)
{
    char tmp[FMT_NUM_CAP];
    natural(tmp, sizeof tmp, x);
    return (int)strlen(tmp);
}

const char *fmt_precise(char *buf, size_t cap, double x)
{
    if (!isfinite(x))
        return fmt_num(buf, cap, x, 0);
    snprintf(buf, cap, "%.6g", x == 0.0 ? 0.0 : x); /* no "-0" */
    return buf;
}

const char *fmt_vec(char *buf, size_t cap, const double *x, int n, int stride, int max_cols,
                    const char *ellipsis)
{
    size_t used = (size_t)snprintf(buf, cap, "[");
    int cols = 1;
    for (int i = 0; i < n && used < cap; i++) {
        char num[FMT_NUM_CAP];
        fmt_num(num, sizeof num, x[(size_t)i * stride], 7);
        int len = (int)strlen(num) + (i > 0);
        bool last = i == n - 1;
        if (cols + len + (last ? 1 : 2) > max_cols) {
            used += (size_t)snprintf(buf + used, cap - used, " %s", ellipsis);
            break;
        }
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", i > 0 ? " " : "", num);
        cols += len;
    }
    if (used < cap)
        snprintf(buf + used, cap - used, "]");
    return buf;
}
