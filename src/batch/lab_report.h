/* Batch mode's face of the BPTT lab: what --gradcheck says under --truncate
 * or --inject-bug, and the --diagnostics strip. */
#ifndef RNNSTEP_LAB_REPORT_H
#define RNNSTEP_LAB_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "app/session.h"
#include "rnnstep/analysis.h"

/* With truncation or an injected bug on, prints the lab's verdict on the
 * gradients rnn_gradcheck_run gave (analytic a, numeric n, its verdict r)
 * and returns the exit status: truncation reports its bias and exits 0, a
 * bug fails and names the parameters it corrupts (those with entries past
 * the verdict's limit). Returns -1 (nothing printed) when neither is on. */
int lab_gradcheck_report(const struct session *s, const double *a, const double *n,
                         const struct rnn_gradcheck_result *r);

/* --edit: each edit's entry inside the session's shape; -1 with one line
 * in err for one that does not fit (checked before training starts). */
int lab_check_edits(const struct session *s, const struct options *o, char *err, size_t cap);

/* The diagnostics strip for the engine's current state, as text lines. */
void lab_print_diagnostics(FILE *fp, const struct session *s);

#endif
