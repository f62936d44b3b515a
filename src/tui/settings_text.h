/* How two runs' settings differ, as short text (the loss chart's legend
 * names what the main run and the forked ghost train with). Pure: no curses. */
#ifndef RNNSTEP_TUI_SETTINGS_TEXT_H
#define RNNSTEP_TUI_SETTINGS_TEXT_H

#include <stddef.h>

#include "rnnstep/engine.h"

/* The settings of a that differ from b's, "lr 0.4, K=2" ("full BPTT" and
 * "no clip" for what b has on and a off), in a window of T steps; "" when
 * none differ. Returns buf. */
const char *settings_differences(const struct rnn_settings *a, const struct rnn_settings *b, int T,
                                 char *buf, size_t cap);

#endif
