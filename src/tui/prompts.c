/* What the status-line prompts do with the text typed (prompt.c edits it):
 * the clip value, the learning rate, the epoch to go to, the file to save the
 * parameters to or load them from. */
#include "prompts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app/outputs.h"
#include "settings.h"
#include "surgery.h"
#include "teach.h"

_Static_assert(PROMPT_KEY_ENTER == KEY_ENTER, "prompt.h key code");

unsigned cmd_save(struct tui *t, uint64_t n)
{
    (void)n;
    return tui_ask(t, PROMPT_SAVE, "save the parameters to (Enter)", t->teach->path);
}

unsigned cmd_load(struct tui *t, uint64_t n)
{
    (void)n;
    const char *label =
        t->s->example ? "load from (file or example; Enter)" : "load parameters from (Enter)";
    return tui_ask(t, PROMPT_LOAD, label, t->teach->path);
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
        t->play.on = false;
        tui_say(t, false, "loaded %s: epoch 0 with its parameters",
                strcmp(path, LOAD_EXAMPLE) == 0 ? "the worked example" : path);
    }
    return rc == 0 && !save ? REACT_RECALC : REACT_REFRESH;
}

static unsigned prompt_done(struct tui *t, enum prompt_kind kind, const char *text)
{
    double v;
    switch (kind) {
    case PROMPT_CLIP:
        if (!parse_value(text, 0.0, false, &v))
            break;
        return settings_set_clip(t, v);
    case PROMPT_LR:
        if (!parse_value(text, 0.0, true, &v))
            break;
        return settings_set_lr(t, v);
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
    case PROMPT_EDIT: return surgery_apply(t, text);
    case PROMPT_NONE: return REACT_REFRESH;
    }
    tui_say(t, true, "'%s' is not a valid value: nothing changed", text);
    return REACT_REFRESH;
}

unsigned prompts_key(struct tui *t, int key)
{
    struct prompt *p = &t->teach->prompt;
    enum prompt_kind kind = p->kind;
    enum prompt_result r = prompt_feed(p, key);
    t->msg.warn = false;
    if (r == PROMPT_EDITING)
        prompt_line(p, t->msg.text, sizeof t->msg.text);
    else if (r == PROMPT_CANCELLED)
        tui_say(t, false, "cancelled");
    else
        return prompt_done(t, kind, p->text);
    return REACT_REFRESH;
}
