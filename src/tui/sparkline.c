/* Sparkline rendering: bucket the series into cells, one glyph per cell. */
#include "sparkline.h"

#include <math.h>
#include <string.h>

/* Largest value of series[lo, hi); nan when the share holds a non-finite value. */
static double bucket_max(spark_get get, const void *ctx, size_t lo, size_t hi)
{
    double m = -INFINITY;
    for (size_t i = lo; i < hi; i++) {
        double v = get(ctx, i);
        if (!isfinite(v))
            return NAN;
        if (v > m)
            m = v;
    }
    return m;
}

static double series_max(spark_get get, const void *ctx, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++) {
        double v = get(ctx, i);
        if (isfinite(v) && v > m)
            m = v;
    }
    return m;
}

static const char *level_glyph(const struct spark_style *st, double v, double max)
{
    if (isnan(v))
        return st->missing;
    if (v <= 0.0 || max <= 0.0)
        return st->levels[0];
    int top = st->nlevels - 1;
    int k = (int)lround(v / max * top);
    if (k < 1)
        k = 1; /* a positive value is never drawn as "nothing" */
    return st->levels[k > top ? top : k];
}

int sparkline_render(spark_get get, const void *ctx, size_t n, int width, double max,
                     const struct spark_style *st, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    if (width <= 0 || n == 0 || cap == 0)
        return 0;
    size_t cells = n < (size_t)width ? n : (size_t)width;
    if (max <= 0.0)
        max = series_max(get, ctx, n);
    int drawn = 0;
    for (size_t c = 0; c < cells; c++) {
        size_t lo = c * n / cells, hi = (c + 1) * n / cells;
        const char *g = level_glyph(st, bucket_max(get, ctx, lo, hi), max);
        size_t len = strlen(g);
        if (used + len + 1 > cap)
            break;
        memcpy(out + used, g, len);
        used += len;
        drawn++;
    }
    out[used] = '\0';
    return drawn;
}
