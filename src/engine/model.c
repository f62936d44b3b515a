/* Parameter layout and initialisation. */
#include "rnnstep/model.h"

#include <math.h>

static const char *const param_names[RNN_P_COUNT] = {"U", "W", "b", "V", "c"};

void rnn_param_dims(struct rnn_shape s, enum rnn_param_id id, int *rows, int *cols)
{
    static const int dims[RNN_P_COUNT][2] = {{0, 1}, {0, 0}, {0, -1}, {1, 0}, {1, -1}};
    int sizes[2] = {s.hidden, s.vocab};
    *rows = sizes[dims[id][0]];
    *cols = dims[id][1] < 0 ? 1 : sizes[dims[id][1]];
}

size_t rnn_param_offset(struct rnn_shape s, enum rnn_param_id id)
{
    size_t off = 0;
    for (int p = 0; p < (int)id; p++) {
        int r, c;
        rnn_param_dims(s, (enum rnn_param_id)p, &r, &c);
        off += (size_t)r * (size_t)c;
    }
    return off;
}

size_t rnn_param_count(struct rnn_shape s)
{
    return rnn_param_offset(s, RNN_P_COUNT);
}

const char *rnn_param_name(enum rnn_param_id id)
{
    return param_names[id];
}

struct rnn_block rnn_block_view(struct rnn_shape s, double *base)
{
    struct rnn_block b = {
        .U = base + rnn_param_offset(s, RNN_P_U),
        .W = base + rnn_param_offset(s, RNN_P_W),
        .b = base + rnn_param_offset(s, RNN_P_B),
        .V = base + rnn_param_offset(s, RNN_P_V),
        .c = base + rnn_param_offset(s, RNN_P_C),
    };
    return b;
}

struct rnn_const_block rnn_const_block_view(struct rnn_shape s, const double *base)
{
    struct rnn_const_block b = {
        .U = base + rnn_param_offset(s, RNN_P_U),
        .W = base + rnn_param_offset(s, RNN_P_W),
        .b = base + rnn_param_offset(s, RNN_P_B),
        .V = base + rnn_param_offset(s, RNN_P_V),
        .c = base + rnn_param_offset(s, RNN_P_C),
    };
    return b;
}

void rnn_init_hello(double *theta)
{
    /* Section 4 of the worked example, in flat order U, W, b, V, c. */
    static const double hello[14] = {0.1442,  -0.2315, -0.6690, 1.1585, -0.5870, 0.0, -0.2246,
                                     -0.3053, 0.4905,  0.2768,  0.0,    0.0,     0.0, 0.0};
    for (int i = 0; i < 14; i++)
        theta[i] = hello[i];
}

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t rnn_rng_next(struct rnn_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

void rnn_rng_seed(struct rnn_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

double rnn_rng_uniform(struct rnn_rng *r)
{
    return (double)(rnn_rng_next(r) >> 11) * 0x1.0p-53;
}

static void fill_uniform(struct rnn_rng *rng, double *p, size_t n, double scale)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (2.0 * rnn_rng_uniform(rng) - 1.0) * scale;
}

void rnn_init_random(struct rnn_shape s, uint64_t seed, double *theta)
{
    struct rnn_rng rng;
    rnn_rng_seed(&rng, seed);
    double scale = 1.0 / sqrt((double)s.hidden);
    struct rnn_block b = rnn_block_view(s, theta);
    fill_uniform(&rng, b.U, (size_t)s.hidden * (size_t)s.vocab, scale);
    fill_uniform(&rng, b.W, (size_t)s.hidden * (size_t)s.hidden, scale);
    fill_uniform(&rng, b.V, (size_t)s.vocab * (size_t)s.hidden, scale);
    for (int i = 0; i < s.hidden; i++)
        b.b[i] = 0.0;
    for (int i = 0; i < s.vocab; i++)
        b.c[i] = 0.0;
}
