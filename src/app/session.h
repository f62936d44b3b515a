/* A training session built from the options: text, vocabulary, initial
 * parameters and the engine. Shared by the visualiser and batch mode. */
#ifndef RNNSTEP_APP_SESSION_H
#define RNNSTEP_APP_SESSION_H

#include "options.h"
#include "rnnstep/engine.h"

#define WHOLE_TEXT_MAX 10000 /* characters in whole-text mode */
#define TEXT_FILE_MAX_BYTES ((size_t)100 << 20)

struct session {
    struct rnn_vocab vocab;
    struct rnn_text text;
    struct rnn_config cfg;
    double *theta0;
    struct rnn_engine *engine;
    bool corpus;        /* --seq-length given: truncated BPTT over windows */
    bool example;       /* the worked example's text and size: its parameters fit */
    char init_desc[96]; /* where the initial parameters came from */
    char text_desc[96]; /* where the text came from */
};

/* Builds everything; on failure writes one line (without the program name)
 * into err and returns -1. */
int session_open(struct session *s, const struct options *o, char *err, size_t errcap);
void session_close(struct session *s);

/* Saves the current parameters to path; one line into err on failure. */
int session_save(const struct session *s, const char *path, char *err, size_t errcap);

/* Replaces the initial parameters from a parameter file (same shape and
 * vocabulary as the session) and resets the engine. */
int session_load(struct session *s, const char *path, char *err, size_t errcap);

/* The same with the worked example's initial parameters (only when
 * s->example); one line into err otherwise. */
int session_load_example(struct session *s, char *err, size_t errcap);

#endif
