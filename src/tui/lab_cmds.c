/* The BPTT lab's commands that open its views: the truncation profile (K)
 * and the diagnostics (D). Its settings (B, { }, the norm clip) are settings
 * like the learning rate and live with them. */
#include "app.h"

static unsigned toggle(struct tui *t, enum view_id id)
{
    host_toggle(&t->host, id);
    return REACT_REFRESH;
}

unsigned cmd_view_truncation(struct tui *t, uint64_t n)
{
    (void)n;
    return toggle(t, VIEW_TRUNCATION);
}

unsigned cmd_view_diagnostics(struct tui *t, uint64_t n)
{
    (void)n;
    return toggle(t, VIEW_DIAGNOSTICS);
}
