/* Weight surgery from the keyboard (surgery.c). */
#ifndef RNNSTEP_TUI_SURGERY_H
#define RNNSTEP_TUI_SURGERY_H

struct tui;

/* Applies the edit typed at the prompt ("W[0][1]=0.3", "W*0.5"), recorded in
 * the engine's history; returns reaction flags, with a message either way. */
unsigned surgery_apply(struct tui *t, const char *spec);

#endif
