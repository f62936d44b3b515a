/* What the status line says: the message of the last command, a prompt
 * being typed, and what a new command clears. */
#include <stdarg.h>
#include <stdio.h>

#include "app.h"
#include "teach.h"

void tui_say(struct tui *t, bool warn, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->msg.text, sizeof t->msg.text, fmt, ap);
    va_end(ap);
    t->msg.warn = warn;
}

unsigned tui_ask(struct tui *t, enum prompt_kind kind, const char *label, const char *initial)
{
    struct prompt *p = &t->teach->prompt;
    prompt_open(p, kind, label, initial);
    prompt_line(p, t->msg.text, sizeof t->msg.text);
    return REACT_REFRESH;
}

void tui_command_begin(struct tui *t, const struct command *c)
{
    t->msg.text[0] = '\0';
    t->play.paused = false;
    t->play.paused_ghost = false;
    t->counted = c->counted;
}
