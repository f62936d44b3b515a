/* Loss pane: a sparkline of the total loss per epoch (the log plus the loss
 * at the current parameters), the current, first and lowest totals, and the
 * per-step losses L_t of the current epoch. */
#include <stdio.h>

#include "draw.h"
#include "sparkline.h"
#include "view.h"

#define SPARK_CAP (4 * 512)

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

static void draw_step_losses(const struct frame *f, WINDOW *w, int y)
{
    const struct rnn_view *v = &f->v;
    const struct theme *th = f->th;
    int x = draw_str(w, y, 1, th->attr[TH_DIM], "L_t");
    int fit = (getmaxx(w) - x - 1) / 8; /* " " and 7 columns a loss */
    int last = v->forward_done, first = last - fit + 1 < 1 ? 1 : last - fit + 1;
    if (last == 0)
        draw_fmt(w, y, x + 1, th->attr[TH_DIM], "(none yet this %s)",
                 f->corpus ? "iteration" : "epoch");
    if (first > 1)
        x = draw_str(w, y, x, th->attr[TH_DIM], th->g->ellipsis);
    for (int t = first; t <= last; t++) {
        attr_t a = t == f->t_show ? th->attr[TH_CURRENT] : A_NORMAL;
        char buf[FMT_NUM_CAP];
        /* A space before each: 10.1591 or 1.000e+06 is wider than 7. */
        x = draw_str(w, y, x + 1, a, fmt_num(buf, sizeof buf, v->loss[t - 1], 6));
    }
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
        x = draw_str(w, 2, x + 2, th->attr[TH_DIM], "first ");
        draw_str(w, 2, x, A_NORMAL, fmt_num(buf, sizeof buf, f->loss_first, 0));
        x = draw_str(w, 3, 1, th->attr[TH_DIM], "lowest ");
        draw_str(w, 3, x, A_NORMAL, fmt_num(buf, sizeof buf, f->loss_lowest, 0));
    }
    draw_step_losses(f, w, 4);
}

const struct view_ops pane_loss = {.name = "loss", .draw = loss_draw};
