/* Optimiser names, state and the update entry point; the element-wise work
 * (clipping, the four optimisers, norms) is the update kernel in optim_body.h. */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "core.h"
#include "kernels.h"

static const char *const opt_names[RNN_OPT_COUNT] = {"sgd", "momentum", "adagrad", "adam"};

const char *rnn_optimizer_name(enum rnn_optimizer opt)
{
    return (unsigned)opt < RNN_OPT_COUNT ? opt_names[opt] : "?";
}

int rnn_optimizer_parse(const char *name)
{
    for (int i = 0; i < RNN_OPT_COUNT; i++)
        if (strcmp(name, opt_names[i]) == 0)
            return i;
    return -1;
}

double rnn_l2_norm(const double *g, size_t n)
{
    double lanes[RNN_NORM_LANES] = {0};
    for (size_t i = 0; i < n; i++)
        lanes[i % RNN_NORM_LANES] = fma(g[i], g[i], lanes[i % RNN_NORM_LANES]);
    return sqrt(rnn_norm_lanes_total(lanes));
}

void rnn_opt_reset(struct rnn_opt_state *st, size_t n)
{
    memset(st->s1, 0, n * sizeof(double));
    memset(st->s2, 0, n * sizeof(double));
    st->steps = 0;
    st->beta1_t = 1.0;
    st->beta2_t = 1.0;
}

/* The arrays an optimiser does not use keep their contents (zeros after
 * rnn_opt_reset), so only those it wrote change places. */
static void swap_state(double **now, double **prev, bool used)
{
    if (!used)
        return;
    double *t = *now;
    *now = *prev;
    *prev = t;
}

void rnn_opt_undo(struct rnn_opt_state *st, enum rnn_optimizer opt)
{
    swap_state(&st->s1, &st->prev1, opt != RNN_OPT_SGD);
    swap_state(&st->s2, &st->prev2, opt == RNN_OPT_ADAM);
}

void rnn_opt_update(const struct rnn_kernels *k, const struct rnn_settings *s,
                    struct rnn_opt_state *st, const struct rnn_update_arrays *a,
                    struct rnn_update_norms *out)
{
    st->steps++;
    struct rnn_update_rule r = {.opt = s->optimizer,
                                .lr = s->lr,
                                .clip = s->clip,
                                .c1 = 1.0,
                                .c2 = 1.0,
                                .s1 = st->s1,
                                .s2 = st->s2,
                                .s1_next = st->prev1,
                                .s2_next = st->prev2};
    if (s->optimizer == RNN_OPT_ADAM) {
        st->beta1_t *= RNN_ADAM_BETA1;
        st->beta2_t *= RNN_ADAM_BETA2;
        r.c1 = 1.0 - st->beta1_t;
        r.c2 = 1.0 - st->beta2_t;
    }
    k->update(a, &r, out);
    swap_state(&st->s1, &st->prev1, s->optimizer != RNN_OPT_SGD);
    swap_state(&st->s2, &st->prev2, s->optimizer == RNN_OPT_ADAM);
}
