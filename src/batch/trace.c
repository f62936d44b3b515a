/* Trace records, written with printf: a trace can hold millions of records
 * and building a jansson tree for each would dominate the run time. */
#include "trace.h"

#include <math.h>

static void num(FILE *fp, double x)
{
    if (isfinite(x))
        fprintf(fp, "%.17g", x);
    else
        fputs("null", fp);
}

static void vec(FILE *fp, const char *name, const double *x, int n)
{
    fprintf(fp, ",\"%s\":[", name);
    for (int i = 0; i < n; i++) {
        if (i)
            fputc(',', fp);
        num(fp, x[i]);
    }
    fputc(']', fp);
}

static void mat(FILE *fp, const double *x, int rows, int cols)
{
    fputc('[', fp);
    for (int r = 0; r < rows; r++) {
        fputs(r ? ",[" : "[", fp);
        for (int c = 0; c < cols; c++) {
            if (c)
                fputc(',', fp);
            num(fp, x[(size_t)r * cols + c]);
        }
        fputc(']', fp);
    }
    fputc(']', fp);
}

/* An object {"U":[[..]],"W":..,"b":[..],"V":..,"c":[..]}. */
static void block(FILE *fp, const char *name, struct rnn_shape s, const struct rnn_const_block *b)
{
    const double *parts[RNN_P_COUNT] = {b->U, b->W, b->b, b->V, b->c};
    fprintf(fp, ",\"%s\":{", name);
    for (int id = 0; id < RNN_P_COUNT; id++) {
        int rows, cols;
        rnn_param_dims(s, (enum rnn_param_id)id, &rows, &cols);
        fprintf(fp, "%s\"%s\":", id ? "," : "", rnn_param_name((enum rnn_param_id)id));
        if (id == RNN_P_B || id == RNN_P_C) {
            fputc('[', fp);
            for (int i = 0; i < rows; i++) {
                if (i)
                    fputc(',', fp);
                num(fp, parts[id][i]);
            }
            fputc(']', fp);
        } else {
            mat(fp, parts[id], rows, cols);
        }
    }
    fputc('}', fp);
}

static void events(FILE *fp, unsigned ev)
{
    static const char *const names[] = {"clipped", "exploded", "nonfinite", "pass"};
    fputs(",\"events\":[", fp);
    int n = 0;
    for (int i = 0; i < 4; i++)
        if (ev & (1u << i))
            fprintf(fp, "%s\"%s\"", n++ ? "," : "", names[i]);
    fputc(']', fp);
}

/* The lab's settings, only when on, so a plain trace keeps its bytes. */
static void lab_settings(FILE *fp, const struct rnn_settings *s, double clip_scale)
{
    if (s->truncate > 0)
        fprintf(fp, ",\"truncate\":%d", s->truncate);
    if (s->bug != RNN_BUG_NONE)
        fprintf(fp, ",\"bug\":\"%s\"", rnn_bug_name(s->bug));
    if (s->clip_norm > 0.0) {
        fputs(",\"clip_norm\":", fp);
        num(fp, s->clip_norm);
        fputs(",\"clip_scale\":", fp);
        num(fp, clip_scale);
    }
}

void trace_write(FILE *fp, const struct session *s, unsigned ev)
{
    struct rnn_view v;
    rnn_engine_view(s->engine, &v);
    int H = v.shape.hidden, K = v.shape.vocab, t = v.last_t;
    uint64_t iteration = v.last_phase == RNN_PHASE_UPDATE ? v.iteration - 1 : v.iteration;
    fprintf(fp, "{\"tick\":%llu,\"iteration\":%llu,\"phase\":\"%s\",\"t\":%d,\"position\":%zu",
            (unsigned long long)v.tick, (unsigned long long)iteration, rnn_phase_name(v.last_phase),
            t, v.position);
    switch (v.last_phase) {
    case RNN_PHASE_FORWARD:
        fprintf(fp, ",\"input\":%d,\"target\":%d", v.inputs[t - 1], v.targets[t - 1]);
        vec(fp, "h_prev", v.h + (size_t)(t - 1) * H, H);
        vec(fp, "z", v.z + (size_t)(t - 1) * H, H);
        vec(fp, "h", v.h + (size_t)t * H, H);
        vec(fp, "o", v.o + (size_t)(t - 1) * K, K);
        vec(fp, "y", v.y + (size_t)(t - 1) * K, K);
        fprintf(fp, ",\"pred\":%d,\"loss\":", v.pred[t - 1]);
        num(fp, v.loss[t - 1]);
        break;
    case RNN_PHASE_BACKWARD:
        vec(fp, "dy", v.dy + (size_t)(t - 1) * K, K);
        vec(fp, "dh", v.dh + (size_t)(t - 1) * H, H);
        vec(fp, "dr", v.dr + (size_t)(t - 1) * H, H);
        vec(fp, "dh_next", v.dh_next, H);
        block(fp, "grad", v.shape, &v.grad);
        break;
    case RNN_PHASE_UPDATE:
        fprintf(fp, ",\"optimizer\":\"%s\",\"lr\":", rnn_optimizer_name(v.settings.optimizer));
        num(fp, v.settings.lr);
        fputs(",\"grad_norm\":", fp);
        num(fp, v.grad_norm);
        lab_settings(fp, &v.settings, v.clip_scale);
        block(fp, "before", v.shape, &v.before);
        block(fp, "applied", v.shape, &v.applied);
        block(fp, "after", v.shape, &v.theta);
        break;
    }
    fputs(",\"loss_sum\":", fp);
    num(fp, v.loss_sum);
    events(fp, ev);
    fputs("}\n", fp);
}

void trace_write_surgery(FILE *fp, const struct session *s, const struct rnn_surgery *op)
{
    struct rnn_view v;
    rnn_engine_view(s->engine, &v);
    char what[96];
    rnn_surgery_describe(v.shape, op, what, sizeof what);
    fprintf(fp, "{\"tick\":%llu,\"iteration\":%llu,\"phase\":\"surgery\",\"edit\":\"%s\"",
            (unsigned long long)v.tick, (unsigned long long)v.iteration, what);
    fprintf(fp, ",\"param\":\"%s\",\"kind\":\"%s\"", rnn_param_name(op->param),
            op->kind == RNN_SURGERY_SET ? "set" : "scale");
    if (op->kind == RNN_SURGERY_SET)
        fprintf(fp, ",\"index\":%zu", op->index);
    fputs(",\"value\":", fp);
    num(fp, op->value);
    block(fp, "after", v.shape, &v.theta);
    fputs("}\n", fp);
}
