/* The teaching tools inside the visualiser: their state, the commands of the
 * command table that drive them, and the few hooks tui.c calls (modal keys
 * for prompts and the quiz, record and replay, the ghost run). */
#ifndef RNNSTEP_TUI_TEACH_H
#define RNNSTEP_TUI_TEACH_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "frame.h"
#include "prompt.h"
#include "record_parse.h"
#include "rnnstep/analysis.h"
#include "rnnstep/atomic_file.h"

struct tui;

/* What a quiz question asks about (the micro-step it precedes). */
enum quiz_kind { QUIZ_NONE, QUIZ_PREDICT, QUIZ_GRADIENT_SIGN, QUIZ_UPDATE_SIGN };

struct quiz {
    bool on;
    enum quiz_kind pending; /* a question is waiting for its answer */
    int t, unit;            /* the timestep and hidden unit asked about */
    unsigned right, asked;
};

/* Record (keys written as they come) or replay (keys read ahead). */
struct teach_record {
    FILE *out; /* the recording's temporary file, renamed into place at the end */
    struct rnn_atomic_file file;
    const char *path;
    int *keys; /* replay: recorded events, RECORD_TICK for an autoplay tick,
                  RECORD_SCREEN for a screen dump (golden tests) */
    size_t nkeys, next;
    bool replaying;
};

struct teach {
    double clip_value;        /* what c switches clipping on at */
    double clip_norm_value;   /* what N switches norm clipping on at */
    struct rnn_engine *ghost; /* the forked run, advanced alongside */
    uint64_t ghost_from;      /* the epoch it forked at */
    bool ghost_stopped;       /* it reached nan/inf: it stays there (F forks anew) */
    struct prompt prompt;
    struct quiz quiz;
    struct teach_record rec;
    char path[256]; /* default for save and load */
};

/* Allocates the state; on failure writes one line into err and returns -1
 * (a replay file that cannot be read or was recorded with other settings). */
int teach_open(struct tui *t, char *err, size_t errcap);
/* Frees the state and completes the recording; -1 with err set when the
 * recording could not be written (a full disk). */
int teach_close(struct tui *t, char *err, size_t errcap);

/* Quiz (quiz.c): asks instead of stepping; answers a pending question. */
bool quiz_wants_key(const struct tui *t, int key);
unsigned quiz_ask(struct tui *t);
unsigned quiz_answer(struct tui *t, int key);

/* Record and replay (record.c). */
int record_open(struct tui *t, char *err, size_t errcap);
int record_close(struct teach_record *r, char *err, size_t errcap);
void record_event(struct teach_record *r, int key);
/* The next replayed event (while replaying); the replay is over (replaying
 * false) once it has handed out the last one. */
int record_next(struct teach_record *r);

#endif
