/* What the diagnostics view (D) and the diagnostics strip show, derived once
 * per state change from the engine (views/diagnostics.c). */
#ifndef RNNSTEP_TUI_DIAGNOSTICS_H
#define RNNSTEP_TUI_DIAGNOSTICS_H

#include <stddef.h>

#include "frame.h"
#include "rnnstep/lab.h"

struct diagnostics {
    struct rnn_diagnostics d;
    struct rnn_clip_compare c; /* the current gradient under both clippings */
    double clip, clip_norm;    /* the thresholds of c: the settings', or a default when off */
    size_t entries;            /* of the whole gradient */
};

void diagnostics_derive(const struct frame *f, struct rnn_engine *e, struct diagnostics *d);

#endif
