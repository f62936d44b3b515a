/* Numbers as the worked example prints them: 4 decimals, aligned, never
 * "-0.0000". Pure functions (no curses), unit-tested. */
#ifndef RNNSTEP_TUI_FORMAT_H
#define RNNSTEP_TUI_FORMAT_H

#include <stddef.h>

#define FMT_NUM_CAP 32

/* Writes x with 4 decimals ("0.1432", "-0.3055"), right-aligned in `width`
 * columns (0: no padding). Values that round to zero print as "0.0000";
 * |x| >= 1e6 uses exponent notation; nan, inf and -inf print as such.
 * A value wider than `width` loses decimals, then mantissa digits
 * ("-1.68e+03", "2e308"), never magnitude: the text never exceeds `width`
 * columns (a cell under 7 columns may show '#'s). Returns buf. */
const char *fmt_num(char *buf, size_t cap, double x, int width);

/* A number cell of exactly `cols` columns whose first column is blank, so
 * that cells written side by side never run together: " " + fmt_num(x,
 * cols - 1). Returns buf. */
const char *fmt_cell(char *buf, size_t cap, double x, int cols);

/* Columns fmt_num(x, 0) takes: what a cell needs to show x in full. */
int fmt_num_width(double x);

/* Writes x with 6 significant digits ("0.123457", "-1.23457e-05"): the
 * selected entry of a matrix, whose gradient can be far below 0.0001. */
const char *fmt_precise(char *buf, size_t cap, double x);

/* Writes "[ 0.2398  0.2370 ...]": n values x[i * stride], each in 7 columns,
 * stopping with `ellipsis` before the text would exceed max_cols columns
 * (counting the ellipsis as one column). Returns buf. */
const char *fmt_vec(char *buf, size_t cap, const double *x, int n, int stride, int max_cols,
                    const char *ellipsis);

#endif
