/* The visualiser's main loop: terminal set-up and restore, signals, layout on
 * resize, input to commands, autoplay timing, and the one place that draws. */
#include "tui.h"

#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../app/report.h"
#include "app.h"
#include "draw.h"
#include "dump.h"
#include "lesson_play.h"
#include "teach.h"

#include <term.h> /* after the others: it defines macros such as `lines` */

_Static_assert(INPUT_KEY_BACKSPACE == KEY_BACKSPACE, "input.h key code");
_Static_assert(INPUT_KEY_F1 == KEY_F(1), "input.h key code");
_Static_assert(INPUT_KEY_DOWN == KEY_DOWN && INPUT_KEY_UP == KEY_UP, "input.h key code");
_Static_assert(INPUT_KEY_LEFT == KEY_LEFT && INPUT_KEY_RIGHT == KEY_RIGHT, "input.h key code");
_Static_assert(INPUT_KEY_NPAGE == KEY_NPAGE && INPUT_KEY_PPAGE == KEY_PPAGE, "input.h key code");
_Static_assert(INPUT_KEY_BTAB == KEY_BTAB, "input.h key code");

/* The handler only records the signal; the main loop restores the terminal. */
static volatile sig_atomic_t pending_signal;
static bool curses_active;

static void on_signal(int sig)
{
    pending_signal = sig;
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked getch returns at once */
    /* Ctrl-\ (SIGQUIT) is one slip away from Ctrl-Z; its default core dump,
     * like the default end of the others, would leave the terminal raw. */
    static const int ending[] = {SIGINT,  SIGTERM, SIGHUP,    SIGQUIT, SIGUSR1,
                                 SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU};
    for (size_t i = 0; i < sizeof ending / sizeof ending[0]; i++)
        sigaction(ending[i], &sa, NULL);
}

bool tui_interrupted(void)
{
    return pending_signal != 0;
}

/* Safety net for exit paths that skip the normal restore. */
static void restore_terminal(void)
{
    if (curses_active) {
        endwin();
        curses_active = false;
    }
}

static void free_windows(struct tui *t)
{
    for (int i = 0; i < PANE_COUNT; i++) {
        if (t->win[i])
            delwin(t->win[i]);
        t->win[i] = NULL;
    }
    if (t->status)
        delwin(t->status);
    if (t->help_win)
        delwin(t->help_win);
    if (t->caption)
        delwin(t->caption);
    t->status = t->help_win = t->caption = NULL;
}

static WINDOW *rect_window(const struct tui *t, const struct rect *r)
{
    WINDOW *w = newwin(r->h, r->w, r->y, r->x);
    if (w)
        theme_paint(&t->th, w);
    return w;
}

/* Recomputes the layout for the current size and makes the windows;
 * returns false when a window cannot be made. */
static bool relayout(struct tui *t)
{
    free_windows(t);
    struct layout_wants wants = {t->s->cfg.seq_len, t->s->cfg.shape.vocab, t->s->cfg.shape.hidden,
                                 t->zoom};
    layout_compute(LINES, COLS, &wants, &t->lay);
    t->laid_zoom = t->zoom;
    clearok(curscr, TRUE);
    if (t->lay.too_small)
        return true;
    if (t->lesson) { /* the caption bar takes the equation pane's last two rows */
        struct rect *eq = &t->lay.pane[PANE_EQUATION];
        eq->h -= LESSON_CAPTION_ROWS;
        if (!(t->caption = newwin(LESSON_CAPTION_ROWS, COLS, eq->y + eq->h, 0)))
            return false;
    }
    for (int i = 0; i < PANE_COUNT; i++)
        if (t->lay.pane[i].h > 0 && !(t->win[i] = rect_window(t, &t->lay.pane[i])))
            return false;
    int hr, hc;
    help_size(t, LINES, COLS, &hr, &hc);
    t->status = rect_window(t, &t->lay.status);
    t->help_win = newwin(hr, hc, (LINES - hr) / 2, (COLS - hc) / 2);
    if (t->help_win)
        theme_paint(&t->th, t->help_win);
    return t->status && t->help_win;
}

static int frame_t_show(const struct rnn_view *v)
{
    if (!v->has_last)
        return 0;
    return v->last_phase == RNN_PHASE_UPDATE ? v->forward_done : v->last_t;
}

/* The loss at the current parameters costs a forward pass over the window
 * (T H^2 multiply-adds: a visible pause at hidden 512 and 1000 steps), so it
 * is recomputed only when the parameters or the window differ. */
static void update_loss(struct tui *t, const struct rnn_view *v)
{
    size_t bytes = rnn_param_count(v->shape) * sizeof(double);
    bool same = t->loss_theta && t->loss_iteration == v->iteration &&
                t->loss_position == v->position && memcmp(t->loss_theta, v->theta.U, bytes) == 0;
    if (!same) {
        t->loss_now = rnn_engine_window_loss(t->s->engine);
        if (t->loss_theta)
            memcpy(t->loss_theta, v->theta.U, bytes);
        t->loss_iteration = v->iteration;
        t->loss_position = v->position;
    }
    t->loss_valid = true;
}

static void build_frame(struct tui *t, struct frame *f)
{
    struct rnn_engine *e = t->s->engine;
    memset(f, 0, sizeof *f);
    rnn_engine_view(e, &f->v);
    f->vocab = &t->s->vocab;
    f->text = &t->s->text;
    f->th = &t->th;
    f->corpus = t->s->corpus;
    f->unit = t->mat.unit;
    f->mat = &t->mat;
    if (f->v.shape.hidden > 1) { /* the matrix pane's summaries */
        const double *shown = t->mat.grad ? f->v.grad.U : f->v.theta.U;
        const double *other = t->mat.grad ? f->v.theta.U : f->v.grad.U;
        rnn_param_summarise(f->v.shape, t->mat.id, shown, &f->mat_sum);
        rnn_param_summarise(f->v.shape, t->mat.id, other, &f->mat_other);
    }
    f->t_show = frame_t_show(&f->v);
    if (!t->loss_valid)
        update_loss(t, &f->v);
    f->loss_now = t->loss_now;
    f->log = rnn_engine_loss_log(e, &f->log_len, &f->log_stride);
    double latest;
    f->has_stats = rnn_engine_loss_stats(e, &f->loss_first, &f->loss_lowest, &latest);
    /* The log holds the losses before each update; the current one (at the
     * parameters after the last update) counts too. */
    if (f->has_stats && f->loss_now < f->loss_lowest)
        f->loss_lowest = f->loss_now;
    f->passes_total = rnn_engine_iterations_per_pass(e);
    f->scroll = t->host.scroll;
    if (t->teach->ghost) {
        f->ghost_log = rnn_engine_loss_log(t->teach->ghost, &f->ghost_len, &f->ghost_stride);
        f->ghost_from = t->teach->ghost_from;
    }
}

/* Centres the longest of `n` lines that fits the width, so a narrow terminal
 * gets a shorter message instead of one with a number cut in half. */
static void draw_first_fit(int y, const char *const *texts, int n)
{
    int i = 0;
    while (i + 1 < n && (int)strlen(texts[i]) > COLS)
        i++;
    int len = (int)strlen(texts[i]);
    mvaddnstr(y, COLS > len ? (COLS - len) / 2 : 0, texts[i], COLS);
}

static void draw_too_small(void)
{
    char need[32], brief[48], shorter[80], full[96];
    snprintf(need, sizeof need, "need %dx%d", LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
    snprintf(brief, sizeof brief, "too small: %s", need);
    snprintf(shorter, sizeof shorter, "%s, have %dx%d", brief, COLS, LINES);
    snprintf(full, sizeof full, "terminal %s", shorter);
    const char *const message[] = {full, shorter, brief, need, need + 5 /* "80x24" */, "!"};
    static const char *const hint[] = {"enlarge the window, or press q to quit",
                                       "enlarge, or q to quit", "q quits", ""};
    draw_first_fit(LINES / 2, message, (int)(sizeof message / sizeof message[0]));
    if (LINES > 2)
        draw_first_fit(LINES / 2 + 1, hint, (int)(sizeof hint / sizeof hint[0]));
    wnoutrefresh(stdscr);
}

static void draw_all(struct tui *t)
{
    /* getch() refreshes stdscr: keep it blank and untouched under the panes,
     * so it never paints over them (and a resize leaves nothing behind). */
    werase(stdscr);
    wnoutrefresh(stdscr);
    if (t->lay.too_small) {
        draw_too_small();
        doupdate();
        return;
    }
    struct frame f;
    build_frame(t, &f);
    host_update(&t->host, &f, t->s->engine);
    host_draw(&t->host, &f, t->win);
    if (t->caption) {
        lesson_play_draw(t, t->caption);
        wnoutrefresh(t->caption);
    }
    status_draw(t, &f, t->status);
    wnoutrefresh(t->status);
    if (t->help) {
        help_draw(t, t->help_win);
        wnoutrefresh(t->help_win);
    }
    doupdate();
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Handles one key; returns tui_flags. */
static unsigned handle_key(struct tui *t, int key)
{
    if (key == KEY_RESIZE)
        return relayout(t) ? REACT_REFRESH : REACT_QUIT;
    if (t->help) {
        t->help = help_scroll_key(t, key);
        return REACT_REFRESH;
    }
    if (t->lay.too_small && key != 'q')
        return 0;
    struct command c;
    bool had_count = t->in.count != 0;
    if (!input_feed(&t->in, key, &c))
        return had_count || t->in.count ? REACT_REFRESH : 0;
    return tui_command(t, &c);
}

/* Hidden benchmark hooks (documented in bench/tui_bench.sh):
 * RNNSTEP_BENCH_FRAMES=N draws N full frames and prints the mean time;
 * RNNSTEP_BENCH_LOG=FILE appends, per key, the time from reading it to the
 * updated screen. */
static void bench_frames(struct tui *t, long n)
{
    rnn_engine_run_to_update(t->s->engine);
    double start = now_ms();
    long drawn = 0;
    for (; drawn < n && !pending_signal; drawn++) { /* a signal ends it as any run */
        t->loss_valid = false;
        t->loss_iteration = UINT64_MAX; /* every frame pays for the loss */
        clearok(curscr, TRUE);
        draw_all(t);
    }
    double mean = (now_ms() - start) / (double)(drawn ? drawn : 1);
    restore_terminal();
    fprintf(stderr, "rnnstep bench: %ld full frames at %dx%d: mean %.3f ms per frame\n", drawn,
            COLS, LINES, mean);
}

/* A pty whose other end closed (tmux killed, ssh dropped) makes every read
 * fail at once; without this check the loop would spin at full CPU forever
 * when no SIGHUP reaches us. */
static bool terminal_gone(void)
{
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&p, 1, 0) < 0 || (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

static void bench_log(const char *path, int key, double ms)
{
    FILE *fp = fopen(path, "a");
    if (!fp)
        return;
    fprintf(fp, "key %d %.3f ms\n", key, ms);
    fclose(fp);
}

static void main_loop(struct tui *t)
{
    const char *log = getenv("RNNSTEP_BENCH_LOG");
    bool dirty = true;
    while (!pending_signal) {
        if (dirty)
            draw_all(t);
        dirty = false;
        timeout(t->autoplay && !t->lay.too_small ? tui_autoplay_delay(t) : -1);
        int key = getch();
        if (key == ERR && !pending_signal && terminal_gone())
            pending_signal = SIGHUP;
        if (pending_signal)
            break;
        double start = now_ms();
        unsigned flags =
            t->lesson ? lesson_play_event(t, key, handle_key) : teach_event(t, key, handle_key);
        if ((flags & REACT_QUIT) || (t->zoom != t->laid_zoom && !relayout(t)))
            break;
        dirty = flags & REACT_REFRESH;
        if (log && key != ERR) {
            draw_all(t);
            dirty = false;
            bench_log(log, key, now_ms() - start);
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
    while (!pending_signal && t->teach->rec.replaying) {
        unsigned flags = teach_event(t, ' ', handle_key);
        if (flags & REACT_QUIT)
            break;
        if (flags & REACT_DUMP) {
            draw_all(t);
            dump_screen(out, &t->th, ++screens);
        }
    }
    draw_all(t);
    dump_screen(out, &t->th, ++screens);
    fclose(out);
}

/* newterm rather than initscr: it returns NULL on a bad TERM instead of
 * exiting. The frame benchmark and the screen dumps draw to /dev/null (size
 * from LINES and COLUMNS): the one times rnnstep, not the terminal, the other
 * does not depend on the terminal it runs in. */
/* Looks TERM up before curses starts: newterm leaks its set-up when the type
 * is unknown, and a terminal without cursor addressing (TERM=dumb) would get
 * every frame appended as lines of text. */
static bool terminal_usable(char *err, size_t cap)
{
    const char *term = getenv("TERM");
    int status;
    if (!term || !*term) {
        snprintf(err, cap, "TERM is not set: the visualiser needs the terminal type (or --batch)");
        return false;
    }
    if (setupterm(term, STDOUT_FILENO, &status) != OK) {
        snprintf(err, cap, "TERM=%s: unknown terminal type (try TERM=xterm, or --batch)", term);
        return false;
    }
    const char *cup = tigetstr("cup");
    bool ok = cup && cup != (const char *)-1;
    del_curterm(cur_term);
    if (!ok)
        snprintf(err, cap, "TERM=%s cannot move the cursor as the visualiser needs (or --batch)",
                 term);
    return ok;
}

static bool start_curses(struct tui *t, bool headless, char *err, size_t cap)
{
    if (!terminal_usable(err, cap))
        return false;
    FILE *out = headless ? fopen("/dev/null", "w") : stdout;
    if (!out || !newterm(NULL, out, stdin))
        return false; /* out of memory: err says so */
    curses_active = true;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    theme_init_colours(&t->th, t->o->theme);
    theme_paint(&t->th, stdscr); /* "terminal too small" */
    return true;
}

int tui_run(struct session *s, const struct options *o, const struct lesson *lesson)
{
    struct lesson_play play;
    struct tui t = {.s = s, .o = o, .speed = TUI_SPEED_DEFAULT, .lesson = lesson ? &play : NULL,
                    .zoom = PANE_COUNT};
    setlocale(LC_ALL, "");
    theme_choose_glyphs(&t.th);
    install_signals();
    atexit(restore_terminal);
    const char *frames = getenv("RNNSTEP_BENCH_FRAMES");
    const char *dump = o->replay ? getenv("RNNSTEP_SCREEN_DUMP") : NULL;
    char err[512] = "out of memory while drawing the screen";
    if (!start_curses(&t, frames || dump, err, sizeof err)) {
        restore_terminal();
        report_error("%s", err);
        return 2;
    }
    t.loss_theta = malloc(rnn_param_count(s->cfg.shape) * sizeof(double)); /* NULL: no cache */
    t.loss_iteration = UINT64_MAX; /* nothing cached yet: never compare the unset copy */
    bool ok = teach_open(&t, err, sizeof err) == 0 && relayout(&t);
    if (ok && lesson) {
        t.host.rows_below = LESSON_CAPTION_ROWS;
        lesson_play_start(&t, &play, lesson, handle_key);
    }
    if (ok && frames)
        bench_frames(&t, atol(frames) > 0 ? atol(frames) : 1);
    else if (ok && dump)
        dump_replay(&t, dump);
    else if (ok)
        main_loop(&t);
    free_windows(&t);
    ok = teach_close(&t, err, sizeof err) == 0 && ok;
    free(t.loss_theta);
    restore_terminal();
    if (!ok) {
        report_error("%s", err);
        return 2;
    }
    return pending_signal ? 128 + pending_signal : 0;
}
