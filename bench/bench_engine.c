/* Default-example benchmark: epochs per second through the engine's public
 * epoch call (history on, default budget) beside a hand-written fused loop of
 * the same example with glibc's tanh, exp and log, plus heap calls per step.
 * Usage: bench_engine [--epochs N] [--repeat R] [--only engine|fused] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc_count.h"
#include "rnnstep/engine.h"

#define HELLO_T 4
#define HELLO_K 4
#define HELLO_LR 0.1
#define CHECK_EPOCHS 100

struct bench_opts {
    unsigned long long epochs;
    int repeat;
    const char *only;
};

/* The worked example's parameters for hidden size 1, as plain scalars. */
struct fused_params {
    double U[HELLO_K], W, b, V[HELLO_K], c[HELLO_K];
};

static const int hello_ids[HELLO_T + 1] = {0, 1, 2, 2, 3}; /* h e l l o */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int parse_opts(int argc, char **argv, struct bench_opts *o)
{
    *o = (struct bench_opts){.epochs = 3000000, .repeat = 3, .only = NULL};
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--epochs") == 0)
            o->epochs = strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--repeat") == 0)
            o->repeat = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--only") == 0)
            o->only = argv[i + 1];
        else
            return -1;
    }
    return (argc % 2 == 1 && o->epochs > 0 && o->repeat > 0) ? 0 : -1;
}

/* One epoch of the example in the most direct form: forward, BPTT, SGD.
 * Returns the epoch's loss before the update. */
static double fused_epoch(struct fused_params *p)
{
    double h[HELLO_T + 1] = {0.0}, y[HELLO_T][HELLO_K], loss = 0.0;
    for (int t = 1; t <= HELLO_T; t++) {
        h[t] = tanh(p->U[hello_ids[t - 1]] + p->W * h[t - 1] + p->b);
        double o[HELLO_K], mx = -INFINITY, sum = 0.0;
        for (int k = 0; k < HELLO_K; k++) {
            o[k] = p->V[k] * h[t] + p->c[k];
            mx = o[k] > mx ? o[k] : mx;
        }
        for (int k = 0; k < HELLO_K; k++)
            sum += y[t - 1][k] = exp(o[k] - mx);
        for (int k = 0; k < HELLO_K; k++)
            y[t - 1][k] /= sum;
        loss += log(sum) - (o[hello_ids[t]] - mx);
    }
    struct fused_params g = {{0.0}, 0.0, 0.0, {0.0}, {0.0}};
    double dh_next = 0.0;
    for (int t = HELLO_T; t >= 1; t--) {
        double dh = dh_next;
        for (int k = 0; k < HELLO_K; k++) {
            double dy = y[t - 1][k] - (k == hello_ids[t]);
            g.c[k] += dy;
            g.V[k] += dy * h[t];
            dh += p->V[k] * dy;
        }
        double dr = (1.0 - h[t] * h[t]) * dh;
        g.b += dr;
        g.U[hello_ids[t - 1]] += dr;
        g.W += dr * h[t - 1];
        dh_next = p->W * dr;
    }
    double *pp = (double *)p, *gg = (double *)&g;
    for (size_t i = 0; i < sizeof g / sizeof(double); i++)
        pp[i] -= HELLO_LR * gg[i];
    return loss;
}

static void fused_init(struct fused_params *p)
{
    double theta[3 * HELLO_K + HELLO_K + 2];
    rnn_init_hello(theta);
    struct rnn_block b = rnn_block_view((struct rnn_shape){1, HELLO_K}, theta);
    memcpy(p->U, b.U, sizeof p->U);
    p->W = b.W[0];
    p->b = b.b[0];
    memcpy(p->V, b.V, sizeof p->V);
    memcpy(p->c, b.c, sizeof p->c);
}

static struct rnn_engine *engine_open(struct rnn_text *text)
{
    static const char hello[] = "hello";
    struct rnn_vocab vocab;
    struct rnn_text_error err;
    if (rnn_vocab_from_utf8(hello, 5, &vocab, &err) != RNN_TEXT_OK ||
        rnn_text_encode(hello, 5, &vocab, text, &err) != RNN_TEXT_OK)
        return NULL;
    struct rnn_config cfg = {
        .shape = {1, HELLO_K},
        .seq_len = HELLO_T,
        .history_bytes = 0, /* the default budget, as the visualiser uses it */
        .settings = {.lr = HELLO_LR,
                     .optimizer = RNN_OPT_SGD,
                     .clip = 0.0,
                     .explode_factor = RNN_EXPLODE_FACTOR_DEFAULT},
    };
    double theta[3 * HELLO_K + HELLO_K + 2];
    rnn_init_hello(theta);
    return rnn_engine_create(&cfg, text, theta);
}

/* Kept out of line so callgrind can count just this loop (--toggle-collect). */
__attribute__((noinline)) void bench_engine_loop(struct rnn_engine *e, unsigned long long n)
{
    for (unsigned long long i = 0; i < n; i++)
        rnn_engine_finish_iteration(e);
}

__attribute__((noinline)) double bench_fused_loop(struct fused_params *p, unsigned long long n)
{
    double loss = 0.0;
    for (unsigned long long i = 0; i < n; i++)
        loss = fused_epoch(p);
    return loss;
}

/* Both sides must compute the same example: compare the loss of epoch 100. */
static int check_agreement(struct rnn_engine *e)
{
    struct fused_params p;
    fused_init(&p);
    rnn_engine_reset(e);
    bench_engine_loop(e, CHECK_EPOCHS);
    bench_fused_loop(&p, CHECK_EPOCHS);
    struct rnn_view v;
    rnn_engine_finish_iteration(e);
    rnn_engine_view(e, &v);
    double fused = fused_epoch(&p);
    double rel = fabs(v.loss_sum - fused) / fabs(fused);
    printf("check: epoch-%d loss engine %.17g, fused %.17g, relative difference %.1e %s\n",
           CHECK_EPOCHS, v.loss_sum, fused, rel, rel <= 1e-9 ? "(ok)" : "(MISMATCH)");
    return rel <= 1e-9 ? 0 : -1;
}

static double best_engine_rate(struct rnn_engine *e, const struct bench_opts *o,
                               unsigned long long *heap_calls)
{
    double best = 0.0;
    *heap_calls = 0;
    for (int r = 0; r < o->repeat; r++) {
        rnn_engine_reset(e);
        alloc_count_start();
        double t0 = now_seconds();
        bench_engine_loop(e, o->epochs);
        double dt = now_seconds() - t0;
        *heap_calls += alloc_count_stop();
        if (o->epochs / dt > best)
            best = (double)o->epochs / dt;
    }
    return best;
}

static double best_fused_rate(const struct bench_opts *o)
{
    double best = 0.0;
    for (int r = 0; r < o->repeat; r++) {
        struct fused_params p;
        fused_init(&p);
        double t0 = now_seconds();
        volatile double sink = bench_fused_loop(&p, o->epochs);
        (void)sink;
        double dt = now_seconds() - t0;
        if (o->epochs / dt > best)
            best = (double)o->epochs / dt;
    }
    return best;
}

int main(int argc, char **argv)
{
    struct bench_opts o;
    if (parse_opts(argc, argv, &o) != 0) {
        fprintf(stderr, "usage: bench_engine [--epochs N] [--repeat R] [--only engine|fused]\n");
        return 2;
    }
    struct rnn_text text;
    struct rnn_engine *e = engine_open(&text);
    if (!e) {
        fprintf(stderr, "bench_engine: cannot create the engine\n");
        return 2;
    }
    int rc = 0;
    if (o.only && strcmp(o.only, "engine") == 0) {
        bench_engine_loop(e, o.epochs);
    } else if (o.only) {
        struct fused_params p;
        fused_init(&p);
        bench_fused_loop(&p, o.epochs);
    } else {
        rc = check_agreement(e);
        unsigned long long heap;
        double engine = best_engine_rate(e, &o, &heap), fused = best_fused_rate(&o);
        double steps = (double)o.epochs * o.repeat * (2 * HELLO_T + 1);
        printf("default example (\"hello\", hidden 1, sgd, history on, default budget %zu MiB)\n",
               (size_t)(RNN_HISTORY_DEFAULT_BYTES >> 20));
        printf("engine (rnn_engine_finish_iteration): %12.0f epochs/s (best of %d x %llu)\n",
               engine, o.repeat, o.epochs);
        printf("fused loop (glibc tanh/exp/log):      %12.0f epochs/s\n", fused);
        printf("engine / fused:                       %12.2f\n", engine / fused);
        printf("heap calls in the timed loops:        %12llu (%.3g per micro-step)\n", heap,
               (double)heap / steps);
    }
    rnn_engine_destroy(e);
    rnn_text_free(&text);
    return rc;
}
