/* Placeholder until the visualiser lands. */
#include "tui.h"

#include <stdio.h>

int tui_run(struct session *s, const struct options *o)
{
    (void)s;
    (void)o;
    fprintf(stderr, "rnnstep: the visualiser is not built yet; use --batch\n");
    return 2;
}
