/* Training settings from the keyboard (settings.c). */
#ifndef RNNSTEP_TUI_SETTINGS_H
#define RNNSTEP_TUI_SETTINGS_H

struct tui;

/* Sets the learning rate (from the next update); returns reaction flags. */
unsigned settings_set_lr(struct tui *t, double lr);
/* Sets clipping at clip (0: off; a positive value is also what c switches
 * on at); returns reaction flags. */
unsigned settings_set_clip(struct tui *t, double clip);

#endif
