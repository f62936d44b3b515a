/* Corpus mode's window semantics (min-char-rnn): positions, resets, the
 * hidden state carried between windows, iterations per pass, and batch
 * --epochs N meaning N passes. Expected values are worked out by hand below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/session.h"
#include "batch/batch.h"
#include "rnnstep/engine.h"

#define HIDDEN 4

/* "abcdefghij": 10 characters, seq_len 3. Before an iteration p resets to 0
 * when it is the first or p + 3 + 1 >= 10: p = 0 (reset), 3 (carry, 3 + 4 =
 * 7 < 10), then 6 + 4 = 10 >= 10 resets again. So a pass is 2 iterations
 * ((10 - 2) / 3 = 2) and positions run 0, 3, 0, 3, ... */
static const char text_str[] = "abcdefghij";
static const size_t want_pos[] = {0, 3, 0, 3, 0, 3};
static const bool want_reset[] = {true, false, true, false, true, false};

struct corpus {
    struct rnn_vocab vocab;
    struct rnn_text text;
    struct rnn_engine *e;
};

static void corpus_open(struct corpus *c, int seq_len)
{
    struct rnn_text_error err;
    assert_int_equal(rnn_vocab_from_utf8(text_str, 10, &c->vocab, &err), RNN_TEXT_OK);
    assert_int_equal(rnn_text_encode(text_str, 10, &c->vocab, &c->text, &err), RNN_TEXT_OK);
    struct rnn_config cfg = {
        .shape = {HIDDEN, c->vocab.size},
        .seq_len = seq_len,
        .settings = {.lr = 0.1, .optimizer = RNN_OPT_ADAGRAD, .clip = 5.0},
    };
    double theta[HIDDEN * 10 * 2 + HIDDEN * HIDDEN + HIDDEN + 10];
    rnn_init_random(cfg.shape, 11, theta);
    c->e = rnn_engine_create(&cfg, &c->text, theta);
    assert_non_null(c->e);
}

static void corpus_close(struct corpus *c)
{
    rnn_engine_destroy(c->e);
    rnn_text_free(&c->text);
}

static void windows_follow_the_min_char_rnn_rule(void **state)
{
    (void)state;
    struct corpus c;
    corpus_open(&c, 3);
    assert_int_equal(rnn_engine_iterations_per_pass(c.e), 2);
    double carried[HIDDEN];
    for (size_t i = 0; i < sizeof want_pos / sizeof want_pos[0]; i++) {
        unsigned ev = rnn_engine_step(c.e); /* forward t = 1: the window has begun */
        struct rnn_view v;
        rnn_engine_view(c.e, &v);
        assert_int_equal(v.position, want_pos[i]);
        assert_int_equal(v.passes, i / 2 + 1);
        assert_int_equal(!!(ev & RNN_EV_PASS), want_reset[i]);
        assert_int_equal(v.inputs[0], (uint8_t)want_pos[i]); /* ids are a=0, b=1, ... */
        assert_int_equal(v.targets[2], (uint8_t)(want_pos[i] + 3));
        if (want_reset[i]) {
            for (int j = 0; j < HIDDEN; j++)
                assert_true(v.h[j] == 0.0);
        } else {
            assert_memory_equal(v.h, carried, sizeof carried);
        }
        rnn_engine_finish_iteration(c.e);
        rnn_engine_view(c.e, &v);
        assert_int_equal(v.iteration, i + 1);
        memcpy(carried, v.h + 3 * HIDDEN, sizeof carried); /* h_T of this window */
    }
    corpus_close(&c);
}

/* seq_len = len - 1 is whole-text mode: every iteration starts at 0 from h = 0. */
static void whole_text_window_always_resets(void **state)
{
    (void)state;
    struct corpus c;
    corpus_open(&c, 9);
    assert_int_equal(rnn_engine_iterations_per_pass(c.e), 1);
    for (int i = 0; i < 3; i++) {
        unsigned ev = rnn_engine_finish_iteration(c.e);
        struct rnn_view v;
        rnn_engine_view(c.e, &v);
        assert_true(ev & RNN_EV_PASS);
        assert_int_equal(v.position, 0);
        assert_int_equal(v.passes, i + 1);
    }
    corpus_close(&c);
}

/* Runs rnnstep's batch mode in-process and returns the number of data rows. */
static int batch_rows(char **argv, int argc)
{
    struct options o;
    char err[512];
    assert_int_equal(options_parse(argc, argv, &o, err, sizeof err), 0);
    struct session s;
    assert_int_equal(session_open(&s, &o, err, sizeof err), 0);
    char path[] = "/tmp/rnnstep-test-corpus-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    dup2(fd, STDOUT_FILENO);
    int rc = batch_run(&s, &o);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    session_close(&s);
    assert_int_equal(rc, 0);
    FILE *fp = fdopen(fd, "r");
    rewind(fp);
    char line[256];
    int rows = -1; /* the header */
    while (fgets(line, sizeof line, fp))
        rows++;
    fclose(fp);
    unlink(path);
    return rows;
}

static void batch_epochs_are_passes(void **state)
{
    (void)state;
    char *argv[] = {"rnnstep", "--batch",  "--text", (char *)text_str, "--seq-length",
                    "3",       "--epochs", "3",      "--format",       "csv"};
    assert_int_equal(batch_rows(argv, 10), 3 * 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(windows_follow_the_min_char_rnn_rule),
        cmocka_unit_test(whole_text_window_always_resets),
        cmocka_unit_test(batch_epochs_are_passes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
