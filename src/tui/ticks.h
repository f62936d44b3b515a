/* Round numbers for the loss chart's axes: which epochs each column holds,
 * which epochs get a tick and where, and where the loss axis puts its
 * labels. Pure arithmetic, no curses, unit-tested (test_tui_pure). */
#ifndef RNNSTEP_TUI_TICKS_H
#define RNNSTEP_TUI_TICKS_H

#include <stdbool.h>
#include <stdint.h>

/* The smallest 1, 2 or 5 times a power of ten that is at least x (x > 0). */
double ticks_nice(double x);

/* The x axis: epochs 0 .. epochs-1 in `cols` columns (as many as the width
 * allows, one epoch each when they fit); column c holds the epochs
 * [ticks_x_first(c), ticks_x_first(c + 1)). A tick every `step` epochs
 * (1, 2, 5, 10, 20, ...) sits in the column holding its epoch; ticks are at
 * least `gap` columns apart, so that labels of gap - 1 characters never
 * touch. */
struct ticks_x {
    uint64_t epochs, step;
    int cols;
};
struct ticks_x ticks_x_axis(uint64_t epochs, int width, int gap);
uint64_t ticks_x_first(const struct ticks_x *x, int col);
int ticks_x_column(const struct ticks_x *x, uint64_t epoch);

/* The y axis over `rows` rows of bars: the range [lo, hi] for the values
 * min .. max (linear: 0 .. max, so that the bars use the whole height; log:
 * the powers of ten around them), and labels at round values, each on the
 * row (0 = top, rows = the axis row below the bars) where a bar of that
 * value ends; no two on one row. */
#define TICKS_Y_MAX 24
#define TICKS_LABEL_CAP 16
struct ticks_y {
    double lo, hi;
    int n;
    int row[TICKS_Y_MAX];
    char text[TICKS_Y_MAX][TICKS_LABEL_CAP];
};
void ticks_y_axis(double min, double max, int rows, bool log, struct ticks_y *out);

/* Where value v sits on the y axis: 0 (lo) .. 1 (hi), clamped. */
double ticks_y_frac(const struct ticks_y *y, bool log, double v);

#endif
