/* How two runs' settings differ, item by item in the status line's order. */
#include "settings_text.h"

#include <stdarg.h>
#include <stdio.h>

/* Appends ", item" (no comma first) at *n. */
static void add(char *buf, size_t cap, int *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add(char *buf, size_t cap, int *n, const char *fmt, ...)
{
    if (*n < 0 || (size_t)*n >= cap)
        return;
    if (*n > 0)
        *n += snprintf(buf + *n, cap - (size_t)*n, ", ");
    if ((size_t)*n >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    *n += vsnprintf(buf + *n, cap - (size_t)*n, fmt, ap);
    va_end(ap);
}

static int truncation(const struct rnn_settings *s, int T)
{
    return s->truncate > 0 && s->truncate < T ? s->truncate : 0;
}

const char *settings_differences(const struct rnn_settings *a, const struct rnn_settings *b, int T,
                                 char *buf, size_t cap)
{
    int n = 0;
    buf[0] = '\0';
    if (a->optimizer != b->optimizer)
        add(buf, cap, &n, "%s", rnn_optimizer_name(a->optimizer));
    if (a->lr != b->lr)
        add(buf, cap, &n, "lr %g", a->lr);
    if (a->clip != b->clip && a->clip > 0)
        add(buf, cap, &n, "clip %g", a->clip);
    else if (a->clip != b->clip)
        add(buf, cap, &n, "no clip");
    if (a->clip_norm != b->clip_norm && a->clip_norm > 0)
        add(buf, cap, &n, "clip-norm %g", a->clip_norm);
    else if (a->clip_norm != b->clip_norm)
        add(buf, cap, &n, "no clip-norm");
    int ka = truncation(a, T), kb = truncation(b, T);
    if (ka != kb && ka)
        add(buf, cap, &n, "K=%d", ka);
    else if (ka != kb)
        add(buf, cap, &n, "full BPTT");
    if (a->bug != b->bug)
        add(buf, cap, &n, "%s %s", a->bug ? "bug" : "no", a->bug ? rnn_bug_name(a->bug) : "bug");
    return buf;
}
