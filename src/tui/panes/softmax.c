/* Softmax pane: yhat_t for the shown timestep, one bar per character with
 * its value, the target and the argmax marked. A large vocabulary shows the
 * most likely characters, the target always among them. */
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "view.h"

#define NAME_X 1
#define BAR_X 6
#define VALUE_COLS 8
#define MARK_COLS 14

/* Indices of the `rows` most likely characters, in vocabulary order when
 * they all fit; the target replaces the last one if it is not among them. */
static int choose_rows(const double *y, int K, int target, int rows, int *idx)
{
    if (K <= rows) {
        for (int i = 0; i < K; i++)
            idx[i] = i;
        return K;
    }
    bool taken[RNN_VOCAB_MAX] = {false};
    for (int r = 0; r < rows; r++) {
        int best = -1;
        for (int i = 0; i < K; i++)
            if (!taken[i] && (best < 0 || y[i] > y[best]))
                best = i;
        taken[best] = true;
        idx[r] = best;
    }
    if (!taken[target])
        idx[rows - 1] = target;
    return rows;
}

static void draw_entry(const struct frame *f, WINDOW *w, int y, int i, const double *yt, int target,
                       int pred, int bar_cols)
{
    const struct theme *th = f->th;
    char name[16];
    attr_t a = i == target ? th->attr[TH_CURRENT] : A_NORMAL;
    draw_fmt(w, y, NAME_X, a, "'%s'", draw_char_name(f, i, name, sizeof name));
    draw_bar(w, y, BAR_X, bar_cols, yt[i], th, th->attr[i == target ? TH_GOOD : TH_POS]);
    int vx = BAR_X + bar_cols + 1;
    draw_num(w, y, vx, th, i == pred ? A_BOLD : A_NORMAL, yt[i], VALUE_COLS - 1);
    const char *mark = i == target && i == pred ? "target=argmax"
                       : i == target            ? "target"
                       : i == pred              ? "argmax"
                                                : "";
    if (*mark)
        draw_fmt(w, y, vx + VALUE_COLS, th->attr[i == target ? TH_GOOD : TH_DIM], "%s", mark);
}

/* 1 + the number of characters more likely than the target. */
static int target_rank(const double *y, int K, int target)
{
    int rank = 1;
    for (int i = 0; i < K; i++)
        rank += y[i] > y[target];
    return rank;
}

static void softmax_draw(const void *state, const struct frame *f, WINDOW *w)
{
    (void)state;
    const struct rnn_view *v = &f->v;
    const struct theme *th = f->th;
    int t = f->t_show;
    char title[96];
    if (t == 0) {
        draw_title(w, th, "Softmax");
        draw_str(w, 1, 1, th->attr[TH_DIM], "press n to compute step 1");
        return;
    }
    int K = v->shape.vocab, rows = getmaxy(w) - 1;
    const double *yt = v->y + (size_t)(t - 1) * K;
    int target = v->targets[t - 1], idx[RNN_VOCAB_MAX];
    if (K > rows) /* the top characters only: say so, and where the target ranks */
        snprintf(title, sizeof title, "Softmax %s_%d: top %d of %d, target #%d", th->g->yhat, t,
                 rows, K, target_rank(yt, K, target));
    else
        snprintf(title, sizeof title, "Softmax %s_%d = P(next char | x_1..x_%d)", th->g->yhat, t,
                 t);
    draw_title(w, th, title);
    int bar_cols = getmaxx(w) - BAR_X - VALUE_COLS - MARK_COLS - 1;
    if (rows < 1 || bar_cols < 1)
        return;
    int n = choose_rows(yt, K, target, rows, idx);
    for (int r = 0; r < n; r++)
        draw_entry(f, w, 1 + r, idx[r], yt, target, v->pred[t - 1], bar_cols);
}

const struct view_ops pane_softmax = {.name = "softmax", .draw = softmax_draw};
