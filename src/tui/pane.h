/* What every pane draws from (a frame: engine view plus display choices) and
 * the panes' draw functions. Panes read the frame only; the TUI does no maths. */
#ifndef RNNSTEP_TUI_PANE_H
#define RNNSTEP_TUI_PANE_H

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
    double loss_now; /* loss at the current parameters ("epoch k") */
    const struct rnn_loss_entry *log;
    size_t log_len;
    uint64_t log_stride;
    double loss_first, loss_lowest;
    bool has_stats;
    uint64_t passes_total;              /* iterations per pass (corpus mode) */
    const struct matrix_sel *mat;       /* the matrix pane's selection */
    struct rnn_param_summary mat_sum;   /* the focused matrix as shown (value or gradient) */
    struct rnn_param_summary mat_other; /* the other of the two */
};

typedef void (*pane_draw_fn)(const struct frame *f, WINDOW *w);

struct pane {
    const char *title;
    pane_draw_fn draw;
};

void pane_sequence_draw(const struct frame *f, WINDOW *w);
void pane_hidden_draw(const struct frame *f, WINDOW *w);
void pane_softmax_draw(const struct frame *f, WINDOW *w);
void pane_grads_draw(const struct frame *f, WINDOW *w);
void pane_loss_draw(const struct frame *f, WINDOW *w);
void pane_equation_draw(const struct frame *f, WINDOW *w);
/* The focused parameter matrix as a heat map or numbers (hidden size > 1). */
void pane_matrix_draw(const struct frame *f, WINDOW *w);
/* Corpus mode's sequence pane: the window inside the surrounding text. */
void pane_corpus_draw(const struct frame *f, WINDOW *w);
/* Highlights the sparkline cells (drawn at y, x) whose epochs clipping touched. */
void pane_loss_mark_clipping(const struct frame *f, WINDOW *w, int y, int x, int cells);

#endif
