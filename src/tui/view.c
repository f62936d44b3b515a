/* The view protocol's calls, with the optional operations left out. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>

bool view_open(struct view *v, const struct view_ops *ops, const struct view_env *env, char *err,
               size_t cap)
{
    v->ops = ops;
    v->stale = true;
    v->state = ops->state_size ? calloc(1, ops->state_size) : NULL;
    if (ops->state_size && !v->state) {
        snprintf(err, cap, "out of memory for the %s view", ops->name);
        return false;
    }
    return !ops->open || ops->open(v->state, env, err, cap);
}

void view_close(struct view *v)
{
    if (v->ops && v->ops->close)
        v->ops->close(v->state);
    free(v->state);
    v->state = NULL;
    v->ops = NULL;
}

void view_update(struct view *v, const struct frame *f, struct rnn_engine *e)
{
    if (v->stale && v->ops->update)
        v->ops->update(v->state, f, e);
    v->stale = false;
}

void view_draw(const struct view *v, const struct frame *f, WINDOW *w)
{
    v->ops->draw(v->state, f, w);
}

unsigned view_command(struct view *v, const struct command *c, char *msg, size_t cap)
{
    msg[0] = '\0';
    return v->ops->command ? v->ops->command(v->state, c, msg, cap) : 0;
}
