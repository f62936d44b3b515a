/* Quiz mode: before a micro-step, ask what it will produce (the predicted
 * character after a forward step, the sign of dL/dh_t after a backward
 * step, the direction W moves at an update); then step and reveal. The
 * answer is read from the engine after the step, never computed here. */
#include <stdio.h>

#include "app.h"
#include "draw.h"
#include "teach.h"

static struct rnn_view engine_view(const struct tui *t)
{
    struct rnn_view v;
    rnn_engine_view(t->s->engine, &v);
    return v;
}

bool quiz_wants_key(const struct tui *t, int key)
{
    const struct quiz *q = &t->teach->quiz;
    if (!q->on)
        return false;
    if (q->pending)
        return true;
    const struct key_binding *b = input_binding(key);
    return b && b->cmd == CMD_STEP && t->in.count == 0;
}

/* The character a vocabulary index stands for, as the screen shows it. */
static const char *char_name(const struct tui *t, int i, char *buf, size_t cap)
{
    struct frame f = {.vocab = &t->s->vocab, .th = &t->th};
    return draw_char_name(&f, i, buf, cap);
}

unsigned quiz_ask(struct tui *t)
{
    struct quiz *q = &t->teach->quiz;
    struct rnn_view v = engine_view(t);
    char c[16];
    q->t = v.next_t;
    q->unit = t->mat.unit;
    switch (v.next_phase) {
    case RNN_PHASE_FORWARD:
        q->pending = QUIZ_PREDICT;
        tui_say(t, false, "QUIZ: after reading '%s' (t=%d), which character will it predict?",
                char_name(t, v.inputs[q->t - 1], c, sizeof c), q->t);
        break;
    case RNN_PHASE_BACKWARD:
        q->pending = QUIZ_GRADIENT_SIGN;
        tui_say(t, false, "QUIZ: backward t=%d: will dL/dh_%d%s be + or -?", q->t, q->t,
                v.shape.hidden > 1 ? "[u]" : "");
        break;
    case RNN_PHASE_UPDATE:
        q->pending = QUIZ_UPDATE_SIGN;
        tui_say(t, false, "QUIZ: update: will W%s go up (+) or down (-)?",
                v.shape.hidden > 1 ? "[u,u]" : "");
        break;
    }
    return REACT_REFRESH;
}

/* +1, -1, or 0 for a key that is no sign. */
static int sign_key(int key)
{
    return key == '+' || key == '=' ? 1 : key == '-' || key == '_' ? -1 : 0;
}

static int sign_of(double x)
{
    return x > 0 ? 1 : x < 0 ? -1 : 0;
}

static int vocab_index(const struct tui *t, int key)
{
    for (int i = 0; i < t->s->vocab.size; i++)
        if (t->s->vocab.chars[i] == (uint32_t)key)
            return i;
    return -1;
}

/* Whether the answer was right, read from the engine after the step. */
static bool judge(struct tui *t, int answer, double w_before, char *what, size_t cap)
{
    const struct quiz *q = &t->teach->quiz;
    struct rnn_view v = engine_view(t);
    char c[16];
    int H = v.shape.hidden;
    if (q->pending == QUIZ_PREDICT) {
        int pred = v.pred[q->t - 1];
        snprintf(what, cap, "it predicts '%s'", char_name(t, pred, c, sizeof c));
        return answer == pred;
    }
    if (q->pending == QUIZ_GRADIENT_SIGN) {
        double dh = v.dh[(size_t)(q->t - 1) * H + q->unit];
        snprintf(what, cap, "dL/dh_%d = %.4f", q->t, dh);
        return answer == sign_of(dh);
    }
    size_t wu = (size_t)q->unit * H + q->unit;
    double change = v.theta.W[wu] - w_before;
    snprintf(what, cap, "W changes by %.2e", change);
    return answer == sign_of(change);
}

/* One micro-step, begun as the n it stands for (message and pause cleared). */
static unsigned step_once(struct tui *t)
{
    tui_command_begin(t, &(struct command){.id = CMD_STEP, .count = 1});
    return cmd_step(t, 1);
}

unsigned quiz_answer(struct tui *t, int key)
{
    struct quiz *q = &t->teach->quiz;
    if (key == INPUT_KEY_ESCAPE) {
        /* Skipping takes the step unscored, so the next n asks a new question. */
        q->pending = QUIZ_NONE;
        unsigned flags = step_once(t);
        if (!t->msg.text[0])
            tui_say(t, false, "question skipped: stepped on, not scored (score %u/%u)", q->right,
                    q->asked);
        return flags | REACT_REFRESH;
    }
    int answer = q->pending == QUIZ_PREDICT ? vocab_index(t, key) : sign_key(key);
    if (q->pending == QUIZ_PREDICT ? answer < 0 : answer == 0) {
        tui_say(t, true, "%s (Escape skips)",
                q->pending == QUIZ_PREDICT ? "type a character of the text" : "type + or -");
        return REACT_REFRESH;
    }
    /* Copied now: an update overwrites the parameters in place. */
    struct rnn_view before = engine_view(t);
    double w_before = before.theta.W[(size_t)q->unit * before.shape.hidden + q->unit];
    unsigned flags = step_once(t);
    if (t->msg.text[0])
        return flags; /* the step raised an event: that message matters more */
    char what[64];
    bool right = judge(t, answer, w_before, what, sizeof what);
    q->right += right;
    q->asked++;
    q->pending = QUIZ_NONE;
    tui_say(t, !right, "%s: %s (score %u/%u)", right ? "RIGHT" : "WRONG", what, q->right, q->asked);
    return flags | REACT_REFRESH;
}

unsigned cmd_quiz(struct tui *t, uint64_t n)
{
    (void)n;
    struct quiz *q = &t->teach->quiz;
    q->on = !q->on;
    q->pending = QUIZ_NONE;
    if (q->on)
        tui_say(t, false, "quiz on: n asks first (score %u/%u; Q ends)", q->right, q->asked);
    else
        tui_say(t, false, "quiz off: score %u/%u", q->right, q->asked);
    return REACT_REFRESH;
}
