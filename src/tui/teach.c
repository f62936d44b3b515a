/* The teaching tools' state: set up and torn down with the visualiser (the
 * views through the host, the recording or replay, the default file name). */
#include "teach.h"

#include <stdio.h>
#include <stdlib.h>

#include "app.h"

#define CLIP_DEFAULT 0.5
#define CLIP_NORM_DEFAULT 1.0

static void default_path(struct teach *tc, const struct options *o)
{
    const char *p = o->save ? o->save : o->init ? o->init : "rnnstep-params.json";
    snprintf(tc->path, sizeof tc->path, "%s", p);
}

int teach_open(struct tui *t, char *err, size_t errcap)
{
    struct teach *tc = calloc(1, sizeof *tc);
    t->teach = tc;
    struct view_env env = {t->s, t->o};
    if (!tc) {
        snprintf(err, errcap, "out of memory for the teaching views");
        return -1;
    }
    if (!host_open(&t->host, &env, err, errcap))
        return -1;
    tc->clip_value = t->o->settings.clip > 0 ? t->o->settings.clip : CLIP_DEFAULT;
    tc->clip_norm_value =
        t->o->settings.clip_norm > 0 ? t->o->settings.clip_norm : CLIP_NORM_DEFAULT;
    default_path(tc, t->o);
    return record_open(t, err, errcap);
}

int teach_close(struct tui *t, char *err, size_t errcap)
{
    host_close(&t->host);
    struct teach *tc = t->teach;
    if (!tc)
        return 0;
    if (tc->ghost)
        rnn_engine_destroy(tc->ghost);
    int rc = record_close(&tc->rec, err, errcap);
    free(tc);
    t->teach = NULL;
    return rc;
}
