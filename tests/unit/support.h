/* Shared helpers for the engine's unit tests: building an engine over a
 * text, and comparing doubles with messages that name the quantity. */
#ifndef RNNSTEP_TEST_SUPPORT_H
#define RNNSTEP_TEST_SUPPORT_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rnnstep/engine.h"

/* What to train: hello = the worked example's parameters (hidden must be 1),
 * otherwise random ones from seed. seq_len 0 means the whole text. A zero
 * settings.lr means the worked example's settings (sgd, lr 0.1). */
struct support_spec {
    const char *text;
    int hidden;
    bool hello;
    uint64_t seed;
    int seq_len;
    size_t history_bytes;
    struct rnn_settings settings;
};

struct support_model {
    struct rnn_vocab vocab;
    struct rnn_text text;
    struct rnn_config cfg;
    double *theta0;
    struct rnn_engine *engine;
};

static inline void support_open(struct support_model *m, const struct support_spec *spec)
{
    struct rnn_text_error err;
    size_t len = strlen(spec->text);
    memset(m, 0, sizeof *m);
    assert_int_equal(rnn_vocab_from_utf8(spec->text, len, &m->vocab, &err), RNN_TEXT_OK);
    assert_int_equal(rnn_text_encode(spec->text, len, &m->vocab, &m->text, &err), RNN_TEXT_OK);
    m->cfg.shape = (struct rnn_shape){spec->hidden, m->vocab.size};
    m->cfg.seq_len = spec->seq_len ? spec->seq_len : (int)m->text.len - 1;
    m->cfg.history_bytes = spec->history_bytes;
    m->cfg.settings = spec->settings;
    if (m->cfg.settings.lr == 0.0)
        m->cfg.settings = (struct rnn_settings){.lr = 0.1, .optimizer = RNN_OPT_SGD};
    m->theta0 = malloc(rnn_param_count(m->cfg.shape) * sizeof(double));
    assert_non_null(m->theta0);
    if (spec->hello)
        rnn_init_hello(m->theta0);
    else
        rnn_init_random(m->cfg.shape, spec->seed, m->theta0);
    m->engine = rnn_engine_create(&m->cfg, &m->text, m->theta0);
    assert_non_null(m->engine);
}

static inline void support_open_hello(struct support_model *m)
{
    support_open(m, &(struct support_spec){.text = "hello", .hidden = 1, .hello = true});
}

static inline void support_close(struct support_model *m)
{
    rnn_engine_destroy(m->engine);
    rnn_text_free(&m->text);
    free(m->theta0);
    memset(m, 0, sizeof *m);
}

static inline struct rnn_view support_view(const struct support_model *m)
{
    struct rnn_view v;
    rnn_engine_view(m->engine, &v);
    return v;
}

/* Fails the test, naming the quantity, when |actual - expected| > tol. */
static inline void support_near(double actual, double expected, double tol, const char *fmt, ...)
{
    if (fabs(actual - expected) <= tol)
        return;
    char what[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    fail_msg("%s = %.17g, expected %.17g (tolerance %g)", what, actual, expected, tol);
}

/* The same with a tolerance relative to |expected|. */
static inline void support_near_rel(double actual, double expected, double rel, const char *what,
                                    size_t index)
{
    double tol = rel * fmax(fabs(expected), 1e-300);
    if (fabs(actual - expected) <= tol)
        return;
    fail_msg("%s[%zu] = %.17g, expected %.17g (relative tolerance %g)", what, index, actual,
             expected, rel);
}

#endif
