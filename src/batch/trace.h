/* --trace: one JSON Lines record per micro-step (schema in README.md). */
#ifndef RNNSTEP_TRACE_H
#define RNNSTEP_TRACE_H

#include <stdio.h>

#include "app/session.h"

/* Writes the record of the micro-step just done; ev are its events. */
void trace_write(FILE *fp, const struct session *s, unsigned ev);

/* Marks a weight surgery (--edit) done between micro-steps: a record with
 * phase "surgery", the edit and the parameters after it. */
void trace_write_surgery(FILE *fp, const struct session *s, const struct rnn_surgery *op);

#endif
