/* Round numbers for the loss chart's axes (ticks.h). */
#include "ticks.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define LABEL_COLS 8 /* the chart's y labels are right-aligned in 8 columns */

double ticks_nice(double x)
{
    double p = pow(10, floor(log10(x)));
    static const double mult[] = {1, 2, 5, 10};
    for (int i = 0; i < 4; i++)
        if (mult[i] * p >= x * (1 - 1e-9))
            return mult[i] * p;
    return 10 * p;
}

/* The 1-2-5 number below the 1-2-5 number x: 5 -> 2, 2 -> 1, 1 -> 0.5. */
static double nice_below(double x)
{
    double mantissa = x / pow(10, floor(log10(x) + 1e-9));
    return mantissa > 4 ? x / 2.5 : x / 2;
}

struct ticks_x ticks_x_axis(uint64_t epochs, int width, int gap)
{
    struct ticks_x x = {epochs, 1, 0};
    if (epochs == 0 || width < 1)
        return x;
    x.cols = epochs < (uint64_t)width ? (int)epochs : width;
    /* Ticks step epochs apart lie at least step * cols / epochs - 1
     * columns apart (the columns hold whole epochs): ask for gap + 1. */
    double need = (double)(gap + 1) * (double)epochs / x.cols;
    x.step = (uint64_t)ticks_nice(need < 1 ? 1 : need);
    return x;
}

uint64_t ticks_x_first(const struct ticks_x *x, int col)
{
    return (uint64_t)col * x->epochs / (uint64_t)x->cols;
}

/* The last column whose first epoch is at or before epoch. */
int ticks_x_column(const struct ticks_x *x, uint64_t epoch)
{
    uint64_t c = ((epoch + 1) * (uint64_t)x->cols + x->epochs - 1) / x->epochs;
    return c ? (int)c - 1 : 0;
}

/* A linear axis's label: as many decimals as the step needs. */
static void linear_label(char *buf, double v, double step)
{
    int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    snprintf(buf, TICKS_LABEL_CAP, "%.*f", dec, v);
    if (strlen(buf) > LABEL_COLS)
        snprintf(buf, TICKS_LABEL_CAP, "%.3g", v);
}

static void add_label(struct ticks_y *y, int rows, bool log, double v, double step)
{
    int row = rows - (int)lround(ticks_y_frac(y, log, v) * rows);
    if (y->n == TICKS_Y_MAX || (y->n > 0 && y->row[y->n - 1] == row))
        return;
    y->row[y->n] = row;
    if (log)
        snprintf(y->text[y->n], TICKS_LABEL_CAP, "%g", v);
    else
        linear_label(y->text[y->n], v, step);
    y->n++;
}

/* From 0 to the largest value (the bars use the whole height), labels at
 * the multiples of a round step below it. */
static void linear_axis(double max, int rows, struct ticks_y *y)
{
    if (!(max > 0) || !isfinite(max))
        max = 1;
    int labels = rows / 3 < 1 ? 1 : rows / 3 > 8 ? 8 : rows / 3;
    double step = ticks_nice(max / labels);
    while (step > max) /* a label above 0 even with few rows */
        step = nice_below(step);
    y->lo = 0;
    y->hi = max;
    for (int j = 0; j * step <= max * (1 + 1e-12) && y->n < TICKS_Y_MAX; j++)
        add_label(y, rows, false, j * step, step);
}

/* Powers of ten, with 2 and 5 between them when the range is at most two
 * decades. */
static void log_axis(double min, double max, int rows, struct ticks_y *y)
{
    if (!(min > 0) || !isfinite(min) || !(max >= min) || !isfinite(max)) {
        min = 1;
        max = 10;
    }
    int lo10 = (int)floor(log10(min)), hi10 = (int)ceil(log10(max));
    if (hi10 == lo10)
        hi10++;
    y->lo = pow(10, lo10);
    y->hi = pow(10, hi10);
    bool between = hi10 - lo10 <= 2;
    for (int k = lo10; k <= hi10; k++) {
        double p = pow(10, k);
        add_label(y, rows, true, p, p);
        if (between && k < hi10) {
            add_label(y, rows, true, 2 * p, p);
            add_label(y, rows, true, 5 * p, p);
        }
    }
}

void ticks_y_axis(double min, double max, int rows, bool log, struct ticks_y *out)
{
    memset(out, 0, sizeof *out);
    if (log)
        log_axis(min, max, rows, out);
    else
        linear_axis(max, rows, out);
}

double ticks_y_frac(const struct ticks_y *y, bool log, double v)
{
    double f = log ? (log10(v) - log10(y->lo)) / (log10(y->hi) - log10(y->lo))
                   : (v - y->lo) / (y->hi - y->lo);
    return f < 0 ? 0 : f > 1 ? 1 : f;
}
