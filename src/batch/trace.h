/* --trace: one JSON Lines record per micro-step (schema in README.md). */
#ifndef RNNSTEP_TRACE_H
#define RNNSTEP_TRACE_H

#include <stdio.h>

#include "app/session.h"

/* Writes the record of the micro-step just done; ev are its events. */
void trace_write(FILE *fp, const struct session *s, unsigned ev);

#endif
