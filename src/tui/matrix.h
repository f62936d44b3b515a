/* The parameter matrix the visualiser focuses on and the entry selected in
 * it. Pure: no curses, unit-tested. The selection is three indices shared by
 * all matrices (hidden unit, character, W's column), so moving in U moves
 * the same unit's row in W and b, and the unit the other panes show. */
#ifndef RNNSTEP_TUI_MATRIX_H
#define RNNSTEP_TUI_MATRIX_H

#include <stdbool.h>

#include "rnnstep/model.h"

struct matrix_sel {
    enum rnn_param_id id; /* the focused parameter */
    bool grad;            /* show dL/d(param) rather than the value */
    bool numbers;         /* exact numbers rather than heat glyphs */
    int unit;             /* hidden unit: U, W and b's row, V's column */
    int chr;              /* vocabulary index: U's column, V and c's row */
    int peer;             /* W's column: the unit h_(t-1) feeds from */
};

/* Row and column of the selected entry in the focused parameter. */
void matrix_entry(const struct matrix_sel *m, int *row, int *col);

/* Moves the selection by (drow, dcol) entries, stopping at the edges. */
void matrix_move(struct matrix_sel *m, struct rnn_shape shape, int drow, int dcol);

/* Focuses the parameter `delta` places on in the order U, W, b, V, c (wrapping). */
void matrix_cycle(struct matrix_sel *m, int delta);

/* First of `shown` consecutive indices out of `total` that keeps `at` in
 * view, centred where the ends allow. */
int matrix_first_shown(int at, int total, int shown);

#endif
