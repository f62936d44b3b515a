/* Matrix pane (hidden size above 1, in place of the per-unit gradients):
 * the focused parameter U, W, b, V or c, or its gradient, as a heat map or
 * as numbers, with the selected entry's value and gradient, the matrix's
 * norm and range, and a viewport that follows the selection. Only the
 * visible cells are formatted, so a 512 x 512 W costs what fits on screen. */
#include <stdio.h>

#include "draw.h"
#include "view.h"

#define INFO_ROWS 3     /* selected entry, summary, column header */
#define LABEL_COLS 5    /* row label and a space */
#define NUMBER_COLS 8   /* a number cell: 7 columns and a space */
#define TICK_EVERY 10   /* hidden-unit columns labelled in heat mode */
#define HEAT_MAX_COLS 3 /* a small matrix's heat cells widen up to this */

struct grid {
    const struct frame *f;
    WINDOW *w;
    enum rnn_param_id id;
    const double *m; /* the shown matrix, row-major */
    int rows, cols;  /* its shape */
    int sel_r, sel_c;
    int first_r, first_c, shown_r, shown_c; /* the viewport */
    bool numbers;                           /* numbers, else heat glyphs */
    int cell;                               /* columns per cell */
};

/* Rows of V and c, and columns of U, are characters; the rest hidden units. */
static bool rows_are_chars(enum rnn_param_id id)
{
    return id == RNN_P_V || id == RNN_P_C;
}

static bool cols_are_chars(enum rnn_param_id id)
{
    return id == RNN_P_U;
}

static const double *param_base(const struct frame *f, bool grad, enum rnn_param_id id)
{
    const double *base = grad ? f->v.grad.U : f->v.theta.U;
    return base + rnn_param_offset(f->v.shape, id);
}

static void draw_title_line(const struct grid *g)
{
    char title[96];
    snprintf(title, sizeof title, "Matrix %s%s %dx%d (Tab: next)", g->f->mat->grad ? "dL/d" : "",
             rnn_param_name(g->id), g->rows, g->cols);
    draw_title(g->w, g->f->th, title);
}

/* Row 1: the selected entry's value and gradient, 6 significant digits. */
static void draw_selected(const struct grid *g)
{
    const struct frame *f = g->f;
    const struct theme *th = f->th;
    size_t i = (size_t)g->sel_r * g->cols + g->sel_c;
    double value = param_base(f, false, g->id)[i], grad = param_base(f, true, g->id)[i];
    char name[48], a[FMT_NUM_CAP], b[FMT_NUM_CAP];
    draw_entry_name(f, g->id, g->sel_r, g->sel_c, name, sizeof name);
    int x = draw_str(g->w, 1, 1, th->attr[TH_CURRENT], name);
    x = draw_str(g->w, 1, x + 1, theme_signed(th, value) | A_BOLD, fmt_precise(a, sizeof a, value));
    x = draw_str(g->w, 1, x + 2, th->attr[TH_DIM], "grad ");
    draw_str(g->w, 1, x, theme_signed(th, grad), fmt_precise(b, sizeof b, grad));
}

/* Draws s at x on row 2 if it fits whole, else nothing: a norm cut to
 * "|W| 4." reads as a different number. Returns the next column. */
static int draw_whole(const struct grid *g, int x, attr_t a, const char *s)
{
    if (x + draw_width(s) > getmaxx(g->w) - 1)
        return getmaxx(g->w);
    return draw_str(g->w, 2, x, a, s);
}

/* Row 2: norm and range of what is shown, and the norm of the other. */
static void draw_summary(const struct grid *g)
{
    const struct frame *f = g->f;
    const struct theme *th = f->th;
    const char *p = rnn_param_name(g->id), *d = f->mat->grad ? "d" : "";
    char a[FMT_NUM_CAP], b[FMT_NUM_CAP], c[FMT_NUM_CAP], part[96];
    const struct rnn_param_summary *s = &f->mat_sum;
    snprintf(part, sizeof part, "|%s%s| %s", d, p, fmt_num(a, sizeof a, s->norm, 0));
    int x = draw_whole(g, 1, A_NORMAL, part);
    snprintf(part, sizeof part, "%s..%s", fmt_num(b, sizeof b, s->min, 0),
             fmt_num(c, sizeof c, s->max, 0));
    x = draw_whole(g, x + 2, A_NORMAL, part);
    if (s->nonfinite) {
        snprintf(part, sizeof part, "%zu nan/inf", s->nonfinite);
        x = draw_whole(g, x + 2, th->attr[TH_WARN], part);
    }
    snprintf(part, sizeof part, "|%s%s| %s", *d ? "" : "d", p,
             fmt_num(a, sizeof a, f->mat_other.norm, 0));
    draw_whole(g, x + 2, th->attr[TH_DIM], part);
}

/* A column's label: a character, or a hidden unit's number. */
static void column_label(const struct grid *g, int c, char *buf, size_t cap)
{
    if (cols_are_chars(g->id))
        draw_char_name(g->f, c, buf, cap);
    else
        snprintf(buf, cap, "%d", c + 1);
}

/* Row 3: labels of the visible columns; in heat mode a unit number every
 * TICK_EVERY columns, and the selected column's label always. */
static void draw_column_header(const struct grid *g)
{
    const struct theme *th = g->f->th;
    int free_x = LABEL_COLS;
    for (int k = 0; k < g->shown_c; k++) {
        int c = g->first_c + k, x = LABEL_COLS + k * g->cell;
        bool sel = c == g->sel_c;
        bool chars = cols_are_chars(g->id);
        if (g->cell == 1 && !chars && !sel && (c + 1) % TICK_EVERY)
            continue;
        char label[16];
        column_label(g, c, label, sizeof label);
        if (g->numbers)
            x += g->cell - 1 - draw_width(label); /* right-aligned over the number */
        if (x < free_x && !sel)
            continue;
        int end = draw_str(g->w, 3, x, sel ? th->attr[TH_CURRENT] : th->attr[TH_TITLE], label);
        free_x = end + !chars; /* numbers need a gap between them */
    }
}

static void draw_row_label(const struct grid *g, int y, int r)
{
    char label[16], name[16];
    if (rows_are_chars(g->id))
        snprintf(label, sizeof label, "'%s'", draw_char_name(g->f, r, name, sizeof name));
    else
        snprintf(label, sizeof label, "%d", r + 1);
    attr_t a = r == g->sel_r ? g->f->th->attr[TH_CURRENT] : g->f->th->attr[TH_DIM];
    draw_str(g->w, y, LABEL_COLS - 1 - draw_width(label), a, label);
}

static void draw_cell(const struct grid *g, int y, int x, int r, int c)
{
    const struct theme *th = g->f->th;
    double v = g->m[(size_t)r * g->cols + c];
    attr_t extra = r == g->sel_r && c == g->sel_c ? th->attr[TH_CURRENT] : A_NORMAL;
    if (g->numbers) {
        draw_num(g->w, y, x, th, extra, v, g->cell - 1);
        return;
    }
    attr_t a;
    const char *glyph = theme_heat(th, v, g->f->mat_sum.max_abs, &a);
    for (int k = 0; k < g->cell - (g->cell > 2); k++) /* wide cells keep a gap */
        draw_str(g->w, y, x + k, extra ? extra : a, glyph);
}

static void draw_cells(const struct grid *g)
{
    for (int i = 0; i < g->shown_r; i++) {
        int r = g->first_r + i, y = 1 + INFO_ROWS + i;
        draw_row_label(g, y, r);
        for (int k = 0; k < g->shown_c; k++)
            draw_cell(g, y, LABEL_COLS + k * g->cell, r, g->first_c + k);
    }
}

static int min_int(int a, int b)
{
    return a < b ? a : b;
}

static void matrix_draw(const void *state, const struct frame *f, WINDOW *w)
{
    (void)state;
    struct grid g = {.f = f, .w = w, .id = f->mat->id};
    rnn_param_dims(f->v.shape, g.id, &g.rows, &g.cols);
    g.m = param_base(f, f->mat->grad, g.id);
    g.numbers = f->mat->numbers;
    matrix_entry(f->mat, &g.sel_r, &g.sel_c);
    draw_title_line(&g);
    draw_selected(&g);
    draw_summary(&g);
    int avail_r = getmaxy(w) - 1 - INFO_ROWS, width = getmaxx(w) - LABEL_COLS - 1;
    g.cell = g.numbers            ? NUMBER_COLS
             : width / g.cols < 1 ? 1
                                  : min_int(width / g.cols, HEAT_MAX_COLS);
    int avail_c = width / g.cell;
    if (avail_r < 1 || avail_c < 1)
        return;
    g.shown_r = min_int(avail_r, g.rows);
    g.shown_c = min_int(avail_c, g.cols);
    g.first_r = matrix_first_shown(g.sel_r, g.rows, g.shown_r);
    g.first_c = matrix_first_shown(g.sel_c, g.cols, g.shown_c);
    draw_column_header(&g);
    draw_cells(&g);
}

const struct view_ops pane_matrix = {.name = "matrix", .draw = matrix_draw};
