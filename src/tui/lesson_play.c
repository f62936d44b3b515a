/* The lesson player. Scripted keys go through events_route like typed ones, so
 * a lesson's screens are the screens the same keys give by hand. Going back
 * to a stop (Left, or Enter after exploring) starts the session again and
 * runs the script up to that stop without drawing: the engine is
 * deterministic, so the state is exactly the one the stop had. */
#include "lesson_play.h"

#include <string.h>

#include "app.h"
#include "draw.h"
#include "teach.h"

/* Runs steps until the next pause or question, or the end. */
static void run_to_stop(struct tui *t, struct lesson_play *p, lesson_route_fn route)
{
    const struct lesson *l = p->l;
    while (p->next < l->nsteps) {
        const struct lesson_step *s = &l->steps[p->next++];
        switch (s->kind) {
        case LESSON_SAY: p->say = s->text; break;
        case LESSON_KEYS:
            for (size_t i = 0; i < s->nkeys; i++)
                route(t, s->keys[i] == LESSON_TICK ? ERR : s->keys[i]);
            break;
        case LESSON_PAUSE:
        case LESSON_ASK:
            p->stop++;
            p->ask = s->kind == LESSON_ASK ? s->text : NULL;
            p->mode = LESSON_WAITING;
            return;
        }
    }
    p->ask = NULL;
    p->mode = LESSON_ENDED;
}

/* The session as it started: engine, settings, views, autoplay, quiz. */
static void restart_session(struct tui *t)
{
    rnn_engine_reset(t->s->engine);
    rnn_engine_set_settings(t->s->engine, &t->s->cfg.settings);
    if (t->host.shown != VIEW_NONE)
        host_toggle(&t->host, t->host.shown);
    t->host.scroll = 0;
    t->play.on = false;
    t->play.speed = TUI_SPEED_DEFAULT;
    t->help.shown = false;
    t->in = (struct input_state){0};
    t->msg.text[0] = '\0';
    t->teach->prompt.kind = PROMPT_NONE;
    t->teach->quiz = (struct quiz){0};
    if (t->teach->ghost) {
        rnn_engine_destroy(t->teach->ghost);
        t->teach->ghost = NULL;
    }
}

/* Back at stop k (1..nstops), exactly as the script first reached it. */
static void go_to_stop(struct tui *t, struct lesson_play *p, size_t k, lesson_route_fn route)
{
    restart_session(t);
    p->next = p->stop = 0;
    p->say = NULL;
    do
        run_to_stop(t, p, route);
    while (p->stop < k && p->mode != LESSON_ENDED);
}

void lesson_play_start(struct tui *t, struct lesson_play *p, const struct lesson *l,
                       lesson_route_fn route)
{
    *p = (struct lesson_play){.l = l};
    run_to_stop(t, p, route);
}

static bool is_enter(int key)
{
    return key == '\r' || key == '\n' || key == KEY_ENTER;
}

unsigned lesson_play_event(struct tui *t, int key, lesson_route_fn route)
{
    struct lesson_play *p = t->lesson;
    bool modal = t->help.shown || t->teach->prompt.kind != PROMPT_NONE || t->teach->quiz.pending;
    if (key == ERR || key == KEY_RESIZE || modal || key == 'q')
        return route(t, key);
    switch (p->mode) {
    case LESSON_WAITING:
        if (key == ' ' || key == KEY_RIGHT) {
            run_to_stop(t, p, route);
            return REACT_REFRESH | REACT_RECALC;
        }
        if (key == KEY_LEFT) {
            go_to_stop(t, p, p->stop > 1 ? p->stop - 1 : 1, route);
            return REACT_REFRESH | REACT_RECALC;
        }
        p->mode = LESSON_EXPLORING;
        return route(t, key) | REACT_REFRESH;
    case LESSON_EXPLORING:
        if (!is_enter(key))
            return route(t, key);
        go_to_stop(t, p, p->stop, route);
        return REACT_REFRESH | REACT_RECALC;
    case LESSON_ENDED:
        if (key != KEY_LEFT || p->stop == 0)
            return route(t, key);
        go_to_stop(t, p, p->stop, route);
        return REACT_REFRESH | REACT_RECALC;
    }
    return 0;
}

/* A caption on two rows of widths[0] and widths[1] columns, cut between
 * words (a word that fits neither row is cut at the edge). */
static void draw_wrapped(WINDOW *w, const int widths[2], attr_t a, const char *text)
{
    int row = 0, x = 0;
    for (const char *s = text + strspn(text, " "); *s && row < 2;) {
        char word[DRAW_LINE_CAP];
        size_t len = strcspn(s, " ");
        snprintf(word, sizeof word, "%.*s", (int)len, s);
        int need = (x > 0) + draw_width(word);
        if (x > 0 && x + need > widths[row]) {
            row++;
            x = 0;
            continue;
        }
        x = draw_str(w, row, x + (x > 0), a, word);
        s += len;
        s += strspn(s, " ");
    }
}

void lesson_play_draw(const struct tui *t, WINDOW *w)
{
    const struct lesson_play *p = t->lesson;
    const struct theme *th = &t->th;
    char right[96];
    size_t n = p->l->nstops;
    switch (p->mode) {
    case LESSON_WAITING:
        snprintf(right, sizeof right, " pause %zu of %zu  space: on  Left: back ", p->stop, n);
        break;
    case LESSON_EXPLORING:
        snprintf(right, sizeof right, " exploring  Enter: back to pause %zu of %zu ", p->stop, n);
        break;
    case LESSON_ENDED:
        snprintf(right, sizeof right, " end of the lesson (%zu pauses)  Left: back ", n);
        break;
    }
    wbkgdset(w, th->attr[TH_TITLE] | ' ');
    werase(w);
    int width = getmaxx(w), progress_x = width - draw_width(right);
    draw_str(w, 1, progress_x > 0 ? progress_x : 0, th->attr[TH_STATUS], right);
    char text[DRAW_LINE_CAP];
    snprintf(text, sizeof text, "%s%s", p->ask ? "Question: " : "",
             p->ask   ? p->ask
             : p->say ? p->say
                      : "");
    /* Row 0 is the caption's; row 1 what the progress leaves. */
    WINDOW *area = derwin(w, 2, width - 1, 0, 1);
    if (area) {
        const int widths[2] = {width - 2, progress_x - 2};
        draw_wrapped(area, widths, th->attr[TH_TITLE] | (p->ask ? A_BOLD : 0), text);
        delwin(area);
    }
}
