/* A one-line text prompt on the status line (a value or a file path):
 * keys edit the text, Enter accepts, Escape cancels. Pure: no curses. */
#ifndef RNNSTEP_TUI_PROMPT_H
#define RNNSTEP_TUI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

enum prompt_kind {
    PROMPT_NONE,
    PROMPT_CLIP,
    PROMPT_LR,
    PROMPT_SAVE,
    PROMPT_LOAD,
    PROMPT_GOTO,
    PROMPT_EDIT
};

enum prompt_result { PROMPT_EDITING, PROMPT_ACCEPTED, PROMPT_CANCELLED };

#define PROMPT_CAP 256
#define PROMPT_KEY_ENTER 0527 /* curses KEY_ENTER (teach.c checks) */

struct prompt {
    enum prompt_kind kind; /* PROMPT_NONE: closed */
    const char *label;
    char text[PROMPT_CAP];
    size_t len;
};

/* Opens the prompt with `initial` as the editable text. */
void prompt_open(struct prompt *p, enum prompt_kind kind, const char *label, const char *initial);

/* Feeds one key; the prompt closes (kind NONE) on ACCEPTED or CANCELLED,
 * keeping the text for the caller to read. */
enum prompt_result prompt_feed(struct prompt *p, int key);

/* "label: text_" for the status line. */
void prompt_line(const struct prompt *p, char *buf, size_t cap);

#endif
