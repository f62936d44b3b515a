/* Corpus mode's sequence pane: the training window inside the surrounding
 * text, one character per column. The window's inputs are underlined and
 * marked below, the current input x_t highlighted and marked "^", and under
 * each target the model's argmax guess for it. Long windows (up to 1000
 * steps) scroll to keep x_t in view; only the visible characters are drawn. */
#include <stdio.h>

#include "draw.h"
#include "view.h"

#define LABEL_COLS 8 /* "argmax", "t=1000" and a space */
#define ROW_TEXT 1
#define ROW_MARK 2
#define ROW_GUESS 3
#define ROW_NOTE 4

struct strip {
    const struct frame *f;
    WINDOW *w;
    size_t first; /* text index in the first column */
    int cols;     /* text columns */
    int t;        /* the timestep marked: shown, else the next one */
};

/* First text index shown: the whole window and its surroundings when they
 * fit, else the text around x_t. */
static size_t first_index(const struct frame *f, int cols, int t)
{
    size_t len = f->text->len, p = f->v.position, centre;
    if ((size_t)cols >= len)
        return 0;
    centre = f->v.T + 2 <= cols ? p + (size_t)f->v.T / 2 : p + (size_t)t - 1;
    size_t first = centre > (size_t)cols / 2 ? centre - (size_t)cols / 2 : 0;
    return first + (size_t)cols > len ? len - (size_t)cols : first;
}

/* One column per character: a name wider than that (ASCII "\n") keeps its
 * first column. */
static void draw_char(const struct strip *s, int y, int col, int idx, attr_t a)
{
    char name[16];
    draw_char_name(s->f, idx, name, sizeof name);
    if (draw_width(name) > 1)
        name[1] = '\0';
    draw_str(s->w, y, LABEL_COLS + col, a, name);
}

/* Step t's input sits at text index position + t - 1, its target one later. */
static int step_at(const struct strip *s, size_t i)
{
    size_t p = s->f->v.position;
    return i >= p && i < p + (size_t)s->f->v.T ? (int)(i - p) + 1 : 0;
}

static void draw_text_row(const struct strip *s)
{
    const struct theme *th = s->f->th;
    for (int k = 0; k < s->cols && s->first + (size_t)k < s->f->text->len; k++) {
        size_t i = s->first + (size_t)k;
        int t = step_at(s, i);
        attr_t a = t == 0 ? th->attr[TH_DIM] : A_BOLD | A_UNDERLINE;
        if (t != 0 && t == s->t)
            a = th->attr[TH_CURRENT];
        draw_char(s, ROW_TEXT, k, s->f->text->ids[i], a);
    }
}

static void draw_mark_row(const struct strip *s)
{
    const struct theme *th = s->f->th;
    for (int k = 0; k < s->cols; k++) {
        int t = step_at(s, s->first + (size_t)k);
        if (t == s->t)
            draw_str(s->w, ROW_MARK, LABEL_COLS + k, th->attr[TH_CURRENT], "^");
        else if (t)
            draw_str(s->w, ROW_MARK, LABEL_COLS + k, th->attr[TH_DIM], th->g->hline);
    }
}

/* The argmax for step t goes under its target, text index position + t. */
static void draw_guess_row(const struct strip *s)
{
    const struct rnn_view *v = &s->f->v;
    const struct theme *th = s->f->th;
    for (int k = 0; k < s->cols; k++) {
        size_t i = s->first + (size_t)k;
        int t = i > 0 ? step_at(s, i - 1) : 0;
        if (t == 0 || t > v->forward_done)
            continue;
        bool right = v->pred[t - 1] == v->targets[t - 1];
        attr_t a = th->attr[right ? TH_GOOD : TH_BAD] | (t == s->t ? A_REVERSE : A_NORMAL);
        draw_char(s, ROW_GUESS, k, v->pred[t - 1], a);
    }
}

/* The marked step in words: x_t, its target and, once computed, the guess. */
static void draw_note(const struct strip *s)
{
    const struct rnn_view *v = &s->f->v;
    const struct theme *th = s->f->th;
    char a[16], b[16], c[16];
    int t = s->t;
    int x = draw_fmt(s->w, ROW_NOTE, 1, A_NORMAL, "x_%d '%s' %s y_%d '%s'", t,
                     draw_char_name(s->f, v->inputs[t - 1], a, sizeof a), th->g->arrow, t,
                     draw_char_name(s->f, v->targets[t - 1], b, sizeof b));
    if (t > v->forward_done)
        return;
    bool right = v->pred[t - 1] == v->targets[t - 1];
    draw_fmt(s->w, ROW_NOTE, x + 3, th->attr[right ? TH_GOOD : TH_BAD], "argmax '%s' %s",
             draw_char_name(s->f, v->pred[t - 1], c, sizeof c),
             right ? th->g->check : th->g->cross);
}

static void corpus_draw(const void *state, const struct frame *f, WINDOW *w)
{
    (void)state;
    const struct rnn_view *v = &f->v;
    const struct theme *th = f->th;
    char title[160];
    snprintf(title, sizeof title, "Window at %zu of %zu, pass %llu", v->position, f->text->len,
             (unsigned long long)(v->passes ? v->passes : 1));
    draw_title(w, th, title);
    struct strip s = {.f = f, .w = w, .cols = getmaxx(w) - LABEL_COLS - 1};
    s.t = f->t_focus;
    if (s.cols < 1)
        return;
    s.first = first_index(f, s.cols, s.t);
    draw_str(w, ROW_TEXT, 1, th->attr[TH_DIM], "text");
    draw_fmt(w, ROW_MARK, 1, th->attr[TH_CURRENT], "t=%d", s.t);
    draw_str(w, ROW_GUESS, 1, th->attr[TH_DIM], "argmax");
    draw_text_row(&s);
    draw_mark_row(&s);
    draw_guess_row(&s);
    draw_note(&s);
}

const struct view_ops pane_corpus = {.name = "corpus", .draw = corpus_draw};
