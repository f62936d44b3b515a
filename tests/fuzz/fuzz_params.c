/* libFuzzer target: the parameter-file parser on arbitrary bytes. A document
 * it accepts must describe a consistent, finite model and survive a save and
 * reload unchanged. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rnnstep/params_io.h"

static void check_accepted(const struct rnn_params *p)
{
    if (p->shape.hidden < 1 || p->shape.hidden > RNN_HIDDEN_MAX)
        abort();
    if (p->shape.vocab < 1 || p->shape.vocab != p->vocab.size)
        abort();
    size_t n = rnn_param_count(p->shape);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(p->theta[i]))
            abort();
}

/* Saving writes 17 significant digits: the reloaded numbers must be the same bits. */
static void check_round_trip(const struct rnn_params *p)
{
    static char path[64];
    if (!path[0]) /* tmpfs when there is one: the save's fsync would slow every run */
        snprintf(path, sizeof path, "%s/rnnstep-fuzz-params-%ld.json",
                 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", (long)getpid());
    char err[256];
    if (rnn_params_save(path, &p->vocab, p->shape, p->theta, err, sizeof err) != 0)
        abort();
    struct rnn_params q;
    int rc = rnn_params_load(path, &q, err, sizeof err);
    unlink(path);
    if (rc != 0 || q.shape.hidden != p->shape.hidden || q.vocab.size != p->vocab.size)
        abort();
    size_t n = rnn_param_count(p->shape);
    if (memcmp(q.theta, p->theta, n * sizeof(double)) != 0 ||
        memcmp(q.vocab.chars, p->vocab.chars, sizeof(uint32_t) * (size_t)p->vocab.size) != 0)
        abort();
    rnn_params_free(&q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rnn_params p;
    char err[256];
    if (rnn_params_parse((const char *)data, size, &p, err, sizeof err) != 0) {
        if (err[0] == '\0') /* a rejection always says why */
            abort();
        return 0;
    }
    check_accepted(&p);
    check_round_trip(&p);
    rnn_params_free(&p);
    return 0;
}
