/* --gradcheck under --truncate or --inject-bug, and --diagnostics. */
#include "lab_report.h"

#include <math.h>
#include <stdint.h>

#include "rnnstep/lab.h"

/* Corrupted: the verdict found entries of the parameter past its limit. */
static bool param_corrupted(const struct rnn_gradcheck_result *r, enum rnn_param_id id)
{
    return r->param[id].failed > 0;
}

/* One row per parameter: how far the whole parameter's gradient is off
 * (with the verdict's count of failed entries when r is given). */
static void print_comparison(struct rnn_shape shape, const double *a, const double *n,
                             const struct rnn_gradcheck_result *r)
{
    printf("%-6s %18s %10s%s\n", "param", "||a - n|| / ||n||", "cosine", r ? "  verdict" : "");
    for (int id = 0; id < RNN_P_COUNT; id++) {
        struct rnn_grad_compare c;
        rnn_grad_compare(shape, (enum rnn_param_id)id, a, n, &c);
        printf("%-6s %18.3e %10.6f", rnn_param_name((enum rnn_param_id)id), c.rel_error, c.cosine);
        if (r && param_corrupted(r, (enum rnn_param_id)id))
            printf("  corrupted (%zu of %zu entries)", r->param[id].failed, r->param[id].entries);
        else if (r)
            printf("  agrees");
        putchar('\n');
    }
}

static int report_bug(const struct session *s, const double *a, const double *n,
                      const struct rnn_gradcheck_result *r)
{
    const char *bug = rnn_bug_name(s->cfg.settings.bug);
    printf("\ninjected bug %s: BPTT with the bug against the full finite-difference gradient\n",
           bug);
    print_comparison(s->cfg.shape, a, n, r);
    printf("gradcheck %s with --inject-bug %s: corrupts", r->passed ? "passed" : "FAILED", bug);
    int count = 0;
    for (int id = 0; id < RNN_P_COUNT; id++)
        if (param_corrupted(r, (enum rnn_param_id)id))
            printf("%s %s", count++ ? "," : "", rnn_param_name((enum rnn_param_id)id));
    printf("%s\n", count ? "" : " nothing here");
    return r->passed ? 0 : 1;
}

static int report_truncation(const struct session *s, const double *a, const double *n)
{
    int K = s->cfg.settings.truncate;
    printf("\ntruncated BPTT, K = %d of T = %d: each L_t reaches back to h_{t-%d} at most, so\n"
           "the analytic gradient is of a truncated objective. Its bias against the full\n"
           "finite-difference gradient (V and c are exact; U, W and b lose the longer paths):\n",
           K, s->cfg.seq_len, K - 1);
    print_comparison(s->cfg.shape, a, n, NULL);
    printf("gradcheck reported the truncation bias (not a failure: --inject-bug makes one)\n");
    return 0;
}

int lab_gradcheck_report(const struct session *s, const double *a, const double *n,
                         const struct rnn_gradcheck_result *r)
{
    const struct rnn_settings *st = &s->cfg.settings;
    if (st->bug != RNN_BUG_NONE)
        return report_bug(s, a, n, r);
    if (st->truncate > 0 && st->truncate < s->cfg.seq_len)
        return report_truncation(s, a, n);
    return -1;
}

int lab_check_edits(const struct session *s, const struct options *o, char *err, size_t cap)
{
    for (int i = 0; i < o->n_edits; i++) {
        struct rnn_surgery op;
        char why[160];
        if (options_edit_surgery(s->cfg.shape, &o->edits[i], &op, why, sizeof why) != 0) {
            snprintf(err, cap, "--edit: %s", why);
            return -1;
        }
    }
    return 0;
}

static void print_per_param(FILE *fp, const char *label, char (*text)[RNN_DIAG_TEXT_CAP])
{
    fprintf(fp, "%-22s", label);
    for (int id = 0; id < RNN_P_COUNT; id++)
        fprintf(fp, "  %s %s", rnn_param_name((enum rnn_param_id)id), text[id]);
    fputc('\n', fp);
}

/* printf writes a nan with its sign bit as "-nan"; the figures above write "nan". */
static double plain_nan(double x)
{
    return isnan(x) ? fabs(x) : x;
}

/* What element-wise and norm clipping would make of the current gradient, at
 * the run's --clip and --clip-norm (1 for one that is off). */
static void print_clip_candidates(FILE *fp, const struct rnn_view *v)
{
    double clip = v->settings.clip > 0.0 ? v->settings.clip : 1.0;
    double bound = v->settings.clip_norm > 0.0 ? v->settings.clip_norm : 1.0;
    struct rnn_clip_compare c;
    rnn_clip_compare(v->grad.U, rnn_param_count(v->shape), clip, bound, &c);
    fprintf(fp, "%-22s  raw norm %.6g; element-wise at %g: norm %.6g, cosine %.6f (%zu entries)\n",
            "clipping candidates", plain_nan(c.raw_norm), clip, plain_nan(c.element_norm),
            plain_nan(c.element_cosine), c.element_clipped);
    fprintf(fp, "%-22s  by norm at %g: scale %.6g, norm %.6g, cosine %.6f\n", "", bound,
            plain_nan(c.norm_scale), plain_nan(c.norm_norm), plain_nan(c.norm_cosine));
}

void lab_print_diagnostics(FILE *fp, const struct session *s)
{
    struct rnn_view v;
    rnn_engine_view(s->engine, &v);
    struct rnn_diagnostics d;
    rnn_diagnostics_compute(s->engine, &v, &d);
    fprintf(fp, "diagnostics after %llu iterations\n", (unsigned long long)v.iteration);
    fprintf(fp, "%-22s  %.6g (T ln(vocab) = %d x ln %d = %.6g)\n", "initial loss", d.initial_loss,
            v.T, v.shape.vocab, d.uniform_loss);
    if (isnan(d.saturated))
        fprintf(fp, "%-22s  nan: h is not finite\n", "saturated units");
    else
        fprintf(fp, "%-22s  %.4f of %zu values |h| > %.2f\n", "saturated units", d.saturated,
                d.saturated_of, RNN_SATURATION);
    struct rnn_diagnostics_text text;
    rnn_diagnostics_write(&d, &text);
    print_per_param(fp, "update / parameter", text.update_ratio);
    print_per_param(fp, "gradient norm", text.grad_norm);
    print_clip_candidates(fp, &v);
}
