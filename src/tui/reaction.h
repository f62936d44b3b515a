/* What a command, a view's key or an input event asks of the main loop, in
 * the spirit of htop's Htop_Reaction: REFRESH when only the display changed
 * (a cursor, a toggle, a message), RECALC when the model changed (a step, a
 * rewind, a reset, a load), so that everything derived from it (the current
 * loss, flow, gradient check, samples) is computed again before drawing. */
#ifndef RNNSTEP_TUI_REACTION_H
#define RNNSTEP_TUI_REACTION_H

#include <stdbool.h>

enum reaction {
    REACT_REFRESH = 1u << 0,
    REACT_RECALC = 1u << 1 | REACT_REFRESH,
    REACT_QUIT = 1u << 2,
    REACT_DUMP = 1u << 3, /* a replay's screen event: write the screen (dump.h) */
};

/* The flags ask for a recalculation (not only a redraw). */
static inline bool react_recalc(unsigned flags)
{
    return flags & (REACT_RECALC & ~REACT_REFRESH);
}

#endif
