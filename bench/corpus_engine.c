/* Corpus-mode benchmark through the engine's public API: iterations per
 * second, nanoseconds per useful multiply-add, heap calls inside the training
 * loop and peak RSS, for one hidden size and sequence length (Adagrad, lr 0.1,
 * clip 5, default history budget, as `rnnstep --batch` runs it), timed in
 * process CPU time.
 * Usage: corpus_engine --text FILE --hidden H --seq T --iterations N [--only] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "alloc_count.h"
#include "rnnstep/engine.h"

struct corpus_opts {
    const char *text;
    int hidden, seq;
    unsigned long long iterations;
    int only; /* just train: for callgrind, which counts corpus_train_loop */
};

static int parse_opts(int argc, char **argv, struct corpus_opts *o)
{
    *o = (struct corpus_opts){NULL, 100, 25, 1000, 0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--only") == 0)
            o->only = 1;
        else if (!v)
            return -1;
        else if (strcmp(a, "--text") == 0)
            o->text = v, i++;
        else if (strcmp(a, "--hidden") == 0)
            o->hidden = atoi(v), i++;
        else if (strcmp(a, "--seq") == 0)
            o->seq = atoi(v), i++;
        else if (strcmp(a, "--iterations") == 0)
            o->iterations = strtoull(v, NULL, 10), i++;
        else
            return -1;
    }
    return o->text && o->hidden > 0 && o->seq > 0 && o->iterations > 0 ? 0 : -1;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = n > 0 ? malloc((size_t)n) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static struct rnn_engine *engine_open(const struct corpus_opts *o, struct rnn_text *text)
{
    size_t len;
    char *buf = read_file(o->text, &len);
    struct rnn_vocab vocab;
    struct rnn_text_error err;
    int ok = buf && rnn_vocab_from_utf8(buf, len, &vocab, &err) == RNN_TEXT_OK &&
             rnn_text_encode(buf, len, &vocab, text, &err) == RNN_TEXT_OK;
    free(buf);
    if (!ok)
        return NULL;
    struct rnn_config cfg = {
        .shape = {o->hidden, vocab.size},
        .seq_len = o->seq,
        .history_bytes = 0,
        .settings = {.lr = 0.1,
                     .optimizer = RNN_OPT_ADAGRAD,
                     .clip = 5.0,
                     .explode_factor = RNN_EXPLODE_FACTOR_DEFAULT},
    };
    double *theta = malloc(rnn_param_count(cfg.shape) * sizeof(double));
    if (!theta)
        return NULL;
    rnn_init_random(cfg.shape, 1, theta);
    struct rnn_engine *e = rnn_engine_create(&cfg, text, theta);
    free(theta);
    return e;
}

/* CPU time, not wall time: on a shared machine the process is often
 * descheduled, and the CPU it gets is what the figures should describe. */
static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Kept out of line so callgrind can count just this loop (--toggle-collect). */
__attribute__((noinline)) void corpus_train_loop(struct rnn_engine *e, unsigned long long n)
{
    for (unsigned long long i = 0; i < n; i++)
        rnn_engine_finish_iteration(e);
}

/* Multiply-adds one iteration needs: per timestep W h, V h, dV, V^T dy, dW
 * and W^T dr (the one-hot input is a column lookup, not a product). */
static double madds_per_iteration(int H, int K, int T)
{
    return (double)T * (3.0 * H * H + 4.0 * (double)K * H);
}

int main(int argc, char **argv)
{
    struct corpus_opts o;
    if (parse_opts(argc, argv, &o) != 0) {
        fprintf(stderr, "usage: corpus_engine --text FILE --hidden H --seq T --iterations N "
                        "[--only]\n");
        return 2;
    }
    struct rnn_text text;
    struct rnn_engine *e = engine_open(&o, &text);
    if (!e) {
        fprintf(stderr, "corpus_engine: cannot read %s or create the engine\n", o.text);
        return 2;
    }
    if (o.only) {
        corpus_train_loop(e, o.iterations);
    } else {
        struct rnn_view v;
        rnn_engine_view(e, &v);
        corpus_train_loop(e, o.iterations / 10 + 1); /* warm caches and page in history */
        alloc_count_start();
        double t0 = cpu_seconds();
        corpus_train_loop(e, o.iterations);
        double dt = cpu_seconds() - t0;
        unsigned long long heap = alloc_count_stop();
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        double rate = (double)o.iterations / dt;
        double madds = madds_per_iteration(o.hidden, v.shape.vocab, o.seq);
        printf("hidden %d seq %d vocab %d: %.1f it/s, %.3f ns per multiply-add, %.2f GFLOP/s, "
               "heap calls %llu, peak RSS %ld KiB, history %zu KiB\n",
               o.hidden, o.seq, v.shape.vocab, rate, 1e9 * dt / (madds * (double)o.iterations),
               2.0 * madds * rate * 1e-9, heap, ru.ru_maxrss, rnn_engine_history_bytes(e) >> 10);
    }
    rnn_engine_destroy(e);
    rnn_text_free(&text);
    return 0;
}
