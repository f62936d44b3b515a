/* Gradient norm, element-wise clipping and the four optimisers, all on the
 * flat parameter block. */
#include <math.h>
#include <string.h>

#include "core.h"

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
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum = fma(g[i], g[i], sum);
    return sqrt(sum);
}

bool rnn_clip(const double *g, double *out, size_t n, double clip)
{
    bool changed = false;
    for (size_t i = 0; i < n; i++) {
        double v = g[i];
        if (clip > 0.0 && v > clip)
            v = clip, changed = true;
        else if (clip > 0.0 && v < -clip)
            v = -clip, changed = true;
        out[i] = v;
    }
    return changed;
}

void rnn_opt_reset(struct rnn_opt_state *st, size_t n)
{
    memset(st->s1, 0, n * sizeof(double));
    memset(st->s2, 0, n * sizeof(double));
    st->steps = 0;
    st->beta1_t = 1.0;
    st->beta2_t = 1.0;
}

void rnn_opt_apply(enum rnn_optimizer opt, double lr, struct rnn_opt_state *st, double *theta,
                   const double *g, size_t n)
{
    double *s1 = st->s1, *s2 = st->s2;
    st->steps++;
    switch (opt) {
    case RNN_OPT_SGD:
        for (size_t i = 0; i < n; i++)
            theta[i] -= lr * g[i];
        break;
    case RNN_OPT_MOMENTUM:
        for (size_t i = 0; i < n; i++) {
            s1[i] = RNN_MOMENTUM_MU * s1[i] - lr * g[i];
            theta[i] += s1[i];
        }
        break;
    case RNN_OPT_ADAGRAD:
        for (size_t i = 0; i < n; i++) {
            s1[i] += g[i] * g[i];
            theta[i] -= lr * g[i] / sqrt(s1[i] + RNN_ADAGRAD_EPS);
        }
        break;
    case RNN_OPT_ADAM: {
        st->beta1_t *= RNN_ADAM_BETA1;
        st->beta2_t *= RNN_ADAM_BETA2;
        double c1 = 1.0 - st->beta1_t, c2 = 1.0 - st->beta2_t;
        for (size_t i = 0; i < n; i++) {
            s1[i] = RNN_ADAM_BETA1 * s1[i] + (1.0 - RNN_ADAM_BETA1) * g[i];
            s2[i] = RNN_ADAM_BETA2 * s2[i] + (1.0 - RNN_ADAM_BETA2) * g[i] * g[i];
            theta[i] -= lr * (s1[i] / c1) / (sqrt(s2[i] / c2) + RNN_ADAM_EPS);
        }
        break;
    }
    case RNN_OPT_COUNT: break;
    }
}
