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

const char *fmt_num(char *buf, size_t cap, double x, int width)
{
    char tmp[FMT_NUM_CAP];
    if (isnan(x))
        snprintf(tmp, sizeof tmp, "nan");
    else if (isinf(x))
        snprintf(tmp, sizeof tmp, x > 0 ? "inf" : "-inf");
    else if (fabs(x) >= 1e6)
        snprintf(tmp, sizeof tmp, "%.3e", x);
    else
        snprintf(tmp, sizeof tmp, "%.4f", x);
    drop_negative_zero(tmp);
    snprintf(buf, cap, "%*s", width, tmp);
    return buf;
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
