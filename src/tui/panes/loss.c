/* Loss pane: a sparkline of the total loss per epoch (the log plus the loss
 * at the current parameters), the current, first and lowest totals, and the
 * per-step losses L_t of the current epoch; with rows to spare (a large
 * screen, or zoomed) the loss chart below them. */
#include <stdio.h>

#include "draw.h"
#include "sparkline.h"
#include "view.h"
#include "view_table.h"

#define SPARK_CAP (4 * 512)
#define LOSS_TEXT_ROWS 5 /* title, sparkline, totals, lowest, L_t */
#define CHART_MIN_ROWS 8 /* a title, a few rows of bars, the axis, ticks and marks */

/* The sparkline's series: the engine's loss log, then the current loss. */
static double series_at(const void *ctx, size_t i)
{
    const struct frame *f = ctx;
    return i < f->log_len ? f->log[i].loss : f->loss_now;
}

/* Highlights the sparkline cells (drawn at y, x) whose epochs clipping
 * touched. In the sparkline's buckets (sparkline.h), cell c covers entries
 * [c n / cells, (c + 1) n / cells) of the log plus the current loss. */
static void mark_clipping(const struct frame *f, WINDOW *w, int y, int x, int cells)
{
    size_t n = f->log_len + 1;
    attr_t a = f->th->attr[TH_CHANGED];
    for (int c = 0; c < cells; c++) {
        size_t hi = (size_t)(c + 1) * n / (size_t)cells;
        unsigned flags = 0;
        for (size_t i = (size_t)c * n / (size_t)cells; i < hi && i < f->log_len; i++)
            flags |= f->log[i].flags;
        if (flags & RNN_EV_CLIPPED)
            mvwchgat(w, y, x + c, 1, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
    }
}

/* The widest L_t of the epoch so far sets every cell's width, plus one
 * blank column: "L_t10.1591 0.0000 0.000047.5287" ran together. */
static int step_cell_cols(const struct rnn_view *v)
{
    int widest = 6; /* "0.0000" */
    for (int t = 1; t <= v->forward_done; t++) {
        int n = fmt_num_width(v->loss[t - 1]);
        widest = n > widest ? n : widest;
    }
    return widest + 1;
}

static void draw_step_losses(const struct frame *f, WINDOW *w, int y)
{
    const struct rnn_view *v = &f->v;
    const struct theme *th = f->th;
    int x = draw_str(w, y, 1, th->attr[TH_DIM], "L_t");
    int cell = step_cell_cols(v);
    int fit = (getmaxx(w) - x - 1) / cell;
    int last = v->forward_done, first = last - fit + 1 < 1 ? 1 : last - fit + 1;
    if (last == 0)
        draw_fmt(w, y, x + 1, th->attr[TH_DIM], "(none yet this %s)",
                 f->corpus ? "iteration" : "epoch");
    if (first > 1)
        x = draw_str(w, y, x, th->attr[TH_DIM], th->g->ellipsis);
    for (int t = first; t <= last; t++) {
        attr_t a = t == f->t_show ? th->attr[TH_CURRENT] : A_NORMAL;
        char buf[FMT_NUM_CAP];
        x = draw_str(w, y, x, a, fmt_cell(buf, sizeof buf, v->loss[t - 1], cell));
    }
}

/* With rows to spare, the whole loss history as a chart below the numbers. */
static void draw_chart(const struct frame *f, WINDOW *w)
{
    int rows = getmaxy(w) - LOSS_TEXT_ROWS;
    if (rows < CHART_MIN_ROWS)
        return;
    WINDOW *c = derwin(w, rows, getmaxx(w), LOSS_TEXT_ROWS, 0);
    if (!c)
        return;
    chart_draw_in(f, c, false, "Loss per epoch (l: full screen)");
    delwin(c);
}

static void loss_draw(const void *state, const struct frame *f, WINDOW *w)
{
    (void)state;
    const struct theme *th = f->th;
    const char *unit = f->corpus ? "iteration" : "epoch";
    char title[96], buf[FMT_NUM_CAP];
    snprintf(title, sizeof title, "Loss L = %s L_t per %s", th->g->sigma, unit);
    draw_title(w, th, title);
    static char spark[SPARK_CAP];
    int width = getmaxx(w) - 2;
    if (width > SPARK_CAP / 4)
        width = SPARK_CAP / 4;
    int cells = sparkline_render(series_at, f, f->log_len + 1, width, 0.0, &th->g->spark, spark,
                                 sizeof spark);
    draw_str(w, 1, 1, th->attr[TH_POS], spark);
    mark_clipping(f, w, 1, 1, cells);

    int x = draw_fmt(w, 2, 1, A_BOLD, "%s %llu loss ", unit, (unsigned long long)f->v.iteration);
    x = draw_num(w, 2, x, th, A_BOLD, f->loss_now, 0);
    if (f->has_stats) {
        /* "first" goes before "lowest" on row 3 rather than be cut at the
         * pane's edge ("first 93.68"). */
        fmt_num(buf, sizeof buf, f->loss_first, 0);
        int y = 2, fx = x + 2;
        if (fx + 6 + draw_width(buf) > getmaxx(w) - 1) {
            y = 3;
            fx = 1;
        }
        x = draw_str(w, y, fx, th->attr[TH_DIM], "first ");
        x = draw_str(w, y, x, A_NORMAL, buf);
        x = draw_str(w, 3, y == 3 ? x + 2 : 1, th->attr[TH_DIM], "lowest ");
        draw_str(w, 3, x, A_NORMAL, fmt_num(buf, sizeof buf, f->loss_lowest, 0));
    }
    draw_step_losses(f, w, 4);
    draw_chart(f, w);
}

const struct view_ops pane_loss = {.name = "loss", .draw = loss_draw};
