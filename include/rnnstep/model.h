/* The model's parameters as one flat block of doubles, so that optimisers,
 * clipping, norms and history snapshots are single loops or memcpys.
 * Matrices are row-major in their logical shapes:
 *   U hidden x vocab, W hidden x hidden, b hidden, V vocab x hidden, c vocab. */
#ifndef RNNSTEP_MODEL_H
#define RNNSTEP_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define RNN_HIDDEN_MAX 1024

enum rnn_param_id { RNN_P_U, RNN_P_W, RNN_P_B, RNN_P_V, RNN_P_C, RNN_P_COUNT };

struct rnn_shape {
    int hidden;
    int vocab;
};

/* A view of one flat block (parameters, gradients or optimiser state). */
struct rnn_block {
    double *U, *W, *b, *V, *c;
};

/* The same, read-only: what the engine's view (struct rnn_view) hands out. */
struct rnn_const_block {
    const double *U, *W, *b, *V, *c;
};

/* Number of doubles in one flat block. */
size_t rnn_param_count(struct rnn_shape shape);

/* Rows and columns of parameter `id` (vectors are n x 1). */
void rnn_param_dims(struct rnn_shape shape, enum rnn_param_id id, int *rows, int *cols);

/* Offset of parameter `id` inside a flat block. */
size_t rnn_param_offset(struct rnn_shape shape, enum rnn_param_id id);

/* "U", "W", "b", "V" or "c". */
const char *rnn_param_name(enum rnn_param_id id);

struct rnn_block rnn_block_view(struct rnn_shape shape, double *base);
struct rnn_const_block rnn_const_block_view(struct rnn_shape shape, const double *base);

/* The worked example's initial parameters (text "hello", hidden 1). */
void rnn_init_hello(double *theta);

/* xoshiro256** seeded through splitmix64: the one deterministic random
 * generator of the engine (initial parameters, sampling), the same bits on
 * every machine. */
struct rnn_rng {
    uint64_t s[4];
};

void rnn_rng_seed(struct rnn_rng *r, uint64_t seed);
uint64_t rnn_rng_next(struct rnn_rng *r);
/* Uniform in [0, 1) with 53 random bits. */
double rnn_rng_uniform(struct rnn_rng *r);

/* Deterministic random initial parameters: U, W and V uniform in
 * [-1/sqrt(hidden), 1/sqrt(hidden)) from xoshiro256** seeded by splitmix64(seed),
 * drawn in the order U, W, V (row-major); b and c zero. Only integer
 * arithmetic, one multiplication by 2^-53 and one sqrt (correctly rounded),
 * so every machine gets the same bits. */
void rnn_init_random(struct rnn_shape shape, uint64_t seed, double *theta);

#endif
