/* Command-line options shared by the visualiser and batch mode. */
#ifndef RNNSTEP_APP_OPTIONS_H
#define RNNSTEP_APP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rnnstep/engine.h"

enum out_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSONL };

/* --edit SPEC: a weight surgery batch mode applies before iteration `at`. */
#define OPTIONS_EDITS_MAX 16
struct option_edit {
    uint64_t at;
    enum rnn_surgery_kind kind;
    enum rnn_param_id param;
    uint64_t row, col; /* RNN_SURGERY_SET */
    double value;
};

struct options {
    bool batch, gradcheck, help, version;
    const char *lesson;          /* --lesson FILE */
    const char *training_option; /* the first training option given, for messages */
    const char *worksheet;       /* --worksheet FILE */
    bool worksheet_exercise;     /* --worksheet-exercise: blanks and an answer key */
    int decimals;                /* --decimals N, for the worksheet */
    bool diagnostics;            /* batch: print the diagnostics strip after training */
    struct option_edit edits[OPTIONS_EDITS_MAX];
    int n_edits;
    uint64_t epochs, iterations, every;
    bool epochs_set, iterations_set, every_set, format_set, hidden_set;
    enum out_format format;
    const char *text, *text_file, *init, *save, *trace, *record, *replay, *theme;
    int hidden;
    int seq_length; /* 0: whole-text mode */
    uint64_t seed;
    bool seed_set;
    struct rnn_settings settings;
};

#define DEFAULT_TEXT "hello"
#define DEFAULT_EPOCHS 100
#define DEFAULT_ITERATIONS 1000

/* Parses argv. On a bad option writes one line into err and returns -1. */
int options_parse(int argc, char **argv, struct options *o, char *err, size_t errcap);

/* Applies one training option by its long name ("hidden", "lr", ...), as a
 * lesson's setting line does. Returns 1 when name is not a training option,
 * -1 with err set when the value is bad, 0 when applied. */
int options_apply_setting(struct options *o, const char *name, const char *value, char *err,
                          size_t errcap);

/* Refuses options that cannot go together; one line into err. */
int options_check(const struct options *o, char *err, size_t errcap);

/* Weight surgery as text, the grammar of --edit and of the visualiser's edit
 * prompt: "W*0.5" scales W, "W[0][1]=0.3" sets an entry (row-major indices
 * from 0), optionally "@N": before iteration N. False when it is not that. */
#define OPTIONS_EDIT_GRAMMAR "P*FACTOR or P[ROW][COL]=VALUE (P one of U W b V c)"
bool options_parse_edit(const char *spec, struct option_edit *ed);
/* The surgery of ed for a model of this shape; -1 with err set ("W[3][0] is
 * outside W, which is 2 x 2") when the entry is not in it. */
int options_edit_surgery(struct rnn_shape shape, const struct option_edit *ed,
                         struct rnn_surgery *op, char *err, size_t cap);

/* Parses a whole decimal integer in [lo, hi]; false on junk or overflow. */
bool parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out);

void options_print_help(void);

#endif
