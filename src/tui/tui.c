/* The visualiser's main loop: wait for a key or the autoplay delay, hand the
 * event to events.c, draw when the reaction asks; the benchmark and
 * screen-dump hooks. */
#include "tui.h"

#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app.h"
#include "app/report.h"
#include "dump.h"
#include "events.h"
#include "lesson_play.h"
#include "screen.h"
#include "signals.h"
#include "teach.h"
#include "terminal.h"

_Static_assert(INPUT_KEY_BACKSPACE == KEY_BACKSPACE, "input.h key code");
_Static_assert(INPUT_KEY_F1 == KEY_F(1), "input.h key code");
_Static_assert(INPUT_KEY_DOWN == KEY_DOWN && INPUT_KEY_UP == KEY_UP, "input.h key code");
_Static_assert(INPUT_KEY_LEFT == KEY_LEFT && INPUT_KEY_RIGHT == KEY_RIGHT, "input.h key code");
_Static_assert(INPUT_KEY_NPAGE == KEY_NPAGE && INPUT_KEY_PPAGE == KEY_PPAGE, "input.h key code");
_Static_assert(INPUT_KEY_BTAB == KEY_BTAB, "input.h key code");

static double clock_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
    return clock_ms(CLOCK_MONOTONIC);
}

/* Hidden benchmark hooks (documented in bench/tui_bench.sh):
 * RNNSTEP_BENCH_FRAMES=N draws N full frames and prints the mean time;
 * RNNSTEP_BENCH_LOG=FILE appends the CPU time to the first screen (start-up
 * pays for what keys then need not: the engine's memory, the first loss),
 * then, per key, the time from reading it to the updated screen and the CPU
 * time the process spent on it (on a shared machine the wall time also
 * holds the waits for a core). */
static void bench_frames(struct tui *t, long n)
{
    rnn_engine_run_to_update(t->s->engine);
    double start = now_ms();
    long drawn = 0;
    for (; drawn < n && !signals_pending(); drawn++) { /* a signal ends it as any run */
        t->derived.stale = true;
        t->derived.loss_known = false; /* every frame pays for the loss */
        clearok(curscr, TRUE);
        screen_draw(t);
    }
    double mean = (now_ms() - start) / (double)(drawn ? drawn : 1);
    terminal_restore();
    fprintf(stderr, "rnnstep bench: %ld full frames at %dx%d: mean %.3f ms per frame\n", drawn,
            COLS, LINES, mean);
}

static void bench_log(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void bench_log(const char *path, const char *fmt, ...)
{
    FILE *fp = fopen(path, "a");
    if (!fp)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(fp, fmt, ap);
    va_end(ap);
    fclose(fp);
}

static void main_loop(struct tui *t)
{
    const char *log = getenv("RNNSTEP_BENCH_LOG");
    bool dirty = true, started = false;
    while (!signals_pending()) {
        if (dirty)
            screen_draw(t);
        if (log && !started)
            bench_log(log, "start %.3f ms CPU\n", clock_ms(CLOCK_PROCESS_CPUTIME_ID));
        started = true;
        dirty = false;
        timeout(t->play.on && !t->lay.too_small ? tui_autoplay_delay(t) : -1);
        int key = getch();
        if (key == ERR && !signals_pending() && terminal_gone())
            signals_raise(SIGHUP);
        if (signals_pending())
            break;
        double start = now_ms(), cpu_start = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
        unsigned flags = events_handle(t, key);
        if ((flags & REACT_QUIT) || (t->zoom != t->win.laid_zoom && !screen_relayout(t)))
            break;
        dirty = flags & REACT_REFRESH;
        if (log && key != ERR) {
            screen_draw(t);
            dirty = false;
            bench_log(log, "key %d %.3f ms wall %.3f ms CPU\n", key, now_ms() - start,
                      clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu_start);
        }
    }
}

/* RNNSTEP_SCREEN_DUMP (dump.h): plays the whole replay without waiting for
 * keys (any key plays the next recorded event), dumping the screen at each
 * screen event and at the end. */
static void dump_replay(struct tui *t, const char *path)
{
    FILE *out = fopen(path, "w");
    if (!out)
        return;
    int screens = 0;
    while (!signals_pending() && t->teach->rec.replaying) {
        unsigned flags = events_route(t, ' ');
        if (flags & REACT_QUIT)
            break;
        if (flags & REACT_DUMP) {
            screen_draw(t);
            dump_screen(out, &t->th, ++screens);
        }
    }
    screen_draw(t);
    dump_screen(out, &t->th, ++screens);
    fclose(out);
}

int tui_run(struct session *s, const struct options *o, const struct lesson *lesson)
{
    struct lesson_play play;
    struct tui t = {.s = s,
                    .o = o,
                    .play.speed = TUI_SPEED_DEFAULT,
                    .lesson = lesson ? &play : NULL,
                    .zoom = PANE_COUNT,
                    .derived.stale = true};
    setlocale(LC_ALL, "");
    theme_choose_glyphs(&t.th);
    signals_install();
    atexit(terminal_restore);
    const char *frames = getenv("RNNSTEP_BENCH_FRAMES");
    const char *dump = o->replay ? getenv("RNNSTEP_SCREEN_DUMP") : NULL;
    char err[512] = "out of memory while drawing the screen";
    if (!terminal_start(&t, frames || dump, err, sizeof err)) {
        terminal_restore();
        report_error("%s", err);
        return 2;
    }
    rnn_engine_prefault(s->engine); /* the first step, update and checkpoint pay no page faults */
    bool ok = teach_open(&t, err, sizeof err) == 0 && screen_relayout(&t);
    if (ok && lesson) {
        t.host.rows_below = LESSON_CAPTION_ROWS;
        lesson_play_start(&t, &play, lesson, events_route);
    }
    if (ok && frames)
        bench_frames(&t, atol(frames) > 0 ? atol(frames) : 1);
    else if (ok && dump)
        dump_replay(&t, dump);
    else if (ok)
        main_loop(&t);
    screen_free(&t);
    ok = teach_close(&t, err, sizeof err) == 0 && ok;
    terminal_restore();
    if (!ok) {
        report_error("%s", err);
        return 2;
    }
    return signals_pending() ? 128 + signals_pending() : 0;
}
