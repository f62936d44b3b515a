/* Shared by the analysis tests: a session built from command-line words the
 * way the program builds it, and the view of its engine. */
#ifndef TEST_ANALYSIS_FIXTURE_H
#define TEST_ANALYSIS_FIXTURE_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
/* cmocka needs the headers above */
#include <cmocka.h>

#include "app/options.h"
#include "app/session.h"
#include "rnnstep/engine.h"

#define FIXTURE_MAX_WORDS 16

/* |a - b| <= tol for doubles (this cmocka's float assertion is single precision). */
#define assert_near(a, b, tol) fixture_assert_near((a), (b), (tol), __FILE__, __LINE__)

static inline void fixture_assert_near(double a, double b, double tol, const char *file, int line)
{
    if (!(fabs(a - b) <= tol)) {
        print_error("%.17g is not within %g of %.17g\n", a, tol, b);
        _fail(file, line);
    }
}

/* Opens a session from NULL-terminated option words ("--text", "hello", ...). */
static inline struct session *fixture_open(const char *word, ...)
{
    char *argv[FIXTURE_MAX_WORDS + 1] = {"rnnstep", "--batch"};
    int argc = 2;
    va_list ap;
    va_start(ap, word);
    for (const char *w = word; w && argc < FIXTURE_MAX_WORDS; w = va_arg(ap, const char *))
        argv[argc++] = (char *)w;
    va_end(ap);
    struct options o;
    char err[512];
    struct session *s = calloc(1, sizeof *s);
    if (!s || options_parse(argc, argv, &o, err, sizeof err) != 0 ||
        session_open(s, &o, err, sizeof err) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

static inline void fixture_close(struct session *s)
{
    session_close(s);
    free(s);
}

static inline struct rnn_view fixture_view(const struct session *s)
{
    struct rnn_view v;
    rnn_engine_view(s->engine, &v);
    return v;
}

/* Micro-steps until `pos` micro-steps of the current iteration are done
 * (pos = t: forward step t just done; pos = 2T: ready for the update). */
static inline void fixture_step_to(struct session *s, int pos)
{
    while (fixture_view(s).pos != pos)
        rnn_engine_step(s->engine);
}

/* Steps to the end of the current (or next) forward pass; returns that view. */
static inline struct rnn_view fixture_after_forward(struct session *s)
{
    fixture_step_to(s, fixture_view(s).T);
    return fixture_view(s);
}

#endif
