/* The one place that routes an input event (a key, or ERR for an autoplay
 * tick), in this order: a lesson, a replay (recorded events replace the
 * keys), a resize, a modal prompt or quiz question, the help overlay, then a
 * command: to the view on screen if it takes it, else the command table. */
#include "events.h"

#include "app.h"
#include "ghost.h"
#include "lesson_play.h"
#include "prompts.h"
#include "screen.h"
#include "teach.h"

/* A model change makes every derived number stale until the next draw. */
static unsigned react(struct tui *t, unsigned flags)
{
    if (react_recalc(flags))
        t->derived.stale = true;
    return flags;
}

/* A completed command goes to the view on screen first. */
static unsigned run_command(struct tui *t, const struct command *c)
{
    tui_command_begin(t, c);
    unsigned flags = view_cmds_focused(t, c);
    return flags ? flags : tui_command(t, c);
}

/* A key with no modal owner; returns reaction flags. */
static unsigned handle_key(struct tui *t, int key)
{
    if (key == KEY_RESIZE)
        return screen_relayout(t) ? REACT_REFRESH : REACT_QUIT;
    if (t->help.shown) {
        t->help.shown = help_scroll_key(t, key);
        return REACT_REFRESH;
    }
    if (t->lay.too_small && key != 'q')
        return 0;
    struct command c;
    bool had_count = t->in.count != 0;
    if (!input_feed(&t->in, key, &c))
        return had_count || t->in.count ? REACT_REFRESH : 0;
    return run_command(t, &c);
}

static unsigned dispatch_modal(struct tui *t, int key)
{
    if (key != ERR && key != KEY_RESIZE && !t->help.shown) {
        if (t->teach->prompt.kind != PROMPT_NONE)
            return prompts_key(t, key);
        if (quiz_wants_key(t, key))
            return t->teach->quiz.pending ? quiz_answer(t, key) : quiz_ask(t);
    }
    if (key == ERR)
        return t->play.on ? tui_autoplay_tick(t) : 0;
    return handle_key(t, key);
}

unsigned events_route(struct tui *t, int key)
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
    } else if (key != KEY_RESIZE && (key != ERR || t->play.on)) {
        record_event(r, key == ERR ? RECORD_TICK : key);
    }
    unsigned flags = dispatch_modal(t, key);
    ghost_advance(t);
    return react(t, flags);
}

unsigned events_handle(struct tui *t, int key)
{
    return t->lesson ? react(t, lesson_play_event(t, key, events_route)) : events_route(t, key);
}
