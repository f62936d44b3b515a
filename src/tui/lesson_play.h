/* Playing a lesson (--lesson FILE, parsed by src/app/lesson.c): the script
 * runs its keys through the normal key path up to each pause or question and
 * waits there for the presenter; the caption bar shows the caption, the
 * question and the progress. */
#ifndef RNNSTEP_TUI_LESSON_PLAY_H
#define RNNSTEP_TUI_LESSON_PLAY_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/lesson.h"
struct tui;

/* The normal key path a lesson sends its keys and the presenter's other keys
 * to (events_route). */
typedef unsigned (*lesson_route_fn)(struct tui *t, int key);

#define LESSON_CAPTION_ROWS 2

enum lesson_mode {
    LESSON_WAITING,   /* at a pause or question: space or Right goes on */
    LESSON_EXPLORING, /* left the script at a stop: Enter comes back */
    LESSON_ENDED,     /* past the last line */
};

struct lesson_play {
    const struct lesson *l;
    enum lesson_mode mode;
    size_t next;     /* the step the script runs next */
    size_t stop;     /* stops reached so far: the one waiting is number `stop` */
    const char *say; /* the caption shown */
    const char *ask; /* the question shown at this stop, or NULL */
};

/* Starts the lesson: runs it up to its first stop. */
void lesson_play_start(struct tui *t, struct lesson_play *p, const struct lesson *l,
                       lesson_route_fn route);

/* One input event while a lesson is loaded: the presenter's keys at a stop,
 * or the normal keys while exploring or after the end. Returns reaction flags. */
unsigned lesson_play_event(struct tui *t, int key, lesson_route_fn route);

/* The caption bar: the caption or question, and the progress at the right. */
void lesson_play_draw(const struct tui *t, WINDOW *w);

#endif
