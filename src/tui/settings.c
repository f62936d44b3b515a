/* Training settings from the keyboard: clipping, learning rate and optimiser
 * (from the next update), the BPTT lab's injected bug and truncation (from
 * the next backward step), all through rnn_engine_set_settings so that
 * rewind restores them. */
#include "settings.h"

#include <stdio.h>

#include "app.h"
#include "teach.h"

static struct rnn_settings current_settings(const struct tui *t)
{
    struct rnn_view v;
    rnn_engine_view(t->s->engine, &v);
    return v.settings;
}

static unsigned apply(struct tui *t, const struct rnn_settings *s, const char *what)
{
    rnn_engine_set_settings(t->s->engine, s);
    tui_say(t, false, "%s from the next update", what);
    return REACT_RECALC;
}

unsigned cmd_clip(struct tui *t, uint64_t n)
{
    (void)n;
    struct rnn_settings s = current_settings(t);
    s.clip = s.clip > 0 ? 0.0 : t->teach->clip_value;
    char what[64];
    snprintf(what, sizeof what, s.clip > 0 ? "clip %g" : "clip off", s.clip);
    return apply(t, &s, what);
}

/* N toggles at the last value; a count switches on at that bound (5N: 5). */
unsigned cmd_clip_norm(struct tui *t, uint64_t n)
{
    struct rnn_settings s = current_settings(t);
    if (t->counted)
        t->teach->clip_norm_value = (double)n;
    s.clip_norm = s.clip_norm > 0 && !t->counted ? 0.0 : t->teach->clip_norm_value;
    char what[64];
    snprintf(what, sizeof what, s.clip_norm > 0 ? "norm clipping at %g" : "norm clipping off",
             s.clip_norm);
    return apply(t, &s, what);
}

unsigned settings_set_lr(struct tui *t, double lr)
{
    struct rnn_settings s = current_settings(t);
    s.lr = lr;
    char what[64];
    snprintf(what, sizeof what, "lr %g", lr);
    return apply(t, &s, what);
}

unsigned settings_set_clip(struct tui *t, double clip)
{
    struct rnn_settings s = current_settings(t);
    if (clip > 0)
        t->teach->clip_value = clip;
    s.clip = clip;
    return apply(t, &s, clip > 0 ? "new clip value" : "clip off");
}

unsigned cmd_lr_halve(struct tui *t, uint64_t n)
{
    (void)n;
    return settings_set_lr(t, current_settings(t).lr / 2);
}

unsigned cmd_lr_double(struct tui *t, uint64_t n)
{
    (void)n;
    return settings_set_lr(t, current_settings(t).lr * 2);
}

unsigned cmd_optimizer(struct tui *t, uint64_t n)
{
    struct rnn_settings s = current_settings(t);
    s.optimizer = (enum rnn_optimizer)((s.optimizer + n) % RNN_OPT_COUNT);
    return apply(t, &s, rnn_optimizer_name(s.optimizer));
}

/* The BPTT lab's settings act on the gradient, so from the next backward step. */
static unsigned apply_lab(struct tui *t, const struct rnn_settings *s, const char *what)
{
    if (!rnn_engine_set_settings(t->s->engine, s)) {
        tui_say(t, true, "out of memory for %s: nothing changed", what);
        return REACT_REFRESH;
    }
    tui_say(t, false, "%s from the next backward step", what);
    return REACT_RECALC;
}

unsigned cmd_bug(struct tui *t, uint64_t n)
{
    struct rnn_settings s = current_settings(t);
    s.bug = (enum rnn_bug)((s.bug + n) % RNN_BUG_COUNT);
    char what[64];
    snprintf(what, sizeof what, s.bug ? "injected bug %s" : "no injected bug", rnn_bug_name(s.bug));
    return apply_lab(t, &s, what);
}

/* K = T stands for "off": each L_t reaches back through the whole window. */
static unsigned set_truncation(struct tui *t, int64_t K)
{
    struct rnn_settings s = current_settings(t);
    int T = t->s->cfg.seq_len;
    K = K < 1 ? 1 : K;
    s.truncate = K >= T ? 0 : (int)K;
    char what[64];
    snprintf(what, sizeof what, s.truncate ? "truncated BPTT K=%d of T=%d" : "full BPTT (T=%d)",
             s.truncate ? s.truncate : T, T);
    return apply_lab(t, &s, what);
}

static int truncation_now(const struct tui *t)
{
    int K = current_settings(t).truncate, T = t->s->cfg.seq_len;
    return K > 0 && K < T ? K : T;
}

unsigned cmd_trunc_shorter(struct tui *t, uint64_t n)
{
    return set_truncation(t, (int64_t)truncation_now(t) -
                                 (int64_t)(n > RNN_SEQ_MAX ? RNN_SEQ_MAX : n));
}

unsigned cmd_trunc_longer(struct tui *t, uint64_t n)
{
    return set_truncation(t, (int64_t)truncation_now(t) +
                                 (int64_t)(n > RNN_SEQ_MAX ? RNN_SEQ_MAX : n));
}

unsigned cmd_clip_value(struct tui *t, uint64_t n)
{
    (void)n;
    char initial[32];
    snprintf(initial, sizeof initial, "%g", t->teach->clip_value);
    return tui_ask(t, PROMPT_CLIP, "clip each gradient entry at (0 = off, Enter)", initial);
}

unsigned cmd_lr_type(struct tui *t, uint64_t n)
{
    (void)n;
    char initial[32];
    snprintf(initial, sizeof initial, "%g", current_settings(t).lr);
    return tui_ask(t, PROMPT_LR, "learning rate (Enter)", initial);
}
