/* The status-line prompts' answers (prompts.c). */
#ifndef RNNSTEP_TUI_PROMPTS_H
#define RNNSTEP_TUI_PROMPTS_H

struct tui;

/* A key while a prompt is open: edits, accepts (and acts on) or cancels it.
 * Returns reaction flags. */
unsigned prompts_key(struct tui *t, int key);

#endif
