/* Selection in the focused parameter matrix: entry, moves and viewport. */
#include "matrix.h"

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void matrix_entry(const struct matrix_sel *m, int *row, int *col)
{
    switch (m->id) {
    case RNN_P_U: *row = m->unit, *col = m->chr; break;
    case RNN_P_W: *row = m->unit, *col = m->peer; break;
    case RNN_P_V: *row = m->chr, *col = m->unit; break;
    case RNN_P_C: *row = m->chr, *col = 0; break;
    default: *row = m->unit, *col = 0; break;
    }
}

/* The inverse of matrix_entry: stores (row, col) back into the indices. */
static void set_entry(struct matrix_sel *m, int row, int col)
{
    switch (m->id) {
    case RNN_P_U: m->unit = row, m->chr = col; break;
    case RNN_P_W: m->unit = row, m->peer = col; break;
    case RNN_P_V: m->chr = row, m->unit = col; break;
    case RNN_P_C: m->chr = row; break;
    default: m->unit = row; break;
    }
}

void matrix_move(struct matrix_sel *m, struct rnn_shape shape, int drow, int dcol)
{
    int rows, cols, r, c;
    rnn_param_dims(shape, m->id, &rows, &cols);
    matrix_entry(m, &r, &c);
    /* 64-bit sums: a typed count can be near INT_MAX */
    long long nr = (long long)r + drow, nc = (long long)c + dcol;
    set_entry(m,
              nr < 0       ? 0
              : nr >= rows ? rows - 1
                           : (int)nr,
              nc < 0       ? 0
              : nc >= cols ? cols - 1
                           : (int)nc);
}

void matrix_cycle(struct matrix_sel *m, int delta)
{
    int n = RNN_P_COUNT;
    m->id = (enum rnn_param_id)((((int)m->id + delta) % n + n) % n);
}

int matrix_first_shown(int at, int total, int shown)
{
    if (shown >= total)
        return 0;
    return clamp(at - shown / 2, 0, total - shown);
}
