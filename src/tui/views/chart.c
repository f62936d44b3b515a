/* Loss chart (l): the whole loss history as columns with a y axis, epoch
 * ticks, a linear or log scale (y), the forked ghost run as dots, and a row
 * marking where clipping fired (c) and where an explosion or nan/inf was
 * flagged (!). Each column shows the largest loss of its epochs, as the
 * sparkline does, so spikes stay visible. */
#include <math.h>
#include <stdio.h>

#include "draw.h"
#include "settings_text.h"
#include "ticks.h"
#include "view.h"
#include "view_table.h"

#define AXIS_COLS 9
#define FOOT_ROWS 4 /* axis, tick labels, event marks, legend */

/* A run's logged losses (entry i is epoch i stride) and, for this run, the
 * loss at the current parameters, which the log gets only when the next
 * epoch's forward pass ends (the loss pane's sparkline shows it too). */
struct series {
    const struct rnn_loss_entry *log;
    size_t len;
    uint64_t stride;
    bool has_now;
    uint64_t now_epoch;
    double now_loss;
};

static struct series this_run(const struct frame *f)
{
    struct series s = {f->log, f->log_len, f->log_stride, false, 0, 0};
    uint64_t logged = f->log_len ? (f->log_len - 1) * f->log_stride : 0;
    s.has_now = f->log_len == 0 || f->v.iteration > logged;
    s.now_epoch = f->v.iteration;
    s.now_loss = f->loss_now;
    return s;
}

struct column {
    bool has;
    double loss; /* nan when the bucket holds a non-finite loss */
    unsigned flags;
};

static uint64_t series_epochs(const struct series *s)
{
    return s->has_now ? s->now_epoch + 1 : s->len ? (s->len - 1) * s->stride + 1 : 0;
}

static void take(struct column *c, double x, unsigned flags)
{
    c->flags |= flags;
    c->loss = !isfinite(x) || isnan(c->loss) ? NAN : x > c->loss ? x : c->loss;
    c->has = true;
}

/* The log entries whose epoch lies in [lo, hi). */
static struct column bucket(const struct series *s, uint64_t lo, uint64_t hi)
{
    struct column c = {false, -INFINITY, 0};
    for (uint64_t i = (lo + s->stride - 1) / s->stride; i < s->len && i * s->stride < hi; i++)
        take(&c, s->log[i].loss, s->log[i].flags);
    if (s->has_now && s->now_epoch >= lo && s->now_epoch < hi)
        take(&c, s->now_loss, 0);
    return c;
}

struct scale {
    struct ticks_y y;
    bool log;
    int rows;
};

static void widen_by(double x, bool log, double *lo, double *hi)
{
    if (!isfinite(x) || (log && x <= 0))
        return;
    *lo = x < *lo ? x : *lo;
    *hi = x > *hi ? x : *hi;
}

static void widen(const struct series *s, bool log, double *lo, double *hi)
{
    for (size_t i = 0; i < s->len; i++)
        widen_by(s->log[i].loss, log, lo, hi);
    if (s->has_now)
        widen_by(s->now_loss, log, lo, hi);
}

/* Round ends and round labels (ticks.h) for both runs' losses. */
static struct scale make_scale(const struct series *a, const struct series *b, bool log, int rows)
{
    double lo = INFINITY, hi = -INFINITY;
    widen(a, log, &lo, &hi);
    widen(b, log, &lo, &hi);
    struct scale sc = {.log = log, .rows = rows};
    ticks_y_axis(lo, hi, rows, log, &sc.y);
    return sc;
}

/* Position of x on the scale, 0 (bottom) .. 1 (top). */
static double scale_frac(const struct scale *sc, double x)
{
    return ticks_y_frac(&sc->y, sc->log, x);
}

/* The labels right-aligned left of the axis, each on the row where a bar of
 * its value ends (the lowest on the axis row below the bars, at the
 * corner), with a tick on the axis beside it. */
static void draw_axis_labels(const struct frame *f, WINDOW *w, const struct scale *sc)
{
    const struct theme *th = f->th;
    for (int r = 0; r < sc->rows; r++)
        draw_str(w, 1 + r, AXIS_COLS - 1, th->attr[TH_DIM], th->g->axis);
    for (int i = 0; i < sc->y.n; i++) {
        int row = sc->y.row[i];
        draw_fmt(w, 1 + row, 0, th->attr[TH_DIM], "%*s", AXIS_COLS - 1, sc->y.text[i]);
        if (row < sc->rows)
            draw_str(w, 1 + row, AXIS_COLS - 1, th->attr[TH_DIM], th->g->axis_tick);
    }
}

static void draw_bar_column(const struct frame *f, WINDOW *w, const struct scale *sc, int x,
                            const struct column *c)
{
    const struct theme *th = f->th;
    int bottom = sc->rows; /* window row of the lowest plot row */
    if (isnan(c->loss)) {
        draw_str(w, 1, x, th->attr[TH_WARN], th->g->spark.missing);
        return;
    }
    long eighths = lround(scale_frac(sc, c->loss) * sc->rows * 8);
    if (eighths < 1)
        eighths = 1;
    for (int r = 0; eighths > 0 && r < sc->rows; r++, eighths -= 8)
        draw_str(w, bottom - r, x, th->attr[TH_POS],
                 th->g->spark.levels[eighths >= 8 ? 8 : eighths]);
}

static void draw_ghost_point(const struct frame *f, WINDOW *w, const struct scale *sc, int x,
                             const struct column *c)
{
    if (!isfinite(c->loss))
        return;
    int r = (int)(scale_frac(sc, c->loss) * sc->rows - 0.5);
    r = r < 0 ? 0 : r >= sc->rows ? sc->rows - 1 : r;
    draw_str(w, sc->rows - r, x, f->th->attr[TH_NEG] | A_BOLD, f->th->g->times);
}

static void draw_marks(const struct frame *f, WINDOW *w, int y, int x, const struct column *c)
{
    const struct theme *th = f->th;
    if (c->flags & (RNN_EV_EXPLODED | RNN_EV_NONFINITE))
        draw_str(w, y, x, th->attr[TH_WARN], "!");
    else if (c->flags & RNN_EV_CLIPPED)
        draw_str(w, y, x, th->attr[TH_CHANGED], "c");
}

/* The x axis below the bars, from the corner under the y axis, with a
 * tick and a round label at every step epochs (ticks.h). */
static void draw_ticks(const struct frame *f, WINDOW *w, int y, const struct ticks_x *tx)
{
    const struct theme *th = f->th;
    draw_str(w, y, AXIS_COLS - 1, th->attr[TH_DIM], th->g->axis_corner);
    for (int c = 0; c < tx->cols; c++)
        draw_str(w, y, AXIS_COLS + c, th->attr[TH_DIM], th->g->hline);
    for (uint64_t e = 0; e < tx->epochs; e += tx->step) {
        int x = AXIS_COLS + ticks_x_column(tx, e);
        char label[24];
        int n = snprintf(label, sizeof label, "%llu", (unsigned long long)e);
        if (x + n > getmaxx(w))
            break;
        draw_str(w, y, x, th->attr[TH_DIM], th->g->hline_tick);
        draw_str(w, y + 1, x, th->attr[TH_DIM], label);
    }
    draw_str(w, y + 1, 0, th->attr[TH_DIM], f->corpus ? "iter." : "epoch");
    draw_str(w, y + 2, 0, th->attr[TH_DIM], "events");
}

/* Columns between ticks: the widest label and two blanks. */
static int tick_gap(uint64_t epochs)
{
    char buf[24];
    return snprintf(buf, sizeof buf, "%llu", (unsigned long long)epochs) + 2;
}

struct chart_view {
    bool log; /* y: log scale */
};

static unsigned chart_command(void *state, const struct command *c, char *msg, size_t cap)
{
    struct chart_view *ch = state;
    if (c->id != CMD_CHART_SCALE)
        return 0;
    ch->log = !ch->log;
    snprintf(msg, cap, "loss chart: %s scale", ch->log ? "log" : "linear");
    return REACT_REFRESH;
}

static void chart_draw(const void *state, const struct frame *f, WINDOW *w)
{
    const struct chart_view *ch = state;
    char title[128];
    snprintf(title, sizeof title, "Loss per epoch, %s scale (y toggles, l closes)",
             ch->log ? "log" : "linear");
    chart_draw_in(f, w, ch->log, title);
}

void chart_draw_in(const struct frame *f, WINDOW *w, bool log, const char *title)
{
    const struct theme *th = f->th;
    struct series main_run = this_run(f), ghost = {NULL, 0, 1, false, 0, 0};
    if (f->ghost_log)
        ghost = (struct series){f->ghost_log, f->ghost_len, f->ghost_stride, false, 0, 0};
    uint64_t epochs = series_epochs(&main_run) > series_epochs(&ghost) ? series_epochs(&main_run)
                                                                       : series_epochs(&ghost);
    draw_title(w, th, title);
    int rows = getmaxy(w) - 1 - FOOT_ROWS, width = getmaxx(w) - AXIS_COLS - 1;
    if (epochs == 0 || rows < 2 || width < 10) {
        draw_str(w, 2, 1, th->attr[TH_DIM], "no epochs yet: e finishes one, 100e runs 100");
        return;
    }
    struct ticks_x tx = ticks_x_axis(epochs, width, tick_gap(epochs));
    struct scale sc = make_scale(&main_run, &ghost, log, rows);
    draw_axis_labels(f, w, &sc);
    for (int c = 0; c < tx.cols; c++) {
        uint64_t lo = ticks_x_first(&tx, c), hi = ticks_x_first(&tx, c + 1);
        struct column m = bucket(&main_run, lo, hi), g = bucket(&ghost, lo, hi);
        if (m.has)
            draw_bar_column(f, w, &sc, AXIS_COLS + c, &m);
        if (g.has)
            draw_ghost_point(f, w, &sc, AXIS_COLS + c, &g);
        draw_marks(f, w, rows + 3, AXIS_COLS + c, &m);
    }
    draw_ticks(f, w, rows + 1, &tx);
    /* Each run named with the settings it has and the other has not. */
    char mine[96], theirs[96];
    if (f->ghost_log) {
        settings_differences(&f->v.settings, &f->ghost_settings, f->v.T, mine, sizeof mine);
        settings_differences(&f->ghost_settings, &f->v.settings, f->v.T, theirs, sizeof theirs);
    }
    int x = draw_fmt(w, rows + 4, 1, th->attr[TH_POS], "%s this run%s%s%s", th->g->spark.levels[8],
                     f->ghost_log && mine[0] ? " (" : "", f->ghost_log ? mine : "",
                     f->ghost_log && mine[0] ? ")" : "");
    if (f->ghost_log)
        x = draw_fmt(w, rows + 4, x + 2, th->attr[TH_NEG] | A_BOLD,
                     "%s ghost (forked at epoch %llu%s%s)", th->g->times,
                     (unsigned long long)f->ghost_from, theirs[0] ? "; " : "", theirs);
    /* The events' key in full where it fits, else short (the runs' names come first). */
    const char *events = "c clipped  ! exploded or nan/inf";
    if (x + 2 + draw_width(events) > getmaxx(w))
        events = "c clip  ! explosion";
    if (x + 2 + draw_width(events) <= getmaxx(w))
        draw_str(w, rows + 4, x + 2, th->attr[TH_DIM], events);
}

const struct view_ops view_chart = {
    .name = "chart",
    .state_size = sizeof(struct chart_view),
    .draw = chart_draw,
    .command = chart_command,
};
