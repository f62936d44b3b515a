/* The worksheet: the document a lecturer would otherwise compute by hand, in
 * the sections of the worked example (preprocessing, formulas, initial
 * parameters, forward steps, BPTT, updates, later epochs). Numbers are read
 * from rnn_engine_view as the engine steps; this file only formats them. In
 * the exercise version every result is a numbered blank and an answer key at
 * the end gives the values. */
#include "worksheet.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rnnstep/analysis.h"
#include "rnnstep/atomic_file.h"
#include "rnnstep/version.h"

struct ws {
    FILE *fp;
    struct session *s;
    int decimals;
    bool exercise;
    bool first_row; /* of the aligned block being written */
    int blanks;     /* numbered blanks so far (exercise) */
    FILE *key;      /* the answer key, appended at the end (exercise) */
    char *key_text;
    size_t key_len;
};

/* ---- numbers and matrices ------------------------------------------------ */

/* Fixed decimals; exact zeros as "0" like the worked example, and no "-0.0000". */
static void put_num(const struct ws *w, FILE *fp, double x)
{
    if (!isfinite(x)) {
        fputs(isnan(x) ? "\\text{nan}" : x > 0 ? "\\infty" : "-\\infty", fp);
        return;
    }
    if (x == 0.0) {
        fputc('0', fp);
        return;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", w->decimals, x);
    bool negative_zero = buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1);
    fputs(negative_zero ? buf + 1 : buf, fp);
}

/* A rows x cols row-major matrix; stride is the distance between rows. */
struct mat {
    const double *x;
    int rows, cols;
    bool scalar; /* a number, written without brackets */
};

static struct mat column(const double *x, int n)
{
    return (struct mat){x, n, 1, false};
}

static struct mat scalar(const double *x)
{
    return (struct mat){x, 1, 1, true};
}

static void put_mat(const struct ws *w, FILE *fp, struct mat m)
{
    if (m.scalar) {
        put_num(w, fp, m.x[0]);
        return;
    }
    fputs("\\begin{bmatrix} ", fp);
    for (int r = 0; r < m.rows; r++) {
        if (r)
            fputs(" \\\\ ", fp);
        for (int c = 0; c < m.cols; c++) {
            if (c)
                fputs(" & ", fp);
            put_num(w, fp, m.x[(size_t)r * m.cols + c]);
        }
    }
    fputs(" \\end{bmatrix}", fp);
}

/* The transpose of m, as V^T is written beside the engine's V. */
static void put_transpose(const struct ws *w, struct mat m)
{
    fputs("\\begin{bmatrix} ", w->fp);
    for (int c = 0; c < m.cols; c++)
        for (int r = 0; r < m.rows; r++) {
            fputs(r ? " & " : c ? " \\\\ " : "", w->fp);
            put_num(w, w->fp, m.x[(size_t)r * m.cols + c]);
        }
    fputs(" \\end{bmatrix}", w->fp);
}

/* The same shape with an empty box per entry, for the student to fill in. */
static void put_blank_mat(const struct ws *w, FILE *fp, struct mat m)
{
    if (m.scalar) {
        fprintf(fp, "\\boxed{\\phantom{0.%0*d}}", w->decimals, 0);
        return;
    }
    fputs("\\begin{bmatrix} ", fp);
    for (int r = 0; r < m.rows; r++) {
        if (r)
            fputs(" \\\\ ", fp);
        for (int c = 0; c < m.cols; c++)
            fprintf(fp, "%s\\boxed{\\phantom{0.%0*d}}", c ? " & " : "", w->decimals, 0);
    }
    fputs(" \\end{bmatrix}", fp);
}

static void put_onehot(FILE *fp, int index, int n, bool as_row)
{
    fputs("\\begin{bmatrix} ", fp);
    for (int i = 0; i < n; i++)
        fprintf(fp, "%s%d", i ? (as_row ? " & " : " \\\\ ") : "", i == index);
    fputs(" \\end{bmatrix}", fp);
}

/* ---- characters ------------------------------------------------------------ */

/* Characters LaTeX (or pandoc's TeX reader) would take as markup, or that
 * are invisible, spelled out inside math. */
static const struct {
    uint32_t cp;
    const char *tex;
} math_spellings[] = {
    {' ', "\\text{\u2423}"},
    {'\n', "\\mathtt{\\backslash n}"},
    {'\t', "\\mathtt{\\backslash t}"},
    {'\\', "\\mathtt{\\backslash}"},
    {'^', "\\mathtt{\\hat{}}"},
    {'~', "\\mathtt{\\sim}"},
    {'`', "\\mathtt{\\grave{}}"},
    {'"', "\\text{\"}"},
    {'{', "\\mathtt{\\{}"},
    {'}', "\\mathtt{\\}}"},
    {'_', "\\mathtt{\\_}"},
    {'#', "\\mathtt{\\#}"},
    {'$', "\\mathtt{\\$}"},
    {'%', "\\mathtt{\\%}"},
    {'&', "\\mathtt{\\&}"},
};

/* A vocabulary character inside math, in \mathtt. */
static void put_char_math(FILE *fp, uint32_t cp)
{
    for (size_t i = 0; i < sizeof math_spellings / sizeof math_spellings[0]; i++)
        if (math_spellings[i].cp == cp) {
            fputs(math_spellings[i].tex, fp);
            return;
        }
    char utf8[5] = {0};
    rnn_utf8_encode_one(cp, utf8);
    fprintf(fp, "\\mathtt{%s}", utf8);
}

/* A vocabulary character in prose: a code span, or its name. */
static void put_char_text(FILE *fp, uint32_t cp)
{
    char utf8[5] = {0};
    if (cp == ' ' || cp == '\n' || cp == '\t') {
        fputs(cp == ' ' ? "space" : cp == '\n' ? "newline" : "tab", fp);
        return;
    }
    rnn_utf8_encode_one(cp, utf8);
    fprintf(fp, cp == '`' ? "`` ` ``" : "`%s`", utf8);
}

/* ---- aligned blocks and results ---------------------------------------- */

static void block_open(struct ws *w)
{
    fputs("$$\n\\begin{aligned}\n", w->fp);
    w->first_row = true;
}

static void block_close(struct ws *w)
{
    fputs("\n\\end{aligned}\n$$\n\n", w->fp);
}

/* Starts one row of the aligned block. */
static void row(struct ws *w)
{
    if (!w->first_row)
        fputs(" \\\\\n", w->fp);
    w->first_row = false;
}

/* A row "name &= value": the value, or in the exercise a numbered blank of
 * the same shape, with the value kept for the answer key. */
static void result(struct ws *w, const char *name, struct mat m)
{
    row(w);
    if (!w->exercise) {
        fprintf(w->fp, "%s &= ", name);
        put_mat(w, w->fp, m);
        return;
    }
    w->blanks++;
    fprintf(w->fp, "%s &= \\text{(%d)}\\ ", name, w->blanks);
    put_blank_mat(w, w->fp, m);
    fprintf(w->key, "$$\\text{(%d)}\\quad %s = ", w->blanks, name);
    put_mat(w, w->key, m);
    fputs("$$\n\n", w->key);
}

/* The plugged-in rows give results away, so the exercise leaves them out. */
static bool plugging_in(const struct ws *w)
{
    return !w->exercise;
}

/* ---- the sections ---------------------------------------------------------- */

/* The training text in prose: its characters, with the invisible ones named. */
static void put_text(FILE *fp, const struct session *s)
{
    fputs("`` ", fp); /* a double-backtick code span: the text may hold backticks */
    for (size_t i = 0; i < s->text.len; i++) {
        uint32_t cp = s->vocab.chars[s->text.ids[i]];
        char utf8[5] = {0};
        rnn_utf8_encode_one(cp, utf8);
        fputs(cp == '\n' ? "\u21b5" : cp == '\t' ? "\u21e5" : utf8, fp);
    }
    fputs(" ``", fp);
}

static void heading(struct ws *w, const struct session *s)
{
    const struct rnn_settings *st = &s->cfg.settings;
    fprintf(w->fp, "# Worked example%s: a character-level RNN, step by step\n\n",
            w->exercise ? " (exercise)" : "");
    fprintf(w->fp, "Written by rnnstep %s for the text ", RNNSTEP_VERSION);
    put_text(w->fp, s);
    fprintf(w->fp,
            " (%zu characters), hidden size %d, initial parameters: %s, optimiser %s, "
            "learning rate %g, clipping %s. Numbers are rounded to %d decimals.%s\n\n",
            s->text.len, s->cfg.shape.hidden, s->init_desc, rnn_optimizer_name(st->optimizer),
            st->lr, st->clip > 0 ? "on" : "off", w->decimals,
            w->exercise ? " Fill in each numbered box; the answer key is at the end." : "");
}

static void section_preprocess(struct ws *w, const struct session *s)
{
    const struct rnn_vocab *voc = &s->vocab;
    FILE *fp = w->fp;
    fprintf(fp, "## 1 Preprocess\n\nAlphabet size: $|\\mathcal{A}| = %d$\n\n", voc->size);
    fputs("Vocabulary, in order of first appearance: $\\mathcal{A} = \\{", fp);
    for (int i = 0; i < voc->size; i++) {
        fputs(i ? ", " : "", fp);
        put_char_math(fp, voc->chars[i]);
    }
    fputs("\\}$\n\nThe one-hot encoding of a character $c \\in \\mathcal{A}$:\n\n"
          "$$\\operatorname{one\\_hot}(c)_i = \\begin{cases} 1 & \\text{if } \\mathcal{A}_i = c, "
          "\\\\ 0 & \\text{otherwise.} \\end{cases}$$\n\n",
          fp);
    for (int i = 0; i < voc->size; i++) {
        fputs("$", fp);
        put_char_math(fp, voc->chars[i]);
        fputs(": ", fp);
        put_onehot(fp, i, voc->size, true);
        fputs("$\n\n", fp);
    }
    fputs("Inputs and targets (each target is the next character):\n\n", fp);
    for (size_t t = 1; t < s->text.len; t++) {
        fprintf(fp, "$x_{%zu} = ", t);
        put_char_math(fp, voc->chars[s->text.ids[t - 1]]);
        fprintf(fp, ",\\quad y_{%zu} = ", t);
        put_char_math(fp, voc->chars[s->text.ids[t]]);
        fputs("$\n\n", fp);
    }
}

static void section_formulas(struct ws *w)
{
    fputs("## 2 Forward pass formulas\n\n"
          "For the inputs $x_1, \\ldots, x_T$ (one-hot columns) and $h_0 = 0$:\n\n"
          "$$h_t = \\tanh(U x_t + W h_{t-1} + b)$$\n\n"
          "$$\\Omega_t = V h_t + c$$\n\n"
          "$$\\hat{y}_t = \\operatorname{softmax}(\\Omega_t), \\qquad "
          "\\hat{y}_{t,i} = \\frac{e^{\\Omega_{t,i}}}{\\sum_{k=1}^{|\\mathcal{A}|} "
          "e^{\\Omega_{t,k}}}$$\n\n"
          "$$L_t = -y_t^\\top \\ln \\hat{y}_t, \\qquad L = \\sum_{t=1}^{T} L_t$$\n\n"
          "## 3 Backpropagation through time formulas\n\n"
          "The gradient at the output, then backwards from $t = T$ to $1$, with "
          "$\\delta_{T+1} = 0$:\n\n"
          "$$\\frac{\\partial L_t}{\\partial \\Omega_t} = \\hat{y}_t - y_t$$\n\n"
          "$$\\frac{\\partial L}{\\partial h_t} = V^\\top (\\hat{y}_t - y_t) + W^\\top "
          "\\delta_{t+1}, \\qquad \\delta_t = (1 - h_t^2) \\odot "
          "\\frac{\\partial L}{\\partial h_t}$$\n\n"
          "$$\\frac{\\partial L}{\\partial V} = \\sum_{t=1}^{T} (\\hat{y}_t - y_t) h_t^\\top, "
          "\\qquad \\frac{\\partial L}{\\partial c} = \\sum_{t=1}^{T} (\\hat{y}_t - y_t)$$\n\n"
          "$$\\frac{\\partial L}{\\partial W} = \\sum_{t=1}^{T} \\delta_t h_{t-1}^\\top, \\qquad "
          "\\frac{\\partial L}{\\partial U} = \\sum_{t=1}^{T} \\delta_t x_t^\\top, \\qquad "
          "\\frac{\\partial L}{\\partial b} = \\sum_{t=1}^{T} \\delta_t$$\n\n"
          "Parameter update with learning rate $\\eta$: $\\theta_{new} = \\theta - \\eta "
          "\\frac{\\partial L}{\\partial \\theta}$ for $\\theta = V, c, W, U, b$.\n\n",
          w->fp);
}

/* The parameter matrices of a block, in their logical shapes. */
static struct mat param(struct rnn_shape sh, const struct rnn_const_block *b, enum rnn_param_id id)
{
    const double *parts[RNN_P_COUNT] = {b->U, b->W, b->b, b->V, b->c};
    int rows, cols;
    rnn_param_dims(sh, id, &rows, &cols);
    return (struct mat){parts[id], rows, cols, false};
}

static void section_initial(struct ws *w, const struct rnn_view *v)
{
    fputs("## 4 Initial parameters\n\n", w->fp);
    for (int id = 0; id < RNN_P_COUNT; id++) {
        fprintf(w->fp, "$$%s = ", rnn_param_name((enum rnn_param_id)id));
        put_mat(w, w->fp, param(v->shape, &v->theta, (enum rnn_param_id)id));
        fputs("$$\n\n", w->fp);
    }
}

static void forward_hidden(struct ws *w, const struct rnn_view *v, int t)
{
    struct rnn_shape sh = v->shape;
    FILE *fp = w->fp;
    char name[96];
    row(w);
    fprintf(fp, "x_{%d} &= ", t);
    put_onehot(fp, v->inputs[t - 1], sh.vocab, false);
    row(w);
    fprintf(fp, "h_{%d} &= \\tanh(U x_{%d} + W h_{%d} + b)", t, t, t - 1);
    if (plugging_in(w)) {
        row(w);
        fputs("&= \\tanh\\left(", fp);
        put_mat(w, fp, param(sh, &v->theta, RNN_P_U));
        put_onehot(fp, v->inputs[t - 1], sh.vocab, false);
        fputs(" + ", fp);
        put_mat(w, fp, param(sh, &v->theta, RNN_P_W));
        put_mat(w, fp, column(v->h + (size_t)(t - 1) * sh.hidden, sh.hidden));
        fputs(" + ", fp);
        put_mat(w, fp, param(sh, &v->theta, RNN_P_B));
        fputs("\\right)", fp);
    }
    snprintf(name, sizeof name, "h_{%d}", t);
    result(w, name, column(v->h + (size_t)t * sh.hidden, sh.hidden));
}

static void forward_output(struct ws *w, const struct rnn_view *v, int t)
{
    struct rnn_shape sh = v->shape;
    char name[96];
    row(w);
    fprintf(w->fp, "\\Omega_{%d} &= V h_{%d} + c", t, t);
    if (plugging_in(w)) {
        row(w);
        fputs("&= ", w->fp);
        put_mat(w, w->fp, param(sh, &v->theta, RNN_P_V));
        put_mat(w, w->fp, column(v->h + (size_t)t * sh.hidden, sh.hidden));
        fputs(" + ", w->fp);
        put_mat(w, w->fp, param(sh, &v->theta, RNN_P_C));
    }
    snprintf(name, sizeof name, "\\Omega_{%d}", t);
    result(w, name, column(v->o + (size_t)(t - 1) * sh.vocab, sh.vocab));
    snprintf(name, sizeof name, "\\hat{y}_{%d} = \\operatorname{softmax}(\\Omega_{%d})", t, t);
    result(w, name, column(v->y + (size_t)(t - 1) * sh.vocab, sh.vocab));
}

/* "The model predicts 'l', but the target is 'e'." */
static void prediction(struct ws *w, const struct rnn_view *v, int t)
{
    const struct rnn_vocab *voc = &w->s->vocab;
    uint32_t target = voc->chars[v->targets[t - 1]];
    if (w->exercise) {
        fprintf(w->fp,
                "Which character does the model predict (the largest entry of "
                "$\\hat{y}_{%d}$)? \\_\\_\\_\\_ The target is ",
                t);
        put_char_text(w->fp, target);
        fputs(".\n\n", w->fp);
        return;
    }
    fputs("The largest entry of the softmax is ", w->fp);
    put_char_text(w->fp, voc->chars[v->pred[t - 1]]);
    fputs(v->pred[t - 1] == v->targets[t - 1] ? ", the target: right." : ", but the target is ",
          w->fp);
    if (v->pred[t - 1] != v->targets[t - 1]) {
        put_char_text(w->fp, target);
        fputs(": wrong.", w->fp);
    }
    fputs("\n\n", w->fp);
}

static void forward_loss(struct ws *w, const struct rnn_view *v, int t)
{
    struct rnn_shape sh = v->shape;
    char name[96];
    block_open(w);
    row(w);
    fprintf(w->fp, "L_{%d} &= -y_{%d}^\\top \\ln \\hat{y}_{%d}", t, t, t);
    if (plugging_in(w)) {
        row(w);
        fputs("&= -", w->fp);
        put_onehot(w->fp, v->targets[t - 1], sh.vocab, true);
        fputs(" \\ln ", w->fp);
        put_mat(w, w->fp, column(v->y + (size_t)(t - 1) * sh.vocab, sh.vocab));
    }
    snprintf(name, sizeof name, "L_{%d}", t);
    result(w, name, scalar(v->loss + (t - 1)));
    block_close(w);
}

/* "L = 1.4397 + 1.5232 + ... = 6.0337": the engine's running sum. */
static void loss_total(struct ws *w, const struct rnn_view *v)
{
    block_open(w);
    row(w);
    fputs("L &= \\sum_{t=1}^{T} L_t", w->fp);
    if (plugging_in(w)) {
        row(w);
        fputs("&= ", w->fp);
        for (int t = 1; t <= v->T; t++) {
            fputs(t > 1 ? " + " : "", w->fp);
            put_num(w, w->fp, v->loss[t - 1]);
        }
    }
    result(w, "L", scalar(&v->loss_sum));
    block_close(w);
}

/* One micro-step; the view then shows what it computed. */
static void step(struct ws *w, struct rnn_view *v)
{
    rnn_engine_step(w->s->engine);
    rnn_engine_view(w->s->engine, v);
}

/* Section 5 (and, after the update, the loss at the new parameters). */
static void forward_pass(struct ws *w, struct rnn_view *v, const char *number, bool detailed)
{
    for (int t = 1; t <= v->T; t++) {
        step(w, v);
        fprintf(w->fp, "### %s.%d Step %d\n\n", number, t, t);
        if (detailed) {
            block_open(w);
            forward_hidden(w, v, t);
            forward_output(w, v, t);
            block_close(w);
        } else {
            char name[96];
            snprintf(name, sizeof name, "\\hat{y}_{%d}", t);
            block_open(w);
            result(w, name, column(v->y + (size_t)(t - 1) * v->shape.vocab, v->shape.vocab));
            block_close(w);
        }
        prediction(w, v, t);
        forward_loss(w, v, t);
    }
    loss_total(w, v);
}

/* One backward step: dL/dh_t from its two terms, as the equation pane shows
 * them (rnn_dh_parts: V^T (yhat_t - y_t) from the step's own loss, W^T
 * delta_{t+1} carried from the step after), then through the tanh gate. */
static void backward_step(struct ws *w, const struct rnn_view *v, int t, double *from_output,
                          double *from_future)
{
    struct rnn_shape sh = v->shape;
    int H = sh.hidden, K = sh.vocab;
    char name[128];
    rnn_dh_parts(v, t, from_output, from_future);
    fprintf(w->fp, "### 6.%d Step %d\n\n", v->T - t + 1, t);
    block_open(w);
    snprintf(name, sizeof name, "\\hat{y}_{%d} - y_{%d}", t, t);
    result(w, name, column(v->dy + (size_t)(t - 1) * K, K));
    snprintf(name, sizeof name, "V^\\top (\\hat{y}_{%d} - y_{%d})", t, t);
    result(w, name, column(from_output, H));
    snprintf(name, sizeof name, "W^\\top \\delta_{%d}", t + 1);
    result(w, name, column(from_future, H));
    row(w);
    fprintf(w->fp,
            "\\frac{\\partial L}{\\partial h_{%d}} &= V^\\top (\\hat{y}_{%d} - y_{%d}) + "
            "W^\\top \\delta_{%d}",
            t, t, t, t + 1);
    if (plugging_in(w)) {
        row(w);
        fputs("&= ", w->fp);
        put_transpose(w, param(sh, &v->theta, RNN_P_V));
        put_mat(w, w->fp, column(v->dy + (size_t)(t - 1) * K, K));
        fputs(" + ", w->fp);
        put_mat(w, w->fp, column(from_future, H));
        row(w);
        fputs("&= ", w->fp);
        put_mat(w, w->fp, column(from_output, H));
        fputs(" + ", w->fp);
        put_mat(w, w->fp, column(from_future, H));
    }
    snprintf(name, sizeof name, "\\frac{\\partial L}{\\partial h_{%d}}", t);
    result(w, name, column(v->dh + (size_t)(t - 1) * H, H));
    row(w);
    fprintf(w->fp, "\\delta_{%d} &= (1 - h_{%d}^2) \\odot \\frac{\\partial L}{\\partial h_{%d}}", t,
            t, t);
    snprintf(name, sizeof name, "\\delta_{%d}", t);
    result(w, name, column(v->dr + (size_t)(t - 1) * H, H));
    block_close(w);
}

/* Section 6: the output gradients and every step back, t = T..1. */
static int backward_pass(struct ws *w, struct rnn_view *v)
{
    int H = v->shape.hidden;
    double *parts = calloc(2 * (size_t)H, sizeof(double));
    if (!parts)
        return -1;
    fputs("## 6 Backpropagation through time\n\n"
          "From the last step back to the first. Each step starts from the gradient at the "
          "output, $\\hat{y}_t - y_t$, and adds $W^\\top \\delta_{t+1}$, carried from the step "
          "after ($\\delta_{T+1} = 0$).\n\n",
          w->fp);
    for (int t = v->T; t >= 1; t--) {
        step(w, v);
        backward_step(w, v, t, parts, parts + H);
    }
    free(parts);
    return 0;
}

static const char *const grad_formula[RNN_P_COUNT] = {
    [RNN_P_U] = "\\sum_{t=1}^{T} \\delta_t x_t^\\top",
    [RNN_P_W] = "\\sum_{t=1}^{T} \\delta_t h_{t-1}^\\top",
    [RNN_P_B] = "\\sum_{t=1}^{T} \\delta_t",
    [RNN_P_V] = "\\sum_{t=1}^{T} (\\hat{y}_t - y_t) h_t^\\top",
    [RNN_P_C] = "\\sum_{t=1}^{T} (\\hat{y}_t - y_t)",
};

/* One parameter's gradient and update, read after the update step. */
static void update_param(struct ws *w, const struct rnn_view *v, enum rnn_param_id id)
{
    struct rnn_shape sh = v->shape;
    const char *p = rnn_param_name(id);
    bool sgd = v->settings.optimizer == RNN_OPT_SGD;
    bool clipping = v->settings.clip > 0;
    char name[96];
    block_open(w);
    snprintf(name, sizeof name, "\\frac{\\partial L}{\\partial %s} = %s", p, grad_formula[id]);
    result(w, name, param(sh, &v->grad, id));
    if (clipping) {
        row(w);
        fprintf(w->fp,
                "g_{%s} &= \\operatorname{clip}\\left(\\frac{\\partial L}{\\partial %s}, "
                "\\pm %g\\right)",
                p, p, v->settings.clip);
        snprintf(name, sizeof name, "g_{%s}", p);
        result(w, name, param(sh, &v->applied, id));
    }
    row(w);
    if (sgd)
        fprintf(w->fp,
                clipping ? "%s_{new} &= %s - \\eta\\, g_{%s}"
                         : "%s_{new} &= %s - \\eta \\frac{\\partial L}{\\partial %s}",
                p, p, p);
    else
        fprintf(w->fp, "%s_{new} &= \\text{%s step from } %s", p,
                rnn_optimizer_name(v->settings.optimizer), p);
    if (sgd && plugging_in(w)) {
        row(w);
        fputs("&= ", w->fp);
        put_mat(w, w->fp, param(sh, &v->before, id));
        fprintf(w->fp, " - %g \\cdot ", v->settings.lr);
        put_mat(w, w->fp, param(sh, &v->applied, id));
    }
    snprintf(name, sizeof name, "%s_{new}", p);
    result(w, name, param(sh, &v->theta, id));
    block_close(w);
}

static void update_pass(struct ws *w, struct rnn_view *v)
{
    static const enum rnn_param_id order[] = {RNN_P_V, RNN_P_C, RNN_P_W, RNN_P_U, RNN_P_B};
    step(w, v);
    fprintf(w->fp, "## 7 Gradients and parameter updates\n\n$\\eta = %g$", v->settings.lr);
    if (v->settings.clip > 0)
        fprintf(w->fp, "; every gradient element is clipped to $[-%g, %g]$ first", v->settings.clip,
                v->settings.clip);
    fputs(".\n\n", w->fp);
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        fprintf(w->fp, "### 7.%zu %s\n\n", i + 1, rnn_param_name(order[i]));
        update_param(w, v, order[i]);
    }
}

/* 1, 2, 5, 10, 20, 50, ... up to last, and last itself. */
static uint64_t next_reported_epoch(uint64_t k, uint64_t last)
{
    uint64_t step = 1;
    while (step * 10 <= k)
        step *= 10;
    uint64_t lead = k / step, next = lead == 1 ? 2 * step : lead == 2 ? 5 * step : 10 * step;
    return next < last ? next : last;
}

/* Total loss with the parameters after k epochs, for the chosen k: the
 * forward pass of epoch k's iteration (what --batch prints as row k). */
static void later_epochs(struct ws *w, struct rnn_view *v, uint64_t last)
{
    fputs("## 9 Later epochs\n\n| epoch | total loss $L$ |\n|---:|---:|\n", w->fp);
    for (uint64_t k = 1; k <= last; k = k == last ? last + 1 : next_reported_epoch(k, last)) {
        while (v->iteration < k) {
            rnn_engine_finish_iteration(w->s->engine);
            rnn_engine_view(w->s->engine, v);
        }
        rnn_engine_run_to_update(w->s->engine);
        rnn_engine_view(w->s->engine, v);
        fprintf(w->fp, "| %llu | ", (unsigned long long)k);
        if (w->exercise && k == 1)
            fputs("(section 8) |\n", w->fp);
        else {
            fputc('$', w->fp);
            put_num(w, w->fp, v->loss_sum);
            fputs("$ |\n", w->fp);
        }
    }
    fputs("\n", w->fp);
}

static int write_document(struct ws *w, const struct options *o)
{
    struct session *s = w->s;
    struct rnn_view v;
    rnn_engine_view(s->engine, &v);
    heading(w, s);
    section_preprocess(w, s);
    section_formulas(w);
    section_initial(w, &v);
    fputs("## 5 Forward pass\n\n", w->fp);
    forward_pass(w, &v, "5", true);
    if (backward_pass(w, &v) != 0)
        return -1;
    update_pass(w, &v);
    fputs("## 8 Loss after the update (epoch 1)\n\n", w->fp);
    forward_pass(w, &v, "8", false);
    if (o->epochs > 0)
        later_epochs(w, &v, o->epochs);
    if (w->exercise) {
        fflush(w->key);
        fputs("## Answer key\n\n", w->fp);
        fwrite(w->key_text, 1, w->key_len, w->fp);
    }
    return 0;
}

int worksheet_check(const struct session *s, char *err, size_t errcap)
{
    if (s->corpus) {
        snprintf(err, errcap, "--worksheet: works on a whole text; drop --seq-length");
        return -1;
    }
    if (s->text.len > WORKSHEET_TEXT_MAX) {
        snprintf(err, errcap,
                 "--worksheet: the text has %zu characters, over the worksheet limit of %d "
                 "(every step is written out)",
                 s->text.len, WORKSHEET_TEXT_MAX);
        return -1;
    }
    if (s->cfg.shape.hidden > WORKSHEET_HIDDEN_MAX) {
        snprintf(err, errcap,
                 "--worksheet: hidden size %d is over the worksheet limit of %d (W would not "
                 "be legible)",
                 s->cfg.shape.hidden, WORKSHEET_HIDDEN_MAX);
        return -1;
    }
    if (s->cfg.shape.vocab > WORKSHEET_VOCAB_MAX) {
        snprintf(err, errcap,
                 "--worksheet: the vocabulary has %d characters, over the worksheet limit of %d "
                 "(U would not be legible)",
                 s->cfg.shape.vocab, WORKSHEET_VOCAB_MAX);
        return -1;
    }
    return 0;
}

int worksheet_write(struct session *s, const struct options *o)
{
    char err[512];
    if (worksheet_check(s, err, sizeof err) != 0) {
        fprintf(stderr, "rnnstep: %s\n", err);
        return 2;
    }
    struct ws w = {.s = s, .decimals = o->decimals, .exercise = o->worksheet_exercise};
    if (w.exercise && !(w.key = open_memstream(&w.key_text, &w.key_len))) {
        fprintf(stderr, "rnnstep: out of memory\n");
        return 2;
    }
    struct rnn_atomic_file f;
    int rc = 2;
    if (rnn_atomic_open(&f, o->worksheet, err, sizeof err) != 0) {
        fprintf(stderr, "rnnstep: %s: %s\n", o->worksheet, err);
        goto out;
    }
    w.fp = f.fp;
    if (write_document(&w, o) != 0) {
        rnn_atomic_abort(&f);
        fprintf(stderr, "rnnstep: out of memory\n");
    } else if (rnn_atomic_commit(&f, err, sizeof err) != 0) {
        fprintf(stderr, "rnnstep: %s: %s\n", o->worksheet, err);
    } else {
        rc = 0;
    }
out:
    if (w.key)
        fclose(w.key);
    free(w.key_text);
    return rc;
}
