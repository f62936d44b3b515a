/* The equation pane's parts (equation.c draws with them): what each draws
 * into and the helpers they share (equation_text.c). */
#ifndef RNNSTEP_TUI_PANES_EQUATION_H
#define RNNSTEP_TUI_PANES_EQUATION_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "diagnostics.h"
#include "frame.h"
#include "rnnstep/engine.h"

/* The parts of the sums shown, from the engine at each state change (every
 * unit's, so choosing another unit needs no recomputation). */
struct eq_state {
    bool has_parts, has_recurrent;
    bool exploded;               /* the update just done raised an explosion */
    struct clip_candidates cand; /* then: what each clipping makes of its gradient */
    double from_output[RNN_HIDDEN_MAX], from_future[RNN_HIDDEN_MAX];
    double recurrent[RNN_HIDDEN_MAX]; /* sum_j W[i,j] h_{t-1}[j] */
};

/* What a part draws: the frame, the pane's state, the window and the line
 * it writes next. */
struct eq {
    const struct frame *f;
    const struct eq_state *st;
    WINDOW *w;
    int y;
    int width;
    const struct rnn_const_block *p; /* the parameters this iteration's steps used */
    bool earlier;                    /* drawing an earlier step of the ledger */
    bool clip_marks;                 /* clipped entries marked '*' instead of "clip(g) = value" */
};

/* Vocabularies up to this size show one-hot vectors digit by digit. */
#define EQ_ONEHOT_MAX 12

/* Helpers (equation_text.c). One line of text at q->y, which moves on. */
void eq_line(struct eq *q, attr_t a, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Short names for numbers and vectors, each into its own buffer. */
const char *eq_num(char *buf, double x);
const char *eq_vec(const struct eq *q, char *buf, size_t cap, const double *x, int n, int lead);
const char *eq_ch(const struct eq *q, char *buf, int idx);
/* The one-hot vector of vocabulary index idx, "[0 1 0 0]", or for a large
 * vocabulary "onehot('e')". */
const char *eq_onehot(const struct eq *q, char *buf, size_t cap, int idx);
/* "[u]" after a per-unit name when the hidden size is above 1. */
const char *eq_unit_suffix(const struct eq *q, char *buf);
/* The block's title: the pane's title for the step just done, a header
 * line for an earlier step of the ledger. */
void eq_block_title(struct eq *q, const char *title);

/* Before the first step: the model's equations and, with rows to spare,
 * the one-hot vectors, the forward steps to come with the parameters now,
 * BPTT's formulas and the parameters (equation_forward.c). */
void eq_draw_start(struct eq *q);
/* Forward step t: h_t, Omega_t, yhat_t, L_t (equation_forward.c). */
void eq_draw_forward(struct eq *q, int t);
/* Backward step t: the gradient terms (equation_backward.c). */
void eq_draw_backward(struct eq *q, int t);
/* The update of every parameter entry shown (equation_update.c). */
void eq_draw_update(struct eq *q);
/* The iteration's earlier steps below the one just done (equation_ledger.c);
 * q->y ends below them when they took only the first column, else at the
 * bottom. */
void eq_draw_ledger(struct eq *q);
/* During the forward pass, in the rows the ledger leaves: the forward steps
 * still to come, BPTT's formulas and the parameters (equation_forward.c). */
void eq_draw_coming(struct eq *q);

#endif
