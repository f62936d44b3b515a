/* What every pane and view draws from: a frame, the engine's view plus the
 * display choices. Panes read the frame only; the TUI does no maths. */
#ifndef RNNSTEP_TUI_FRAME_H
#define RNNSTEP_TUI_FRAME_H

#include <curses.h>
#include <stdbool.h>

#include "matrix.h"
#include "rnnstep/analysis.h"
#include "rnnstep/engine.h"
#include "theme.h"

struct frame {
    struct rnn_view v;
    const struct rnn_vocab *vocab;
    const struct rnn_text *text;
    const struct theme *th;
    bool corpus;
    int unit;        /* selected hidden unit (0-based) */
    int t_show;      /* timestep the step panes show; 0 = none yet */
    int t_focus;     /* timestep the strips scroll to: t_show, else the next step's */
    double loss_now; /* loss at the current parameters ("epoch k") */
    const struct rnn_loss_entry *log;
    size_t log_len;
    uint64_t log_stride;
    double loss_first, loss_lowest;
    bool has_stats;
    uint64_t passes_total;                  /* iterations per pass (corpus mode) */
    const struct matrix_sel *mat;           /* the matrix pane's selection */
    struct rnn_param_summary mat_sum;       /* the focused matrix as shown (value or gradient) */
    struct rnn_param_summary mat_other;     /* the other of the two */
    int scroll;                             /* the full-screen view's scroll (j, k) */
    const struct rnn_loss_entry *ghost_log; /* the forked run's losses; NULL: none */
    size_t ghost_len;
    uint64_t ghost_stride, ghost_from;  /* ghost_from: the epoch it forked at */
    struct rnn_settings ghost_settings; /* what the ghost trains with */
};

#endif
