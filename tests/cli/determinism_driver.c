/* For test_determinism.sh: trains two models through the engine's public API
 * and prints every epoch's loss and gradient norm and the final parameters
 * with %.17g, so builds with different compilers and flags can be compared. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rnnstep/engine.h"

static int train(const char *tag, const char *chars, int hidden,
                 const struct rnn_settings *settings, int epochs)
{
    struct rnn_vocab vocab;
    struct rnn_text text;
    struct rnn_text_error err;
    size_t len = strlen(chars);
    if (rnn_vocab_from_utf8(chars, len, &vocab, &err) != RNN_TEXT_OK ||
        rnn_text_encode(chars, len, &vocab, &text, &err) != RNN_TEXT_OK)
        return -1;
    struct rnn_config cfg = {
        .shape = {hidden, vocab.size}, .seq_len = (int)text.len - 1, .settings = *settings};
    size_t P = rnn_param_count(cfg.shape);
    double *theta = malloc(P * sizeof(double));
    if (hidden == 1 && strcmp(chars, "hello") == 0)
        rnn_init_hello(theta);
    else
        rnn_init_random(cfg.shape, 3, theta);
    struct rnn_engine *e = rnn_engine_create(&cfg, &text, theta);
    if (!e)
        return -1;
    for (int k = 0; k <= epochs; k++) {
        struct rnn_view v;
        rnn_engine_run_to_update(e);
        rnn_engine_view(e, &v);
        printf("%s epoch %d %.17g %.17g\n", tag, k, v.loss_sum, rnn_engine_gradient_norm(e));
        if (k < epochs)
            rnn_engine_step(e);
    }
    struct rnn_view v;
    rnn_engine_view(e, &v);
    for (size_t i = 0; i < P; i++)
        printf("%s theta %zu %.17g\n", tag, i, v.theta.U[i]);
    rnn_engine_destroy(e);
    rnn_text_free(&text);
    free(theta);
    return 0;
}

int main(void)
{
    /* The worked example, then a bigger model that takes the SIMD paths. */
    const struct rnn_settings sgd = {.lr = 0.1, .optimizer = RNN_OPT_SGD};
    const struct rnn_settings adam = {.lr = 0.01, .optimizer = RNN_OPT_ADAM, .clip = 0.5};
    if (train("example", "hello", 1, &sgd, 100) ||
        train("bigger", "h\xc3\xa9llo w\xc3\xb6rld, hello", 16, &adam, 100)) {
        fprintf(stderr, "determinism_driver: could not set up the engine\n");
        return 2;
    }
    return 0;
}
