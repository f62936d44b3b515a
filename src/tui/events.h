/* Input events to reactions (events.c). */
#ifndef RNNSTEP_TUI_EVENTS_H
#define RNNSTEP_TUI_EVENTS_H

struct tui;

/* One input event: a key, or ERR when the autoplay delay passed. A lesson,
 * when one is loaded, sees it first (lesson_play.h); then events_route.
 * Returns reaction flags. */
unsigned events_handle(struct tui *t, int key);
/* The event without the lesson: records or replays it, routes it, then lets
 * the ghost run catch up. Returns reaction flags (REACT_DUMP for a replay's
 * screen event). */
unsigned events_route(struct tui *t, int key);

#endif
