/* What the diagnostics view (D) shows, and the clipping candidates the
 * equation pane gives at an explosion, derived once per state change from
 * the engine (views/diagnostics.c). */
#ifndef RNNSTEP_TUI_DIAGNOSTICS_H
#define RNNSTEP_TUI_DIAGNOSTICS_H

#include <stddef.h>

#include "frame.h"
#include "rnnstep/lab.h"

/* What element-wise and norm clipping make of the gradient shown (at an
 * update, the one it applied), at the settings' thresholds or, for one that
 * is off, at what c and N switch on by default (0.5 and 1). */
struct clip_candidates {
    struct rnn_clip_compare c;
    double clip, clip_norm; /* the thresholds of c */
    size_t entries;         /* of the whole gradient */
};

void clip_candidates_derive(const struct rnn_view *v, struct clip_candidates *out);

struct diagnostics {
    struct rnn_diagnostics d;
    struct clip_candidates cand;
};

void diagnostics_derive(const struct frame *f, struct rnn_engine *e, struct diagnostics *d);

#endif
