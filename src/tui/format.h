/* Numbers as the worked example prints them: 4 decimals, aligned, never
 * "-0.0000". Pure functions (no curses), unit-tested. */
#ifndef RNNSTEP_TUI_FORMAT_H
#define RNNSTEP_TUI_FORMAT_H

#include <stddef.h>

#define FMT_NUM_CAP 32

/* Writes x with 4 decimals ("0.1432", "-0.3055"), right-aligned in `width`
 * columns (0: no padding). Values that round to zero print as "0.0000";
 * |x| >= 1e6 uses exponent notation; nan, inf and -inf print as such.
 * Returns buf. */
const char *fmt_num(char *buf, size_t cap, double x, int width);

/* Writes x with 6 significant digits ("0.123457", "-1.23457e-05"): the
 * selected entry of a matrix, whose gradient can be far below 0.0001. */
const char *fmt_precise(char *buf, size_t cap, double x);

/* Writes "[ 0.2398  0.2370 ...]": n values x[i * stride], each in 7 columns,
 * stopping with `ellipsis` before the text would exceed max_cols columns
 * (counting the ellipsis as one column). Returns buf. */
const char *fmt_vec(char *buf, size_t cap, const double *x, int n, int stride, int max_cols,
                    const char *ellipsis);

#endif
