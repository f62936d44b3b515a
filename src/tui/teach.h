/* The teaching tools inside the visualiser: their state, the commands of the
 * key table that drive them, and the few hooks tui.c calls (draw a teaching
 * view, modal keys for prompts and the quiz, record and replay, the ghost run). */
#ifndef RNNSTEP_TUI_TEACH_H
#define RNNSTEP_TUI_TEACH_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "pane.h"
#include "prompt.h"
#include "rnnstep/analysis.h"

struct tui;

enum teach_view {
    TEACH_VIEW_NONE,
    TEACH_VIEW_FLOW,
    TEACH_VIEW_GRADCHECK,
    TEACH_VIEW_SAMPLE,
    TEACH_VIEW_CHART,
};

/* What a quiz question asks about (the micro-step it precedes). */
enum quiz_kind { QUIZ_NONE, QUIZ_PREDICT, QUIZ_GRADIENT_SIGN, QUIZ_UPDATE_SIGN };

struct quiz {
    bool on;
    enum quiz_kind pending; /* a question is waiting for its answer */
    int t, unit;            /* the timestep and hidden unit asked about */
    unsigned right, asked;
};

/* Gradient flow buffers (NULL when the window is too large to map). */
struct teach_flow {
    double *block, *step_norms, *scratch;
    struct rnn_flow flow;
    double w_norm, product; /* the Jacobian gauge */
};

/* Gradient check results for the parameters in `theta` (the cache key). */
struct teach_gradcheck {
    double *analytic, *numeric, *theta;
    double worst[RNN_P_COUNT];
    size_t worst_at[RNN_P_COUNT];
    size_t position;
    bool valid, too_large;
};

/* Sampling choices and results. */
#define SAMPLE_LEN 400
#define PREDICT_LEN 2000
struct teach_sample {
    struct rnn_sampler *sampler;
    int first;      /* vocabulary index of the first character */
    int temp;       /* index into the temperature table */
    uint64_t draws; /* S presses: picks the generator seed */
    uint8_t out[SAMPLE_LEN], pred[PREDICT_LEN];
    size_t npred;
};

/* Record (keys written as they come) or replay (keys read ahead). */
struct teach_record {
    FILE *out;
    int *keys; /* replay: recorded events, RECORD_TICK for an autoplay tick */
    size_t nkeys, next;
    bool replaying;
};
#define RECORD_TICK (-1)

struct teach {
    enum teach_view view;
    WINDOW *win;
    int scroll;
    double clip_value; /* what c switches clipping on at */
    bool chart_log;
    struct teach_flow flow;
    struct teach_gradcheck gc;
    struct teach_sample sample;
    struct rnn_engine *ghost; /* the forked run, advanced alongside */
    uint64_t ghost_from;      /* the epoch it forked at */
    struct prompt prompt;
    struct quiz quiz;
    struct teach_record rec;
    char path[256]; /* default for save and load */
};

/* Allocates the state; on failure writes one line into err and returns -1
 * (a replay file that cannot be read or was recorded with other settings). */
int teach_open(struct tui *t, char *err, size_t errcap);
void teach_close(struct tui *t);

/* Draws the active teaching view over the panes; false when none is active. */
bool teach_draw(struct tui *t, const struct frame *f);

/* One input event (a key, or ERR for an autoplay tick): records or replays
 * it, gives modal keys (prompt, quiz answer) to the teaching tools and the
 * rest to `dispatch`, then advances the ghost run. Returns tui_flags. */
typedef unsigned (*teach_dispatch_fn)(struct tui *t, int key);
unsigned teach_event(struct tui *t, int key, teach_dispatch_fn dispatch);

/* The commands of the key table (commands.c dispatches to them). */
unsigned teach_cmd_clip(struct tui *t, uint64_t n);
unsigned teach_cmd_clip_value(struct tui *t, uint64_t n);
unsigned teach_cmd_lr_halve(struct tui *t, uint64_t n);
unsigned teach_cmd_lr_double(struct tui *t, uint64_t n);
unsigned teach_cmd_lr_type(struct tui *t, uint64_t n);
unsigned teach_cmd_optimizer(struct tui *t, uint64_t n);
unsigned teach_cmd_view_flow(struct tui *t, uint64_t n);
unsigned teach_cmd_view_gradcheck(struct tui *t, uint64_t n);
unsigned teach_cmd_view_sample(struct tui *t, uint64_t n);
unsigned teach_cmd_view_chart(struct tui *t, uint64_t n);
unsigned teach_cmd_scroll_down(struct tui *t, uint64_t n);
unsigned teach_cmd_scroll_up(struct tui *t, uint64_t n);
unsigned teach_cmd_chart_scale(struct tui *t, uint64_t n);
unsigned teach_cmd_temperature(struct tui *t, uint64_t n);
unsigned teach_cmd_first_char(struct tui *t, uint64_t n);
unsigned teach_cmd_resample(struct tui *t, uint64_t n);
unsigned teach_cmd_fork(struct tui *t, uint64_t n);
unsigned teach_cmd_save(struct tui *t, uint64_t n);
unsigned teach_cmd_load(struct tui *t, uint64_t n);
unsigned teach_cmd_quiz(struct tui *t, uint64_t n);

/* Quiz (quiz.c): asks instead of stepping; answers a pending question. */
bool quiz_wants_key(const struct tui *t, int key);
unsigned quiz_ask(struct tui *t);
unsigned quiz_answer(struct tui *t, int key);

/* Record and replay (record.c). */
int record_open(struct tui *t, char *err, size_t errcap);
void record_close(struct teach_record *r);
void record_event(struct teach_record *r, int key);
/* The next replayed event, or false when the replay is over. */
bool record_next(struct teach_record *r, int *key);

/* Views (one file each): prepare computes through the engine, draw only draws. */
void pane_flow_prepare(struct teach *tc, const struct frame *f);
void pane_flow_draw(const struct teach *tc, const struct frame *f, WINDOW *w);
void pane_gradcheck_prepare(struct teach *tc, struct rnn_engine *e, const struct frame *f);
void pane_gradcheck_draw(const struct teach *tc, const struct frame *f, WINDOW *w);
void pane_sample_prepare(struct teach *tc, const struct frame *f);
void pane_sample_draw(const struct teach *tc, const struct frame *f, WINDOW *w);
void pane_chart_draw(const struct teach *tc, const struct frame *f, WINDOW *w);

/* The sampling temperature for table index i (0 takes the argmax). */
double teach_temperature(int i);
#define TEACH_TEMPERATURES 5

#endif
