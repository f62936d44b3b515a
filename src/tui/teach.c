/* The teaching tools' state and commands: clipping, learning rate and
 * optimiser changes (through rnn_engine_set_settings, so rewind restores
 * them), the four teaching views, the ghost run, save and load prompts. */
#include "teach.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../app/outputs.h"
#include "app.h"
#include "draw.h"
#include "rnnstep/params_io.h"

_Static_assert(PROMPT_KEY_ENTER == KEY_ENTER, "prompt.h key code");

#define CLIP_DEFAULT 0.5
#define SCROLL_STEP 5

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

/* ---- events ------------------------------------------------------------- */

/* The ghost run keeps pace with the main one (never runs ahead of it). */
static void advance_ghost(struct tui *t)
{
    struct teach *tc = t->teach;
    if (!tc->ghost)
        return;
    struct rnn_view v, g;
    rnn_engine_view(t->s->engine, &v);
    rnn_engine_view(tc->ghost, &g);
    /* In slices, as a long main run: a signal must not wait for the catch-up. */
    while (g.iteration < v.iteration && !tui_interrupted()) {
        unsigned ev;
        uint64_t left = v.iteration - g.iteration;
        rnn_engine_run(tc->ghost, left < TUI_RUN_SLICE ? left : TUI_RUN_SLICE, 0, &ev);
        rnn_engine_view(tc->ghost, &g);
    }
}

static unsigned prompt_done(struct tui *t, enum prompt_kind kind, const char *text);

static unsigned prompt_key(struct tui *t, int key)
{
    struct prompt *p = &t->teach->prompt;
    enum prompt_kind kind = p->kind;
    enum prompt_result r = prompt_feed(p, key);
    t->message_warn = false;
    if (r == PROMPT_EDITING)
        prompt_line(p, t->message, sizeof t->message);
    else if (r == PROMPT_CANCELLED)
        tui_say(t, false, "cancelled");
    else
        return prompt_done(t, kind, p->text);
    return REACT_REFRESH;
}

static unsigned dispatch_modal(struct tui *t, int key, teach_dispatch_fn dispatch)
{
    if (key != ERR && key != KEY_RESIZE && !t->help) {
        if (t->teach->prompt.kind != PROMPT_NONE)
            return prompt_key(t, key);
        if (quiz_wants_key(t, key))
            return t->teach->quiz.pending ? quiz_answer(t, key) : quiz_ask(t);
    }
    if (key == ERR)
        return t->autoplay ? tui_autoplay_tick(t) : 0;
    return dispatch(t, key);
}

unsigned teach_event(struct tui *t, int key, teach_dispatch_fn dispatch)
{
    struct teach_record *r = &t->teach->rec;
    if (r->replaying && key != KEY_RESIZE) {
        if (key == ERR)
            return 0; /* replayed ticks come from the file, not the clock */
        if (!record_next(r, &key)) {
            tui_say(t, false, "replay finished: keys work normally again");
            return REACT_REFRESH;
        }
        if (key == RECORD_SCREEN)
            return REACT_DUMP;
        key = key == RECORD_TICK ? ERR : key;
    } else if (key != KEY_RESIZE && (key != ERR || t->autoplay)) {
        record_event(r, key == ERR ? RECORD_TICK : key);
    }
    unsigned flags = dispatch_modal(t, key, dispatch);
    advance_ghost(t);
    return flags;
}

/* ---- settings ----------------------------------------------------------- */

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
    return REACT_REFRESH;
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

static unsigned set_lr(struct tui *t, double lr)
{
    struct rnn_settings s = current_settings(t);
    s.lr = lr;
    char what[64];
    snprintf(what, sizeof what, "lr %g", lr);
    return apply(t, &s, what);
}

unsigned cmd_lr_halve(struct tui *t, uint64_t n)
{
    (void)n;
    return set_lr(t, current_settings(t).lr / 2);
}

unsigned cmd_lr_double(struct tui *t, uint64_t n)
{
    (void)n;
    return set_lr(t, current_settings(t).lr * 2);
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

static unsigned ask(struct tui *t, enum prompt_kind kind, const char *label, const char *initial)
{
    struct prompt *p = &t->teach->prompt;
    prompt_open(p, kind, label, initial);
    prompt_line(p, t->message, sizeof t->message);
    return REACT_REFRESH;
}

unsigned cmd_clip_value(struct tui *t, uint64_t n)
{
    (void)n;
    char initial[32];
    snprintf(initial, sizeof initial, "%g", t->teach->clip_value);
    return ask(t, PROMPT_CLIP, "clip each gradient entry at (0 = off, Enter)", initial);
}

unsigned cmd_lr_type(struct tui *t, uint64_t n)
{
    (void)n;
    char initial[32];
    snprintf(initial, sizeof initial, "%g", current_settings(t).lr);
    return ask(t, PROMPT_LR, "learning rate (Enter)", initial);
}

unsigned teach_ask_goto(struct tui *t)
{
    return ask(t, PROMPT_GOTO, t->s->corpus ? "go to iteration (Enter)" : "go to epoch (Enter)",
               "");
}

unsigned cmd_save(struct tui *t, uint64_t n)
{
    (void)n;
    return ask(t, PROMPT_SAVE, "save the parameters to (Enter)", t->teach->path);
}

unsigned cmd_load(struct tui *t, uint64_t n)
{
    (void)n;
    const char *label =
        t->s->example ? "load from (file or example; Enter)" : "load parameters from (Enter)";
    return ask(t, PROMPT_LOAD, label, t->teach->path);
}

/* The word the load prompt takes for the worked example's parameters (a file
 * of that name is still ./example). */
#define LOAD_EXAMPLE "example"

static int load_params(struct tui *t, const char *path, char *err, size_t cap)
{
    if (strcmp(path, LOAD_EXAMPLE) == 0)
        return session_load_example(t->s, err, cap);
    return session_load(t->s, path, err, cap);
}

/* A finite number >= lo (strictly above lo when open) from the whole text. */
static bool parse_value(const char *text, double lo, bool open, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !isfinite(v) || v < lo || (open && v == lo))
        return false;
    *out = v;
    return true;
}

static unsigned save_or_load(struct tui *t, bool save, const char *path)
{
    char err[400];
    snprintf(t->teach->path, sizeof t->teach->path, "%s", path);
    int rc = save ? outputs_check(t->o, path, err, sizeof err) ||
                        session_save(t->s, path, err, sizeof err)
                  : load_params(t, path, err, sizeof err);
    if (rc != 0) {
        tui_say(t, true, "%s", err);
    } else if (save) {
        tui_say(t, false, "saved the current parameters to %s", path);
    } else {
        t->autoplay = false;
        t->loss_valid = false;
        tui_say(t, false, "loaded %s: epoch 0 with its parameters",
                strcmp(path, LOAD_EXAMPLE) == 0 ? "the worked example" : path);
    }
    return REACT_REFRESH;
}

static unsigned prompt_done(struct tui *t, enum prompt_kind kind, const char *text)
{
    double v;
    struct rnn_settings s = current_settings(t);
    switch (kind) {
    case PROMPT_CLIP:
        if (!parse_value(text, 0.0, false, &v))
            break;
        if (v > 0)
            t->teach->clip_value = v;
        s.clip = v;
        return apply(t, &s, v > 0 ? "new clip value" : "clip off");
    case PROMPT_LR:
        if (!parse_value(text, 0.0, true, &v))
            break;
        return set_lr(t, v);
    case PROMPT_GOTO: {
        uint64_t n;
        if (!parse_u64(text, 0, UINT64_MAX, &n))
            break;
        return tui_go_to(t, n);
    }
    case PROMPT_SAVE:
    case PROMPT_LOAD:
        if (!*text)
            break;
        return save_or_load(t, kind == PROMPT_SAVE, text);
    case PROMPT_NONE: return REACT_REFRESH;
    }
    tui_say(t, true, "'%s' is not a valid value: nothing changed", text);
    return REACT_REFRESH;
}

/* ---- views -------------------------------------------------------------- */

static unsigned toggle_view(struct tui *t, enum view_id view)
{
    host_toggle(&t->host, view);
    return REACT_REFRESH;
}

unsigned cmd_view_flow(struct tui *t, uint64_t n)
{
    (void)n;
    return toggle_view(t, VIEW_FLOW);
}

unsigned cmd_view_gradcheck(struct tui *t, uint64_t n)
{
    (void)n;
    return toggle_view(t, VIEW_GRADCHECK);
}

unsigned cmd_view_sample(struct tui *t, uint64_t n)
{
    (void)n;
    return toggle_view(t, VIEW_SAMPLE);
}

unsigned cmd_view_chart(struct tui *t, uint64_t n)
{
    (void)n;
    return toggle_view(t, VIEW_CHART);
}

static unsigned scroll_by(struct tui *t, int64_t rows)
{
    if (!host_scroll(&t->host, rows))
        tui_say(t, false, "j and k scroll the views f, g, s and l");
    return REACT_REFRESH;
}

unsigned cmd_scroll_down(struct tui *t, uint64_t n)
{
    return scroll_by(t, (int64_t)(n > 10000 ? 10000 : n) * SCROLL_STEP);
}

unsigned cmd_scroll_up(struct tui *t, uint64_t n)
{
    return scroll_by(t, -(int64_t)(n > 10000 ? 10000 : n) * SCROLL_STEP);
}

/* A command of one view: it opens that view and the view handles it. */
static unsigned view_cmd(struct tui *t, enum view_id view, enum cmd_id id, uint64_t n)
{
    struct command c = {.id = id, .count = n};
    char msg[sizeof t->message];
    unsigned flags = host_command(&t->host, view, &c, msg, sizeof msg);
    if (msg[0])
        tui_say(t, false, "%s", msg);
    return flags | REACT_REFRESH;
}

unsigned cmd_chart_scale(struct tui *t, uint64_t n)
{
    return view_cmd(t, VIEW_CHART, CMD_CHART_SCALE, n);
}

unsigned cmd_temperature(struct tui *t, uint64_t n)
{
    return view_cmd(t, VIEW_SAMPLE, CMD_TEMPERATURE, n);
}

unsigned cmd_first_char(struct tui *t, uint64_t n)
{
    return view_cmd(t, VIEW_SAMPLE, CMD_FIRST_CHAR, n);
}

unsigned cmd_resample(struct tui *t, uint64_t n)
{
    return view_cmd(t, VIEW_SAMPLE, CMD_RESAMPLE, n);
}

/* ---- fork --------------------------------------------------------------- */

unsigned cmd_fork(struct tui *t, uint64_t n)
{
    (void)n;
    struct teach *tc = t->teach;
    struct rnn_engine *clone = rnn_engine_clone(t->s->engine);
    if (!clone) {
        tui_say(t, true, "not enough memory to fork the run");
        return REACT_REFRESH;
    }
    if (tc->ghost)
        rnn_engine_destroy(tc->ghost);
    tc->ghost = clone;
    struct rnn_view v;
    rnn_engine_view(clone, &v);
    tc->ghost_from = v.iteration;
    tui_say(t, false, "forked at epoch %llu: change lr (] [), o or c; l compares the runs",
            (unsigned long long)v.iteration);
    return REACT_REFRESH;
}

unsigned cmd_quiz(struct tui *t, uint64_t n)
{
    (void)n;
    struct quiz *q = &t->teach->quiz;
    q->on = !q->on;
    q->pending = QUIZ_NONE;
    if (q->on)
        tui_say(t, false, "quiz on: n asks first (score %u/%u; Q ends)", q->right, q->asked);
    else
        tui_say(t, false, "quiz off: score %u/%u", q->right, q->asked);
    return REACT_REFRESH;
}
