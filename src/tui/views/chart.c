/* Loss chart (l): the whole loss history as columns with a y axis, epoch
 * ticks, a linear or log scale (y), the forked ghost run as dots, and a row
 * marking where clipping fired (c) and where an explosion or nan/inf was
 * flagged (!). Each column shows the largest loss of its epochs, as the
 * sparkline does, so spikes stay visible. */
#include <math.h>
#include <stdio.h>

#include "draw.h"
#include "view.h"
#include "view_table.h"

#define AXIS_COLS 9
#define FOOT_ROWS 4 /* axis, tick labels, event marks, legend */

struct series {
    const struct rnn_loss_entry *log;
    size_t len;
    uint64_t stride;
};

struct column {
    bool has;
    double loss; /* nan when the bucket holds a non-finite loss */
    unsigned flags;
};

static uint64_t series_epochs(const struct series *s)
{
    return s->len ? (s->len - 1) * s->stride + 1 : 0;
}

/* The log entries whose epoch lies in [lo, hi). */
static struct column bucket(const struct series *s, uint64_t lo, uint64_t hi)
{
    struct column c = {false, -INFINITY, 0};
    for (uint64_t i = (lo + s->stride - 1) / s->stride; i < s->len && i * s->stride < hi; i++) {
        double x = s->log[i].loss;
        c.flags |= s->log[i].flags;
        c.loss = !isfinite(x) || isnan(c.loss) ? NAN : x > c.loss ? x : c.loss;
        c.has = true;
    }
    return c;
}

struct scale {
    double lo, hi;
    bool log;
    int rows;
};

static void widen(const struct series *s, bool log, double *lo, double *hi)
{
    for (size_t i = 0; i < s->len; i++) {
        double x = s->log[i].loss;
        if (!isfinite(x) || (log && x <= 0))
            continue;
        *lo = x < *lo ? x : *lo;
        *hi = x > *hi ? x : *hi;
    }
}

static struct scale make_scale(const struct series *a, const struct series *b, bool log, int rows)
{
    double lo = INFINITY, hi = -INFINITY;
    widen(a, log, &lo, &hi);
    widen(b, log, &lo, &hi);
    struct scale sc = {log ? lo : 0.0, hi, log, rows};
    if (!(sc.hi > sc.lo)) { /* empty or flat */
        sc.lo = isfinite(lo) ? (log ? lo / 2 : 0.0) : (log ? 0.1 : 0.0);
        sc.hi = isfinite(hi) && hi > sc.lo ? hi * 1.0001 + 1e-9 : sc.lo + 1.0;
    }
    return sc;
}

/* Position of x on the scale, 0 (bottom) .. 1 (top). */
static double scale_frac(const struct scale *sc, double x)
{
    double f = sc->log ? (log10(x) - log10(sc->lo)) / (log10(sc->hi) - log10(sc->lo))
                       : (x - sc->lo) / (sc->hi - sc->lo);
    return f < 0 ? 0 : f > 1 ? 1 : f;
}

static double scale_value(const struct scale *sc, double frac)
{
    return sc->log ? pow(10, log10(sc->lo) + frac * (log10(sc->hi) - log10(sc->lo)))
                   : sc->lo + frac * (sc->hi - sc->lo);
}

static void draw_axis_labels(const struct frame *f, WINDOW *w, const struct scale *sc)
{
    const struct theme *th = f->th;
    /* Each label gives the value at the top edge of its row; the axis row
     * below the plot gets the scale's low end. */
    int step = sc->rows > 6 ? sc->rows / 4 : 1;
    for (int r = 0; r < sc->rows; r += step)
        draw_fmt(w, 1 + r, 0, th->attr[TH_DIM], "%8.3g",
                 scale_value(sc, (double)(sc->rows - r) / sc->rows));
    draw_fmt(w, 1 + sc->rows, 0, th->attr[TH_DIM], "%8.3g", sc->lo);
    for (int r = 0; r < sc->rows; r++)
        draw_str(w, 1 + r, AXIS_COLS - 1, th->attr[TH_DIM], th->g->axis);
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

static void draw_ticks(const struct frame *f, WINDOW *w, int y, int ncols, uint64_t epochs)
{
    const struct theme *th = f->th;
    for (int c = 0; c < ncols; c++)
        draw_str(w, y, AXIS_COLS + c, th->attr[TH_DIM], th->g->hline);
    int label_end = 0;
    for (int c = 0; c < ncols; c += 10) {
        unsigned long long e = (unsigned long long)((uint64_t)c * epochs / (uint64_t)ncols);
        int x = AXIS_COLS + c;
        if (x < label_end)
            continue;
        draw_str(w, y, x, th->attr[TH_DIM], th->g->axis);
        label_end = draw_fmt(w, y + 1, x, th->attr[TH_DIM], "%llu", e) + 2;
    }
    draw_str(w, y + 1, 0, th->attr[TH_DIM], "epoch");
    draw_str(w, y + 2, 0, th->attr[TH_DIM], "events");
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
    struct series main_run = {f->log, f->log_len, f->log_stride}, ghost = {NULL, 0, 1};
    if (f->ghost_log)
        ghost = (struct series){f->ghost_log, f->ghost_len, f->ghost_stride};
    uint64_t epochs = series_epochs(&main_run) > series_epochs(&ghost) ? series_epochs(&main_run)
                                                                       : series_epochs(&ghost);
    draw_title(w, th, title);
    int rows = getmaxy(w) - 1 - FOOT_ROWS, width = getmaxx(w) - AXIS_COLS - 1;
    if (epochs == 0 || rows < 2 || width < 10) {
        draw_str(w, 2, 1, th->attr[TH_DIM], "no epochs yet: e finishes one, 100e runs 100");
        return;
    }
    int ncols = epochs < (uint64_t)width ? (int)epochs : width;
    struct scale sc = make_scale(&main_run, &ghost, log, rows);
    draw_axis_labels(f, w, &sc);
    for (int c = 0; c < ncols; c++) {
        uint64_t lo = (uint64_t)c * epochs / (uint64_t)ncols;
        uint64_t hi = (uint64_t)(c + 1) * epochs / (uint64_t)ncols;
        struct column m = bucket(&main_run, lo, hi), g = bucket(&ghost, lo, hi);
        if (m.has)
            draw_bar_column(f, w, &sc, AXIS_COLS + c, &m);
        if (g.has)
            draw_ghost_point(f, w, &sc, AXIS_COLS + c, &g);
        draw_marks(f, w, rows + 3, AXIS_COLS + c, &m);
    }
    draw_ticks(f, w, rows + 1, ncols, epochs);
    int x = draw_fmt(w, rows + 4, 1, th->attr[TH_POS], "%s this run", th->g->spark.levels[8]);
    if (f->ghost_log)
        x = draw_fmt(w, rows + 4, x + 2, th->attr[TH_NEG] | A_BOLD,
                     "%s ghost (forked at epoch %llu)", th->g->times,
                     (unsigned long long)f->ghost_from);
    draw_str(w, rows + 4, x + 2, th->attr[TH_DIM], "c clipped  ! exploded or nan/inf");
}

const struct view_ops view_chart = {
    .name = "chart",
    .state_size = sizeof(struct chart_view),
    .draw = chart_draw,
    .command = chart_command,
};
