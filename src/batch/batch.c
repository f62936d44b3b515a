/* Batch mode: trains through the engine's public calls and prints one row
 * per epoch (whole-text mode) or per iteration (corpus mode). */
#include "batch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/report.h"
#include "lab_report.h"
#include "rnnstep/analysis.h"
#include "rnnstep/atomic_file.h"
#include "trace.h"

struct batch {
    struct session *s;
    const struct options *o;
    FILE *out;
    struct rnn_atomic_file trace;
    bool tracing;
};

/* "nan", never printf's "-nan": the sign of a nan means nothing here. */
static const char *nonfinite_name(double x)
{
    return isnan(x) ? "nan" : x > 0 ? "inf" : "-inf";
}

static void print_number(FILE *fp, double x)
{
    if (isfinite(x))
        fprintf(fp, "%.17g", x);
    else
        fputs(nonfinite_name(x), fp);
}

static void print_table_number(FILE *fp, double x)
{
    if (isfinite(x))
        fprintf(fp, " %24.17g", x);
    else
        fprintf(fp, " %24s", nonfinite_name(x));
}

static void json_number(FILE *fp, double x)
{
    if (isfinite(x))
        fprintf(fp, "%.17g", x);
    else
        fputs("null", fp);
}

static const char *event_note(unsigned ev)
{
    if (ev & RNN_EV_NONFINITE)
        return "non-finite";
    if (ev & RNN_EV_EXPLODED)
        return ev & RNN_EV_CLIPPED ? "exploded, clipped" : "exploded";
    return ev & RNN_EV_CLIPPED ? "clipped" : "";
}

/* One output row: a key column (epoch or iteration), an optional position,
 * and values. Column names come from the caller so both modes share it. */
struct row {
    const char *key;
    uint64_t index;
    bool has_position;
    size_t position;
    double loss, second;
    const char *second_name;
    unsigned events;
    double clip_scale; /* --clip-norm's factor at this row's update (1: none) */
    bool edited;       /* an --edit was applied before this row's iteration */
};

/* The row's own values count too: the last row has no update after it. */
static unsigned row_events(const struct row *r)
{
    bool finite = isfinite(r->loss) && isfinite(r->second);
    return r->events | (finite ? 0u : (unsigned)RNN_EV_NONFINITE);
}

static void print_header(struct batch *b, const struct row *r)
{
    switch (b->o->format) {
    case FORMAT_CSV:
        fprintf(b->out, "%s,%sloss,%s\n", r->key, r->has_position ? "position," : "",
                r->second_name);
        break;
    case FORMAT_TABLE:
        fprintf(b->out, "%10s %s%24s %24s  %s\n", r->key, r->has_position ? "  position" : "",
                "loss", r->second_name, "note");
        break;
    case FORMAT_JSONL: break;
    }
}

static void print_row(struct batch *b, const struct row *r)
{
    FILE *fp = b->out;
    switch (b->o->format) {
    case FORMAT_CSV:
        fprintf(fp, "%llu,", (unsigned long long)r->index);
        if (r->has_position)
            fprintf(fp, "%zu,", r->position);
        print_number(fp, r->loss);
        fputc(',', fp);
        print_number(fp, r->second);
        fputc('\n', fp);
        break;
    case FORMAT_TABLE:
        fprintf(fp, "%10llu", (unsigned long long)r->index);
        if (r->has_position)
            fprintf(fp, " %10zu", r->position);
        print_table_number(fp, r->loss);
        print_table_number(fp, r->second);
        const char *note = event_note(row_events(r));
        fprintf(fp, "  %s%s%s", note, *note && r->edited ? ", " : "", r->edited ? "edited" : "");
        if (r->clip_scale != 1.0)
            fprintf(fp, " (norm x %.6g)", r->clip_scale);
        fputc('\n', fp);
        break;
    case FORMAT_JSONL:
        fprintf(fp, "{\"%s\":%llu,", r->key, (unsigned long long)r->index);
        if (r->has_position)
            fprintf(fp, "\"position\":%zu,", r->position);
        fputs("\"loss\":", fp);
        json_number(fp, r->loss);
        fprintf(fp, ",\"%s\":", r->second_name);
        json_number(fp, r->second);
        if (b->s->cfg.settings.clip_norm > 0.0) {
            fputs(",\"clip_scale\":", fp);
            json_number(fp, r->clip_scale);
        }
        fputs("}\n", fp);
        break;
    }
}

/* A full disk or a file size limit: stop training, the caller reports it. */
static bool output_failed(const struct batch *b)
{
    return ferror(b->out) || (b->tracing && ferror(b->trace.fp));
}

/* A failed trace write is noticed after the record that failed, not after the
 * row: at hidden 512 a row is thousands of records of megabytes each. */
static unsigned step(struct batch *b)
{
    unsigned ev = rnn_engine_step(b->s->engine);
    if (b->tracing && !ferror(b->trace.fp))
        trace_write(b->trace.fp, b->s, ev);
    return ev;
}

static void run_to_update(struct batch *b)
{
    struct rnn_view v;
    rnn_engine_view(b->s->engine, &v);
    if (!b->tracing) {
        rnn_engine_run_to_update(b->s->engine);
        return;
    }
    for (int left = 2 * v.T - v.pos; left > 0 && !output_failed(b); left--)
        step(b);
}

static unsigned finish_iteration(struct batch *b)
{
    if (!b->tracing)
        return rnn_engine_finish_iteration(b->s->engine);
    run_to_update(b);
    return step(b);
}

/* Applies the --edit surgeries due before iteration k; true when any was. */
static bool apply_edits(struct batch *b, uint64_t k)
{
    bool any = false;
    for (int i = 0; i < b->o->n_edits; i++) {
        const struct option_edit *ed = &b->o->edits[i];
        if (ed->at != k)
            continue;
        struct rnn_surgery op;
        char err[160]; /* lab_check_edits has checked every edit before the run */
        options_edit_surgery(b->s->cfg.shape, ed, &op, err, sizeof err);
        rnn_engine_surgery(b->s->engine, &op);
        if (b->tracing)
            trace_write_surgery(b->trace.fp, b->s, &op);
        any = true;
    }
    return any;
}

/* Row k: the loss and gradient norm with the parameters after k epochs. */
static void run_whole_text(struct batch *b)
{
    struct rnn_engine *e = b->s->engine;
    struct row r = {.key = "epoch", .second_name = "grad_norm", .clip_scale = 1.0};
    print_header(b, &r);
    for (uint64_t k = 0; k <= b->o->epochs && !output_failed(b); k++) {
        r.edited = apply_edits(b, k);
        run_to_update(b);
        struct rnn_view v;
        rnn_engine_view(e, &v);
        r.index = k;
        r.loss = v.loss_sum;
        r.second = rnn_engine_gradient_norm(e);
        r.events = k < b->o->epochs ? step(b) : 0;
        rnn_engine_view(e, &v);
        r.clip_scale = k < b->o->epochs ? v.clip_scale : 1.0;
        print_row(b, &r);
    }
}

/* Row i: iteration i's window loss before its update, and the smoothed loss
 * of the minimal NumPy char-RNN (starting at -ln(1/vocab) * seq_length). */
static void run_corpus(struct batch *b, uint64_t total)
{
    struct rnn_engine *e = b->s->engine;
    const struct options *o = b->o;
    double smooth = -log(1.0 / b->s->cfg.shape.vocab) * b->s->cfg.seq_len;
    struct row r = {.key = "iteration", .has_position = true, .second_name = "smooth_loss"};
    print_header(b, &r);
    for (uint64_t i = 0; i < total && !output_failed(b); i++) {
        r.edited = apply_edits(b, i);
        unsigned ev = finish_iteration(b);
        struct rnn_view v;
        rnn_engine_view(e, &v);
        smooth = 0.999 * smooth + 0.001 * v.loss_sum;
        if (i % o->every != 0)
            continue;
        r.index = i;
        r.position = v.position;
        r.loss = v.loss_sum;
        r.second = smooth;
        r.events = ev;
        r.clip_scale = v.clip_scale;
        print_row(b, &r);
    }
}

/* Fails before training, not after it, when --save cannot be written. */
static int probe_save_path(const char *path, char *err, size_t cap)
{
    struct rnn_atomic_file probe;
    int rc = rnn_atomic_open(&probe, path, err, cap);
    if (rc == 0)
        rnn_atomic_abort(&probe);
    return rc;
}

/* Commits the trace, or discards it when standard output failed: a run cut
 * short leaves no files behind. Returns the exit status so far. */
static int finish_trace(struct batch *b)
{
    char err[512];
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (b->tracing)
            rnn_atomic_abort(&b->trace);
        report_error("error writing standard output");
        return 2;
    }
    if (b->tracing && rnn_atomic_commit(&b->trace, err, sizeof err) != 0) {
        report_error("%s: %s", b->o->trace, err);
        return 2;
    }
    return 0;
}

#define ITERATIONS_MAX (UINT64_C(1) << 53) /* as --iterations allows */

/* Corpus mode's iteration count: --iterations, or --epochs passes over the
 * text, refused when that many passes would overflow the count. */
static int corpus_iterations(const struct session *s, const struct options *o, uint64_t *total)
{
    *total = o->iterations;
    if (o->iterations_set || !o->epochs_set)
        return 0;
    uint64_t per_pass = rnn_engine_iterations_per_pass(s->engine);
    if (o->epochs > ITERATIONS_MAX / per_pass) {
        report_error("--epochs %llu: passes of %llu iterations each make more than 2^53 iterations",
                     (unsigned long long)o->epochs, (unsigned long long)per_pass);
        return -1;
    }
    *total = o->epochs * per_pass;
    return 0;
}

int batch_run(struct session *s, const struct options *o)
{
    /* A trace or parameters on standard output push the table to standard error. */
    bool data_on_stdout =
        (o->trace && rnn_output_is_stdout(o->trace)) || (o->save && rnn_output_is_stdout(o->save));
    struct batch b = {.s = s, .o = o, .out = data_on_stdout ? stderr : stdout};
    char err[512];
    uint64_t iterations = 0;
    if (s->corpus && corpus_iterations(s, o, &iterations) != 0)
        return 2;
    if (lab_check_edits(s, o, err, sizeof err) != 0) {
        report_error("%s", err);
        return 2;
    }
    if (o->save && probe_save_path(o->save, err, sizeof err) != 0) {
        report_error("%s: %s", o->save, err);
        return 2;
    }
    if (o->trace) {
        if (rnn_atomic_open(&b.trace, o->trace, err, sizeof err) != 0) {
            report_error("%s: %s", o->trace, err);
            return 2;
        }
        b.tracing = true;
    }
    if (s->corpus)
        run_corpus(&b, iterations);
    else
        run_whole_text(&b);
    if (o->diagnostics)
        lab_print_diagnostics(b.out, s);
    int rc = finish_trace(&b);
    if (rc)
        return rc;
    if (o->save && session_save(s, o->save, err, sizeof err) != 0) {
        report_error("%s", err);
        return 2;
    }
    return 0;
}

/* About ten seconds of one core: a check beyond it would print nothing for minutes. */
#define GRADCHECK_WORK_MAX 1e10

/* One row per parameter: the entry nearest its limit (see rnn_gradcheck_judge). */
static void print_gradcheck_param(struct rnn_shape shape, enum rnn_param_id id,
                                  const struct rnn_gradcheck_param *p)
{
    int rows, cols;
    rnn_param_dims(shape, id, &rows, &cols);
    const char *name = rnn_param_name(id);
    printf("%-6s %8zu %7zu %16.3e %10.3e  %s[%zu][%zu]\n", name, p->entries, p->failed,
           p->rel_error, p->abs_error, name, p->at / (size_t)cols, p->at % (size_t)cols);
}

static void print_gradcheck_verdict(const struct rnn_gradcheck_result *r)
{
    printf("noise floor %.3e = %g x DBL_EPSILON x loss magnitude %.6g / eps %g\n", r->noise,
           RNN_GRADCHECK_NOISE_ULPS, r->magnitude, r->eps);
    if (!isfinite(r->noise))
        printf("gradcheck FAILED: the loss is not finite at these parameters\n");
    else if (r->nonfinite)
        printf("gradcheck FAILED: %zu entries are nan or inf\n", r->nonfinite);
    else if (!r->resolved)
        printf("gradcheck FAILED: the noise floor is not below the largest gradient entry "
               "%.3e, so finite differences cannot check it\n",
               r->largest);
    else if (r->failed)
        printf("gradcheck FAILED: %zu entries outside |a - n| <= %.0e (|a| + |n|) + noise floor\n",
               r->failed, r->tolerance);
    else
        printf("gradcheck passed: every entry within |a - n| <= %.0e (|a| + |n|) + noise floor "
               "(%zu of them needed the floor)\n",
               r->tolerance, r->in_noise);
}

int batch_gradcheck(struct session *s)
{
    struct rnn_shape shape = s->cfg.shape;
    double work = rnn_gradcheck_work(shape, s->cfg.seq_len);
    if (work > GRADCHECK_WORK_MAX) {
        report_error("--gradcheck: hidden %d over %d steps is about %.1e multiply-adds, over the "
                     "limit of %.0e (minutes of work); use a smaller --hidden or --seq-length",
                     shape.hidden, s->cfg.seq_len, work, GRADCHECK_WORK_MAX);
        return 2;
    }
    size_t n = rnn_param_count(shape);
    double *a = malloc(n * sizeof(double)), *num = malloc(n * sizeof(double));
    if (!a || !num) {
        free(a);
        free(num);
        report_error("out of memory");
        return 2;
    }
    struct rnn_gradcheck_result r;
    rnn_gradcheck_run(s->engine, a, num, &r);
    printf("%-6s %8s %7s %16s %10s  %s\n", "param", "entries", "failed", "rel_error", "abs_error",
           "at");
    for (int id = 0; id < RNN_P_COUNT; id++)
        print_gradcheck_param(shape, (enum rnn_param_id)id, &r.param[id]);
    int lab = lab_gradcheck_report(s, a, num, &r);
    free(a);
    free(num);
    if (lab >= 0)
        return lab;
    print_gradcheck_verdict(&r);
    return r.passed ? 0 : 1;
}
