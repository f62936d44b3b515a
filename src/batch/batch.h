/* Headless front end: training tables, micro-step traces and gradcheck. */
#ifndef RNNSTEP_BATCH_H
#define RNNSTEP_BATCH_H

#include "app/options.h"
#include "app/session.h"

/* Each returns the process exit status. */
int batch_run(struct session *s, const struct options *o);
int batch_gradcheck(struct session *s);

#endif
