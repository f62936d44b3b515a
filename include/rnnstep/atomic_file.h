/* Output files that appear whole or not at all: writes go to a temporary
 * file in the same directory, renamed over the target on commit. */
#ifndef RNNSTEP_ATOMIC_FILE_H
#define RNNSTEP_ATOMIC_FILE_H

#include <stddef.h>
#include <stdio.h>

struct rnn_atomic_file {
    FILE *fp;
    char *tmp;
    const char *path;
};

/* Opens the temporary file; on failure writes the reason into err. */
int rnn_atomic_open(struct rnn_atomic_file *f, const char *path, char *err, size_t errcap);
/* Flushes, syncs and renames into place; on any failure the target is
 * untouched, the temporary file removed and err says why. */
int rnn_atomic_commit(struct rnn_atomic_file *f, char *err, size_t errcap);
/* Discards the temporary file. */
void rnn_atomic_abort(struct rnn_atomic_file *f);

#endif
