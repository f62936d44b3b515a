/* The status line: epoch, phase and timestep, learning rate, optimiser,
 * the BPTT lab's settings, autoplay, a count being typed, a message, and the
 * keys that make sense now. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "lesson_play.h"
#include "teach.h"

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

/* The keys that make sense now, most useful first; the status line shows as
 * many as fit. NULL ends a list. */
static const char *const *hints_now(const struct tui *t, const struct frame *f)
{
    static const char *const typing[] = {"Enter accepts", "Esc cancels", NULL};
    static const char *const exploded[] = {
        "c clip", "X: no pause", "[ ] lr", "D both clippings", "N norm clip", "e go on", NULL};
    static const char *const ghost_stopped[] = {"e go on", "X: no pause", "l chart", "F fork anew",
                                                NULL};
    static const char *const nonfinite[] = {"r reset", "c clip", "[ ] lr", NULL};
    static const char *const playing[] = {"space pause", "+ - speed", "X pause at explosions",
                                          "? help", NULL};
    static const char *const view[] = {"same key back", "j k scroll", "? help", NULL};
    static const char *const zoomed[] = {"z next pane", "Z all panes", "n step",
                                         "e epoch",     "? help",      NULL};
    static const char *const matrix[] = {"n step",       "e epoch",   "Tab matrix", "? help",
                                         "arrows entry", "x numbers", "G go to",    NULL};
    static const char *const rest[] = {"n step",  "e epoch", "space play", "? help",
                                       "G go to", "p back",  "q quit",     NULL};
    /* A lesson: at a pause the presenter's keys; having left the script,
     * how to come back; after its end, how to go back into it. */
    static const char *const lesson_waiting[] = {"space/Right: on", "Left: back",
                                                 "any key explores", "q quit", NULL};
    static const char *const lesson_exploring[] = {
        "Enter: back to the pause", "n step", "e epoch", "? help", "q quit", NULL};
    static const char *const lesson_ended[] = {
        "Left: back to the last pause", "n step", "e epoch", "? help", "q quit", NULL};
    if (t->teach->prompt.kind != PROMPT_NONE)
        return typing;
    if (t->lesson && t->lesson->mode == LESSON_WAITING)
        return lesson_waiting;
    if (t->play.paused_ghost)
        return ghost_stopped;
    if (t->play.paused)
        return f->v.last_events & RNN_EV_NONFINITE ? nonfinite : exploded;
    if (t->play.on)
        return playing;
    if (t->host.shown != VIEW_NONE)
        return view;
    if (t->zoom != PANE_COUNT)
        return zoomed;
    if (t->lesson)
        return t->lesson->mode == LESSON_EXPLORING ? lesson_exploring : lesson_ended;
    return f->v.shape.hidden > 1 ? matrix : rest;
}

/* Draws the hints that fit in the columns from x on, right-aligned; in
 * corpus mode e finishes an iteration. */
static void draw_hints(WINDOW *w, int x, attr_t a, const char *const *hints, bool corpus)
{
    char line[160] = "";
    size_t len = 0;
    int room = getmaxx(w) - x - 3;
    for (int i = 0; hints[i]; i++) {
        const char *h = corpus && strcmp(hints[i], "e epoch") == 0 ? "e iteration" : hints[i];
        int n = draw_width(h) + (i ? 2 : 0);
        if ((int)len + n > room || len + (size_t)n >= sizeof line)
            break;
        len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", i ? "  " : "", h);
    }
    if (len)
        draw_str(w, 0, getmaxx(w) - draw_width(line) - 1, a, line);
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
    if (t->play.on && n > 0 && (size_t)n < sizeof left)
        n += snprintf(left + n, sizeof left - (size_t)n, " | playing %s", tui_autoplay_label(t));
    if (t->in.count && n > 0 && (size_t)n < sizeof left)
        n += snprintf(left + n, sizeof left - (size_t)n, " | count %llu_",
                      (unsigned long long)t->in.count);
    char replay[48] = ""; /* "replay 12/40": events played of the recording's */
    if (t->teach->rec.replaying)
        snprintf(replay, sizeof replay, " replay %zu/%zu |", t->teach->rec.next,
                 t->teach->rec.nkeys);
    if (replay[0] && n > 0 && (size_t)n < sizeof left)
        snprintf(left + n, sizeof left - (size_t)n, " | replay %zu/%zu", t->teach->rec.next,
                 t->teach->rec.nkeys);
    /* The message matters more, and at a pause so do the keys that help; a
     * replay's progress stays but at a pause. */
    if (t->play.paused ||
        (t->msg.text[0] && draw_width(left) + 2 + draw_width(t->msg.text) > width))
        snprintf(left, sizeof left, " %s %llu |%s", f->corpus ? "iteration" : "epoch",
                 (unsigned long long)v->iteration, t->play.paused ? "" : replay);
    int x = draw_str(w, 0, 0, th->attr[TH_STATUS] | A_BOLD, left);
    if (t->msg.text[0])
        x = draw_str(w, 0, x + 2, t->msg.warn ? th->attr[TH_WARN] : th->attr[TH_STATUS],
                     t->msg.text);
    draw_hints(w, x, th->attr[TH_STATUS], hints_now(t, f), f->corpus);
}
