/* Parameter files: JSON through jansson, format "rnnstep-params" version 1.
 * Loading validates everything (shapes, finiteness, vocabulary) and reports
 * one line naming the place and the problem; saving is atomic. */
#ifndef RNNSTEP_PARAMS_IO_H
#define RNNSTEP_PARAMS_IO_H

#include <stddef.h>

#include "rnnstep/model.h"
#include "rnnstep/text.h"

#define RNN_PARAMS_FORMAT "rnnstep-params"
#define RNN_PARAMS_VERSION 1

struct rnn_params {
    struct rnn_shape shape;
    struct rnn_vocab vocab;
    double *theta; /* rnn_param_count(shape) doubles, malloc'ed */
};

/* Parses a parameter document held in memory. On failure returns -1 and
 * writes "PLACE: PROBLEM" (for example "line 3, column 7: ..." or
 * "U[1][0]: expected a number") into err. */
int rnn_params_parse(const char *buf, size_t len, struct rnn_params *out, char *err, size_t errcap);

/* Reads and parses a file; errors as above (the caller adds the file name). */
int rnn_params_load(const char *path, struct rnn_params *out, char *err, size_t errcap);

/* Writes the parameters with 17 significant digits (bit-exact round trip)
 * to a temporary file in the same directory, then renames it over path.
 * On failure nothing at path changes and err says why. */
int rnn_params_save(const char *path, const struct rnn_vocab *vocab, struct rnn_shape shape,
                    const double *theta, char *err, size_t errcap);

void rnn_params_free(struct rnn_params *p);

#endif
