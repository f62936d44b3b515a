/* The one place that routes an input event (a key, or ERR for an autoplay
 * tick), in this order: a lesson, a replay (recorded events replace the
 * keys), a resize, a modal prompt or quiz question, the help overlay, then a
 * command: to the view on screen if it takes it, else the command table. */
#include "events.h"

#include <stdio.h>

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

/* A key that completed no command says why on the status line: an unknown
 * key is named (a student who pressed it learns it did nothing), Escape
 * names the count it cancelled; a digit builds the count the status line
 * shows. */
static unsigned explain_ignored(struct tui *t, int key, bool had_count)
{
    if (t->in.count)
        return REACT_REFRESH;
    if (key == INPUT_KEY_ESCAPE) {
        if (had_count)
            tui_say(t, false, "count cancelled");
        return REACT_REFRESH;
    }
    if (key > ' ' && key < 127)
        tui_say(t, false, "'%c' does nothing: ? lists the keys", key);
    else
        tui_say(t, false, "%s does nothing: ? lists the keys",
                key == '\n' || key == '\r' || key == KEY_ENTER ? "Enter" : keyname(key));
    return REACT_REFRESH;
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
        return explain_ignored(t, key, had_count);
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

/* After the last recorded event: the end notice, after what that event
 * said. */
static void say_replay_over(struct tui *t)
{
    char said[sizeof t->msg.text];
    snprintf(said, sizeof said, "%s", t->msg.text);
    tui_say(t, false, "%s%send of recording: keys work normally", said, said[0] ? " | " : "");
}

unsigned events_route(struct tui *t, int key)
{
    struct teach_record *r = &t->teach->rec;
    bool replayed = r->replaying && key != KEY_RESIZE;
    if (replayed) {
        if (key == ERR)
            return 0; /* replayed ticks come from the file, not the clock */
        key = record_next(r);
        if (key == RECORD_SCREEN) {
            if (!r->replaying)
                say_replay_over(t);
            return REACT_DUMP | REACT_REFRESH;
        }
        key = key == RECORD_TICK ? ERR : key;
    } else if (key != KEY_RESIZE && (key != ERR || t->play.on)) {
        record_event(r, key == ERR ? RECORD_TICK : key);
    }
    unsigned flags = dispatch_modal(t, key);
    ghost_advance(t, run_stop_events(t));
    if (replayed && !r->replaying)
        say_replay_over(t);
    return react(t, flags | (replayed ? REACT_REFRESH : 0));
}

unsigned events_handle(struct tui *t, int key)
{
    return t->lesson ? react(t, lesson_play_event(t, key, events_route)) : events_route(t, key);
}
