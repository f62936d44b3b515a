/* The status line: epoch, phase and timestep, learning rate, optimiser,
 * the BPTT lab's settings, autoplay, a count being typed, and either a message or the main keys. */
#include <stdio.h>

#include "app.h"
#include "draw.h"

static void phase_text(const struct rnn_view *v, char *buf, size_t cap)
{
    if (!v->has_last)
        snprintf(buf, cap, "start");
    else if (v->last_phase == RNN_PHASE_UPDATE)
        snprintf(buf, cap, "update done");
    else
        snprintf(buf, cap, "%s t=%d/%d", rnn_phase_name(v->last_phase), v->last_t, v->T);
}

/* The BPTT lab's settings when on, appended at left + n; returns the new n. */
static int lab_text(const struct rnn_settings *s, int T, char *left, size_t cap, int n)
{
    if (s->clip_norm > 0 && n > 0 && (size_t)n < cap)
        n += snprintf(left + n, cap - (size_t)n, " clip-norm %g", s->clip_norm);
    if (s->truncate > 0 && s->truncate < T && n > 0 && (size_t)n < cap)
        n += snprintf(left + n, cap - (size_t)n, " | K=%d of %d", s->truncate, T);
    if (s->bug != RNN_BUG_NONE && n > 0 && (size_t)n < cap)
        n += snprintf(left + n, cap - (size_t)n, " | bug %s", rnn_bug_name(s->bug));
    return n;
}

void status_draw(const struct tui *t, const struct frame *f, WINDOW *w)
{
    const struct theme *th = &t->th;
    const struct rnn_view *v = &f->v;
    int width = getmaxx(w);
    wbkgdset(w, th->attr[TH_STATUS] | ' ');
    werase(w);
    char phase[48], left[160];
    phase_text(v, phase, sizeof phase);
    int n = snprintf(left, sizeof left, " %s %llu | %s | %s lr %g",
                     f->corpus ? "iteration" : "epoch", (unsigned long long)v->iteration, phase,
                     rnn_optimizer_name(v->settings.optimizer), v->settings.lr);
    if (v->settings.clip > 0 && n > 0 && (size_t)n < sizeof left)
        n += snprintf(left + n, sizeof left - (size_t)n, " clip %g", v->settings.clip);
    n = lab_text(&v->settings, v->T, left, sizeof left, n);
    if (t->autoplay && n > 0 && (size_t)n < sizeof left)
        n += snprintf(left + n, sizeof left - (size_t)n, " | playing %s", tui_autoplay_label(t));
    if (t->in.count && n > 0 && (size_t)n < sizeof left)
        snprintf(left + n, sizeof left - (size_t)n, " | count %llu_",
                 (unsigned long long)t->in.count);
    if (t->message[0] && draw_width(left) + 2 + draw_width(t->message) > width)
        snprintf(left, sizeof left, " %s %llu |", f->corpus ? "iteration" : "epoch",
                 (unsigned long long)v->iteration); /* the message matters more */
    int x = draw_str(w, 0, 0, th->attr[TH_STATUS] | A_BOLD, left);
    if (t->message[0]) {
        draw_str(w, 0, x + 2, t->message_warn ? th->attr[TH_WARN] : th->attr[TH_STATUS],
                 t->message);
        return;
    }
    static const char *const hints[] = {
        "n step  e epoch  p back  space play  ? help  q quit",
        "n step  e epoch  p back  ? help  q quit",
        "n step  ? help  q quit",
        "? help",
    };
    size_t count = sizeof hints / sizeof hints[0], i = 0;
    while (i + 1 < count && x + 2 + draw_width(hints[i]) >= width)
        i++;
    draw_str(w, 0, width - draw_width(hints[i]) - 1, th->attr[TH_STATUS], hints[i]);
}
