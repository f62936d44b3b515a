/* Sequence pane: inputs, targets and argmax predictions per timestep, the
 * current timestep highlighted. Long windows scroll to keep it in view. */
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "view.h"

#define LABEL_COLS 12
#define CELL_COLS 4

static void draw_cell(WINDOW *w, int y, int x, const struct frame *f, int idx, attr_t a)
{
    char name[16];
    draw_str(w, y, x, a, draw_char_name(f, idx, name, sizeof name));
}

static void draw_column(const struct frame *f, WINDOW *w, int t, int x)
{
    const struct rnn_view *v = &f->v;
    const struct theme *th = f->th;
    attr_t cur = t == f->t_show ? th->attr[TH_CURRENT] : A_NORMAL;
    draw_fmt(w, 1, x, theme_combine(cur, th->attr[TH_DIM]), "%-3d", t);
    draw_cell(w, 2, x, f, v->inputs[t - 1], cur);
    draw_cell(w, 3, x, f, v->targets[t - 1], cur);
    if (t > v->forward_done)
        return;
    bool right = v->pred[t - 1] == v->targets[t - 1];
    draw_cell(w, 4, x, f, v->pred[t - 1], theme_combine(th->attr[right ? TH_GOOD : TH_BAD], cur));
    draw_str(w, 4, x + 1, th->attr[right ? TH_GOOD : TH_BAD], right ? th->g->check : th->g->cross);
}

/* The whole text as drawn characters, cut with an ellipsis when long. */
static const char *quoted_text(const struct frame *f, char *buf, size_t cap)
{
    size_t used = 0, room = cap - 8;
    buf[0] = '\0';
    for (size_t i = 0; i < f->text->len; i++) {
        char name[16];
        draw_char_name(f, f->text->ids[i], name, sizeof name);
        size_t len = strlen(name);
        if (used + len >= room) {
            snprintf(buf + used, cap - used, "%s", f->th->g->ellipsis);
            break;
        }
        memcpy(buf + used, name, len + 1);
        used += len;
    }
    return buf;
}

static void draw_title_line(const struct frame *f, WINDOW *w)
{
    char title[160], text[64];
    if (f->corpus)
        snprintf(title, sizeof title, "Sequence: window at character %zu of %zu", f->v.position,
                 f->text->len);
    else
        snprintf(title, sizeof title, "Sequence \"%s\": %d steps",
                 quoted_text(f, text, sizeof text), f->v.T);
    draw_title(w, f->th, title);
}

static void sequence_draw(const void *state, const struct frame *f, WINDOW *w)
{
    (void)state;
    const struct theme *th = f->th;
    draw_title_line(f, w);
    draw_str(w, 1, 1, th->attr[TH_DIM], "t");
    draw_str(w, 2, 1, th->attr[TH_DIM], "input x_t");
    draw_str(w, 3, 1, th->attr[TH_DIM], "target y_t");
    draw_str(w, 4, 1, th->attr[TH_DIM], "argmax");
    int ncols = (getmaxx(w) - LABEL_COLS) / CELL_COLS;
    if (ncols < 1)
        return;
    int first = draw_first_step(f->t_focus, f->v.T, ncols);
    for (int t = first; t <= f->v.T && t < first + ncols; t++)
        draw_column(f, w, t, LABEL_COLS + (t - first) * CELL_COLS);
}

const struct view_ops pane_sequence = {.name = "sequence", .draw = sequence_draw};
