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
    vsnprintf(t->message, sizeof t->message, fmt, ap);
    va_end(ap);
    t->message_warn = warn;
}

unsigned tui_ask(struct tui *t, enum prompt_kind kind, const char *label, const char *initial)
{
    struct prompt *p = &t->teach->prompt;
    prompt_open(p, kind, label, initial);
    prompt_line(p, t->message, sizeof t->message);
    return REACT_REFRESH;
}

void tui_command_begin(struct tui *t, const struct command *c)
{
    t->message[0] = '\0';
    t->paused = false;
    t->counted = c->counted;
}
