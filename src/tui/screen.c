/* The screen: windows for the layout, the frame every pane and view draws
 * from, what is derived from the model when it changed, and the one place
 * that draws. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "lesson_play.h"
#include "teach.h"

void screen_free(struct tui *t)
{
    for (int i = 0; i < PANE_COUNT; i++) {
        if (t->win.pane[i])
            delwin(t->win.pane[i]);
        t->win.pane[i] = NULL;
    }
    if (t->win.status)
        delwin(t->win.status);
    if (t->win.help)
        delwin(t->win.help);
    if (t->win.caption)
        delwin(t->win.caption);
    t->win.status = t->win.help = t->win.caption = NULL;
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
bool screen_relayout(struct tui *t)
{
    screen_free(t);
    struct layout_wants wants = {t->s->cfg.seq_len, t->s->cfg.shape.vocab, t->s->cfg.shape.hidden,
                                 t->zoom};
    layout_compute(LINES, COLS, &wants, &t->lay);
    t->win.laid_zoom = t->zoom;
    clearok(curscr, TRUE);
    if (t->lay.too_small)
        return true;
    if (t->lesson) { /* the caption bar takes the equation pane's last two rows */
        struct rect *eq = &t->lay.pane[PANE_EQUATION];
        eq->h -= LESSON_CAPTION_ROWS;
        if (!(t->win.caption = newwin(LESSON_CAPTION_ROWS, COLS, eq->y + eq->h, 0)))
            return false;
    }
    for (int i = 0; i < PANE_COUNT; i++)
        if (t->lay.pane[i].h > 0 && !(t->win.pane[i] = rect_window(t, &t->lay.pane[i])))
            return false;
    int hr, hc;
    help_size(t, LINES, COLS, &hr, &hc);
    t->win.status = rect_window(t, &t->lay.status);
    t->win.help = newwin(hr, hc, (LINES - hr) / 2, (COLS - hc) / 2);
    if (t->win.help)
        theme_paint(&t->th, t->win.help);
    return t->win.status && t->win.help;
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
static void update_loss(struct tui_derived *d, struct rnn_engine *e, const struct rnn_view *v)
{
    if (d->loss_known && d->loss_version == v->params_version &&
        d->loss_iteration == v->iteration && d->loss_position == v->position)
        return;
    d->loss_now = rnn_engine_window_loss(e);
    d->loss_known = true;
    d->loss_version = v->params_version;
    d->loss_iteration = v->iteration;
    d->loss_position = v->position;
}

/* Corpus mode after an update: the counter has moved on to the next
 * iteration, and so do the panes: its window (the one the loss at the
 * current parameters is of), nothing computed in it yet. The equation pane
 * still shows the update just made. (In whole-text mode the window is the
 * same text, and the panes keep the epoch just done.) */
static void frame_next_window(struct rnn_engine *e, const struct rnn_text *text, struct frame *f)
{
    struct rnn_view *v = &f->v;
    if (!f->corpus || !v->has_last || v->last_phase != RNN_PHASE_UPDATE)
        return;
    bool new_pass;
    v->position = rnn_engine_window_next(e, &new_pass);
    v->passes += new_pass;
    v->inputs = text->ids + v->position;
    v->targets = v->inputs + 1;
    v->forward_done = 0;
    v->backward_low = v->T + 1;
    f->t_show = 0;
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
    frame_next_window(e, f->text, f);
    f->t_focus = f->t_show ? f->t_show : f->v.next_t;
    if (t->derived.stale)
        update_loss(&t->derived, e, &f->v);
    f->loss_now = t->derived.loss_now;
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
        struct rnn_view g;
        rnn_engine_view(t->teach->ghost, &g);
        f->ghost_settings = g.settings;
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

void screen_draw(struct tui *t)
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
    if (t->derived.stale)
        host_invalidate(&t->host);
    t->derived.stale = false;
    host_update(&t->host, &f, t->s->engine);
    host_draw(&t->host, &f, t->win.pane);
    if (t->win.caption) {
        lesson_play_draw(t, t->win.caption);
        wnoutrefresh(t->win.caption);
    }
    status_draw(t, &f, t->win.status);
    wnoutrefresh(t->win.status);
    if (t->help.shown) {
        help_draw(t, t->win.help);
        wnoutrefresh(t->win.help);
    }
    doupdate();
}
