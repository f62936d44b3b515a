/* The status-line prompt's line editor. */
#include "prompt.h"

#include <stdio.h>
#include <string.h>

#include "input.h"

void prompt_open(struct prompt *p, enum prompt_kind kind, const char *label, const char *initial)
{
    p->kind = kind;
    p->label = label;
    snprintf(p->text, sizeof p->text, "%s", initial);
    p->len = strlen(p->text);
}

static bool is_erase(int key)
{
    return key == INPUT_KEY_BACKSPACE || key == 127 || key == 8;
}

enum prompt_result prompt_feed(struct prompt *p, int key)
{
    if (key == '\n' || key == '\r' || key == PROMPT_KEY_ENTER) {
        p->kind = PROMPT_NONE;
        return PROMPT_ACCEPTED;
    }
    if (key == INPUT_KEY_ESCAPE || key == 7 /* Ctrl-G */) {
        p->kind = PROMPT_NONE;
        return PROMPT_CANCELLED;
    }
    if (is_erase(key)) {
        /* Drop one whole UTF-8 character. */
        while (p->len > 0 && ((unsigned char)p->text[--p->len] & 0xC0) == 0x80)
            ;
        p->text[p->len] = '\0';
    } else if (key == 21 /* Ctrl-U */) {
        p->len = 0;
        p->text[0] = '\0';
    } else if (key >= 0x20 && key < 0x100 && key != 127 && p->len + 1 < sizeof p->text) {
        p->text[p->len++] = (char)key;
        p->text[p->len] = '\0';
    }
    return PROMPT_EDITING;
}

void prompt_line(const struct prompt *p, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s: %s_", p->label, p->text);
}
