/* Where each pane goes for a terminal size: pure arithmetic, no curses. */
#ifndef RNNSTEP_TUI_LAYOUT_H
#define RNNSTEP_TUI_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MIN_COLS 80
#define LAYOUT_MIN_ROWS 24

enum pane_id {
    PANE_SEQUENCE,
    PANE_HIDDEN,
    PANE_LOSS,
    PANE_SOFTMAX,
    PANE_GRADS,
    PANE_EQUATION,
    PANE_COUNT
};

struct rect {
    int y, x, h, w; /* h 0: the pane is not shown (another is zoomed) */
};

struct layout {
    bool too_small;
    struct rect pane[PANE_COUNT];
    struct rect status;
};

/* What the content would like: timesteps shown in full and softmax rows;
 * above hidden size 1 the matrix pane can use every row it gets. */
struct layout_wants {
    int T;
    int vocab;
    int hidden;
    int zoom; /* a pane shown alone, filling the screen; PANE_COUNT: none */
};

void layout_compute(int rows, int cols, const struct layout_wants *wants, struct layout *out);

#endif
