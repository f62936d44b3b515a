/* A sparkline widget that renders into a text buffer (not the screen), so
 * unit tests can assert its glyphs. Pure: no curses. */
#ifndef RNNSTEP_TUI_SPARKLINE_H
#define RNNSTEP_TUI_SPARKLINE_H

#include <stddef.h>

struct spark_style {
    const char *const *levels; /* levels[0] is "zero", levels[n - 1] is "max" */
    int nlevels;
    const char *missing; /* for nan or inf */
};

/* Value i of the series (lets callers pass any array without copying). */
typedef double (*spark_get)(const void *ctx, size_t i);

/* Renders n values as at most `width` glyphs into out (NUL-terminated),
 * scaled from 0 to max (max <= 0: the largest finite value). With more values
 * than cells, each cell shows the largest value of its share of the series,
 * so spikes stay visible; a share holding nan or inf shows `missing`.
 * Returns the number of cells drawn. */
int sparkline_render(spark_get get, const void *ctx, size_t n, int width, double max,
                     const struct spark_style *st, char *out, size_t cap);

#endif
