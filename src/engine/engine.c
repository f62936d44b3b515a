/* The stepping state machine: micro-steps, updates, rewind and reset.
 * Micro-step `pos` of an iteration with window length T is forward t = pos + 1
 * for pos < T, backward t = 2T - pos for T <= pos < 2T, and the update at 2T. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "core.h"
#include "history.h"
#include "lab.h"

#define LOSS_LOG_ENTRIES 65536
#define SETTINGS_LOG_ENTRIES 4096
/* Checkpoints larger than this are taken every few iterations instead of
 * every one, so copying them stays a small fraction of the training work. */
#define CKPT_CHEAP_BYTES ((size_t)256 << 10)
#define CKPT_MAX_STRIDE 64

void (*rnn_gradcheck_bug_hook)(struct rnn_shape shape, double *analytic);

/* Where the step machine is in the current iteration and what its last
 * micro-step left, as plain values: a clone copies them in one assignment. */
struct engine_step {
    size_t position; /* text index of the window's first input */
    int pos;         /* micro-steps done in this iteration */
    bool has_last;
    enum rnn_phase last_phase;
    int last_t;
    unsigned last_events;
    int forward_done, backward_low;
    double loss_sum, grad_norm;
    double clip_scale; /* at an update: the factor --clip-norm applied */
    /* Forward steps 1..fwd_known of this window are in the workspace at the
     * current parameters (>= forward_done: rnn_engine_window_loss may have
     * computed ahead, which the view does not show); the steps reuse them. */
    int fwd_known;
    unsigned begin_events; /* what the current iteration's first micro-step raised */
};

/* What the last update changed beyond the arrays it exchanged, so that a
 * rewind right after it can put them back instead of replaying (valid while
 * nothing else has happened since). The carried hidden state it set is read
 * only by the next iteration, so it need not go back. */
struct update_undo {
    bool valid;
    struct rnn_scalars sc;
    uint64_t opt_steps;
    double beta1_t, beta2_t;
};

struct rnn_engine {
    const struct rnn_text *text;
    int T;
    size_t P;
    struct rnn_model m;
    struct rnn_ws w;
    struct rnn_opt_state opt;
    double *theta0, *hcarry, *applied;
    double *scaled; /* the gradient as --clip-norm rescaled it */
    struct rnn_lab_ws lab;
    struct rnn_scalars sc;
    struct engine_step st;
    uint64_t version; /* counts the changes of the parameters */
    /* A forward pass rnn_engine_window_loss did on check_w between two
     * iterations: the next iteration takes it over when it starts at that
     * tick with the same parameters. */
    bool ahead;
    uint64_t ahead_tick, ahead_version;
    struct update_undo undo;
    /* The state before the current iteration began, kept when it took over
     * the pass done ahead: the last iteration's workspace is then check_w,
     * intact, and a rewind to this iteration's start puts it all back
     * instead of replaying (valid while check_w and the state before are). */
    struct {
        bool valid;
        struct rnn_scalars sc;
        struct engine_step st;
        struct update_undo undo;
    } restart;

    struct rnn_ckpt_ring ring;
    uint64_t ckpt_stride;
    struct rnn_settings_log slog;
    struct rnn_loss_log llog;
    bool replaying;

    struct rnn_model check_m; /* scratch for gradcheck, allocated on first use */
    struct rnn_ws check_w;
    struct rnn_lab_ws check_lab;
};

static size_t ckpt_width(const struct rnn_engine *e)
{
    return 3 * e->P + (size_t)e->m.s.hidden;
}

static void choose_history(struct rnn_engine *e, size_t budget, size_t *cap)
{
    size_t bytes = ckpt_width(e) * sizeof(double) + sizeof(struct rnn_scalars);
    if (budget == 0)
        budget = RNN_HISTORY_DEFAULT_BYTES;
    e->ckpt_stride = 1;
    if (bytes > CKPT_CHEAP_BYTES) {
        e->ckpt_stride = bytes / CKPT_CHEAP_BYTES;
        if (e->ckpt_stride > CKPT_MAX_STRIDE)
            e->ckpt_stride = CKPT_MAX_STRIDE;
    }
    *cap = budget / bytes;
    if (*cap < 2)
        *cap = 2;
}

static bool config_ok(const struct rnn_config *cfg, const struct rnn_text *text)
{
    const struct rnn_shape s = cfg->shape;
    return s.hidden >= 1 && s.hidden <= RNN_HIDDEN_MAX && s.vocab >= 1 &&
           s.vocab <= RNN_VOCAB_MAX && cfg->seq_len >= 1 && cfg->seq_len <= RNN_SEQ_MAX &&
           text->len >= 2 && (size_t)cfg->seq_len <= text->len - 1;
}

/* Blocks the per-engine block holds: theta0, applied, the optimiser's s1, s2
 * and their states before the last update, and scaled (--clip-norm's gradient). */
#define ENGINE_BLOCK_ARRAYS 7

/* The per-engine block's size, from its first array to the end of the last. */
static size_t block_bytes(const struct rnn_engine *e)
{
    return ((size_t)(e->hcarry - e->theta0) + (size_t)e->m.s.hidden) * sizeof(double);
}

/* All memory of an engine, zeroed, with empty history. */
static struct rnn_engine *engine_alloc(struct rnn_shape shape, int T, size_t history_bytes,
                                       const struct rnn_text *text)
{
    struct rnn_engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->text = text;
    e->T = T;
    e->P = rnn_param_count(shape);
    size_t ring_cap;
    choose_history(e, history_bytes, &ring_cap);
    int ok = rnn_model_init(&e->m, shape) == 0 && rnn_ws_init(&e->w, shape, e->T) == 0;
    size_t stride = rnn_line_round(e->P); /* each array on a cache-line boundary */
    double *blk =
        ok ? rnn_big_calloc(ENGINE_BLOCK_ARRAYS * stride + (size_t)shape.hidden, sizeof(double))
           : NULL;
    ok = blk && rnn_ckpt_init(&e->ring, ring_cap, ckpt_width(e)) == 0 &&
         rnn_slog_init(&e->slog, SETTINGS_LOG_ENTRIES) == 0 &&
         rnn_llog_init(&e->llog, LOSS_LOG_ENTRIES) == 0;
    if (!ok) {
        rnn_big_free(blk);
        rnn_engine_destroy(e);
        return NULL;
    }
    e->theta0 = blk;
    e->applied = blk + stride;
    e->opt.s1 = blk + 2 * stride;
    e->opt.s2 = blk + 3 * stride;
    e->opt.prev1 = blk + 4 * stride;
    e->opt.prev2 = blk + 5 * stride;
    e->scaled = blk + 6 * stride;
    e->hcarry = blk + ENGINE_BLOCK_ARRAYS * stride;
    return e;
}

struct rnn_engine *rnn_engine_create(const struct rnn_config *cfg, const struct rnn_text *text,
                                     const double *theta0)
{
    if (!config_ok(cfg, text))
        return NULL;
    struct rnn_engine *e = engine_alloc(cfg->shape, cfg->seq_len, cfg->history_bytes, text);
    if (!e)
        return NULL;
    memcpy(e->theta0, theta0, e->P * sizeof(double));
    if (!rnn_lab_ws_reserve(&e->lab, cfg->shape.hidden, rnn_lab_truncation(&cfg->settings, e->T))) {
        rnn_engine_destroy(e);
        return NULL;
    }
    e->sc.settings = cfg->settings;
    rnn_engine_reset(e);
    return e;
}

/* A workspace's arrays, for copying or prefaulting them all. */
struct ws_span {
    void *p;
    size_t bytes;
};
#define WS_SPANS 11

static void ws_spans(const struct rnn_ws *w, struct rnn_shape shape, size_t P,
                     struct ws_span out[WS_SPANS])
{
    size_t H = (size_t)shape.hidden, K = (size_t)shape.vocab, n = (size_t)w->T, d = sizeof(double);
    const struct ws_span spans[WS_SPANS] = {
        {w->h, (n + 1) * H * d}, {w->z, n * H * d}, {w->o, n * K * d},          {w->y, n * K * d},
        {w->dy, n * K * d},      {w->loss, n * d},  {w->dh, n * H * d},         {w->dr, n * H * d},
        {w->dh_next, H * d},     {w->grad, P * d},  {w->pred, n * sizeof(int)},
    };
    memcpy(out, spans, sizeof spans);
}

static void copy_workspace(struct rnn_ws *d, const struct rnn_ws *s, struct rnn_shape shape,
                           size_t P)
{
    struct ws_span to[WS_SPANS], from[WS_SPANS];
    ws_spans(d, shape, P, to);
    ws_spans(s, shape, P, from);
    for (int i = 0; i < WS_SPANS; i++)
        memcpy(to[i].p, from[i].p, from[i].bytes);
}

static void prefault_workspace(const struct rnn_ws *w, struct rnn_shape shape, size_t P)
{
    struct ws_span spans[WS_SPANS];
    ws_spans(w, shape, P, spans);
    for (int i = 0; i < WS_SPANS; i++)
        rnn_big_prefault(spans[i].p, spans[i].bytes);
}

static void copy_loss_log(struct rnn_loss_log *d, const struct rnn_loss_log *s)
{
    memcpy(d->items, s->items, s->len * sizeof *s->items);
    d->len = s->len;
    d->stride = s->stride;
    d->lowest = s->lowest;
}

/* The checkpoint ring's budget, so a clone gets the same capacity. */
static size_t history_budget(const struct rnn_engine *e)
{
    return e->ring.cap * (e->ring.width * sizeof(double) + sizeof(struct rnn_scalars));
}

struct rnn_engine *rnn_engine_clone(const struct rnn_engine *e)
{
    struct rnn_engine *d = engine_alloc(e->m.s, e->T, history_budget(e), e->text);
    if (!d)
        return NULL;
    memcpy(d->m.theta, e->m.theta, e->P * sizeof(double));
    memcpy(d->m.before, e->m.before, e->P * sizeof(double));
    rnn_model_sync(&d->m);
    copy_workspace(&d->w, &e->w, e->m.s, e->P);
    memcpy(d->theta0, e->theta0, block_bytes(e));
    /* The optimiser's state whole, then its arrays moved to the places in d's
     * block where the updates' exchanges left them in e's. */
    d->opt = e->opt;
    d->opt.s1 = d->theta0 + (e->opt.s1 - e->theta0);
    d->opt.s2 = d->theta0 + (e->opt.s2 - e->theta0);
    d->opt.prev1 = d->theta0 + (e->opt.prev1 - e->theta0);
    d->opt.prev2 = d->theta0 + (e->opt.prev2 - e->theta0);
    if (!rnn_lab_ws_reserve(&d->lab, e->m.s.hidden, e->lab.cap + 1)) {
        rnn_engine_destroy(d);
        return NULL;
    }
    rnn_lab_ws_copy(&d->lab, &e->lab, e->m.s.hidden);
    d->sc = e->sc;
    d->st = e->st; /* fwd_known too: the whole workspace was copied */
    d->undo = e->undo;
    copy_loss_log(&d->llog, &e->llog);
    return d;
}

void rnn_engine_destroy(struct rnn_engine *e)
{
    if (!e)
        return;
    rnn_model_free(&e->m);
    rnn_ws_free(&e->w);
    rnn_model_free(&e->check_m);
    rnn_ws_free(&e->check_w);
    rnn_lab_ws_free(&e->lab);
    rnn_lab_ws_free(&e->check_lab);
    rnn_big_free(e->theta0);
    rnn_ckpt_free(&e->ring);
    rnn_slog_free(&e->slog);
    rnn_llog_free(&e->llog);
    free(e);
}

static void clear_window(struct rnn_engine *e)
{
    e->st.pos = 0;
    e->st.has_last = false;
    e->st.last_events = 0;
    e->st.forward_done = 0;
    e->st.fwd_known = 0;
    e->version++;
    e->st.backward_low = e->T + 1;
    e->st.loss_sum = 0.0;
    e->st.grad_norm = 0.0;
    e->st.clip_scale = 1.0;
    e->undo.valid = false;
    e->restart.valid = false;
    /* Nothing is accumulated before the first backward step: a reset or a
     * rewind to the start must not show the gradient of a later state. */
    memset(e->w.grad, 0, e->P * sizeof(double));
    memset(e->w.dh_next, 0, (size_t)e->m.s.hidden * sizeof(double));
    rnn_lab_ws_clear(&e->lab, e->m.s.hidden);
}

/* Tick 0 at the initial parameters, with the current settings; history is
 * left alone (rnn_engine_reset clears it, undoing a surgery keeps it). */
static void restore_start(struct rnn_engine *e)
{
    struct rnn_settings keep = e->sc.settings;
    memset(&e->sc, 0, sizeof e->sc);
    e->sc.settings = keep;
    memcpy(e->m.theta, e->theta0, e->P * sizeof(double));
    rnn_model_sync(&e->m);
    rnn_opt_reset(&e->opt, e->P);
    memset(e->hcarry, 0, (size_t)e->m.s.hidden * sizeof(double));
    e->st.position = 0;
    clear_window(e);
    rnn_llog_clear(&e->llog);
}

void rnn_engine_reset(struct rnn_engine *e)
{
    restore_start(e);
    rnn_ckpt_clear(&e->ring);
    rnn_slog_clear(&e->slog);
}

void rnn_engine_load_params(struct rnn_engine *e, const double *theta)
{
    memcpy(e->theta0, theta, e->P * sizeof(double));
    rnn_engine_reset(e);
}

/* Optimiser state is not carried across a switch: the new optimiser starts
 * fresh. Replay re-applies only settings that were accepted, whose memory
 * is already reserved, so it cannot fail then. */
static bool apply_settings(struct rnn_engine *e, const struct rnn_settings *s)
{
    if (!rnn_lab_ws_reserve(&e->lab, e->m.s.hidden, rnn_lab_truncation(s, e->T)))
        return false;
    if (s->optimizer != e->sc.settings.optimizer)
        rnn_opt_reset(&e->opt, e->P);
    e->sc.settings = *s;
    return true;
}

bool rnn_engine_set_settings(struct rnn_engine *e, const struct rnn_settings *s)
{
    if (!apply_settings(e, s))
        return false;
    rnn_slog_push(&e->slog, &(struct rnn_settings_change){.tick = e->sc.tick, .settings = *s});
    return true;
}

static size_t param_entries(struct rnn_shape shape, enum rnn_param_id id)
{
    int rows, cols;
    rnn_param_dims(shape, id, &rows, &cols);
    return (size_t)rows * (size_t)cols;
}

static void apply_surgery(struct rnn_engine *e, const struct rnn_surgery *op)
{
    double *p = e->m.theta + rnn_param_offset(e->m.s, op->param);
    if (op->kind == RNN_SURGERY_SET)
        p[op->index] = op->value;
    else
        for (size_t i = 0, n = param_entries(e->m.s, op->param); i < n; i++)
            p[i] *= op->value;
    rnn_model_sync(&e->m);
    e->version++;
    e->st.fwd_known = e->st.forward_done; /* later steps use the new parameters */
}

bool rnn_engine_surgery(struct rnn_engine *e, const struct rnn_surgery *op)
{
    if ((unsigned)op->param >= RNN_P_COUNT || !isfinite(op->value) ||
        (op->kind != RNN_SURGERY_SET && op->kind != RNN_SURGERY_SCALE) ||
        (op->kind == RNN_SURGERY_SET && op->index >= param_entries(e->m.s, op->param)))
        return false;
    apply_surgery(e, op);
    rnn_slog_push(&e->slog, &(struct rnn_settings_change){
                                .tick = e->sc.tick, .is_surgery = true, .surgery = *op});
    return true;
}

void rnn_surgery_describe(struct rnn_shape shape, const struct rnn_surgery *op, char *buf,
                          size_t cap)
{
    int rows, cols;
    rnn_param_dims(shape, op->param, &rows, &cols);
    const char *name = rnn_param_name(op->param);
    if (op->kind == RNN_SURGERY_SET)
        snprintf(buf, cap, "set %s[%zu][%zu] = %g", name, op->index / (size_t)cols,
                 op->index % (size_t)cols, op->value);
    else
        snprintf(buf, cap, "scale %s x %g", name, op->value);
}

/* Only the optimiser arrays in use are copied: a switch resets them anyway. */
static size_t opt_arrays(enum rnn_optimizer opt)
{
    return opt == RNN_OPT_ADAM ? 2 : opt == RNN_OPT_SGD ? 0 : 1;
}

static void checkpoint_save(struct rnn_engine *e)
{
    e->sc.opt_steps = e->opt.steps;
    e->sc.beta1_t = e->opt.beta1_t;
    e->sc.beta2_t = e->opt.beta2_t;
    double *d = rnn_ckpt_push(&e->ring, &e->sc);
    size_t P = e->P, H = (size_t)e->m.s.hidden, k = opt_arrays(e->sc.settings.optimizer);
    memcpy(d, e->m.theta, P * sizeof(double));
    memcpy(d + P, e->hcarry, H * sizeof(double));
    if (k >= 1)
        memcpy(d + P + H, e->opt.s1, P * sizeof(double));
    if (k >= 2)
        memcpy(d + 2 * P + H, e->opt.s2, P * sizeof(double));
}

static void checkpoint_restore(struct rnn_engine *e, const struct rnn_scalars *sc, const double *d)
{
    e->sc = *sc;
    e->opt.steps = sc->opt_steps;
    e->opt.beta1_t = sc->beta1_t;
    e->opt.beta2_t = sc->beta2_t;
    size_t P = e->P, H = (size_t)e->m.s.hidden, k = opt_arrays(sc->settings.optimizer);
    memcpy(e->m.theta, d, P * sizeof(double));
    rnn_model_sync(&e->m);
    memcpy(e->hcarry, d + P, H * sizeof(double));
    if (k >= 1)
        memcpy(e->opt.s1, d + P + H, P * sizeof(double));
    if (k >= 2)
        memcpy(e->opt.s2, d + 2 * P + H, P * sizeof(double));
    clear_window(e);
    rnn_llog_truncate(&e->llog, sc->iteration);
}

/* With the no-zero-grad bug an iteration starts from the last one's gradient,
 * which checkpoints do not hold: none is taken after the first iteration
 * (which starts from zero), and rewind replays from the last one before
 * (exact, only longer). */
static bool checkpoint_due(const struct rnn_engine *e)
{
    if (e->replaying || e->sc.iteration % e->ckpt_stride != 0 ||
        (e->sc.settings.bug == RNN_BUG_NO_ZERO_GRAD && e->sc.iteration > 0))
        return false;
    const struct rnn_scalars *newest = rnn_ckpt_newest(&e->ring);
    return !newest || newest->iteration < e->sc.iteration;
}

/* The window-start rule shared by stepping and gradcheck. */
static bool window_resets(const struct rnn_engine *e)
{
    return e->sc.iteration == 0 || e->sc.next_p + (size_t)e->T + 1 >= e->text->len;
}

static void swap_workspaces(struct rnn_engine *e)
{
    struct rnn_ws t = e->w;
    e->w = e->check_w;
    e->check_w = t;
}

/* The forward pass done ahead on check_w, when it is this window's at these
 * parameters: the two workspaces change places (all else in them is
 * written by the steps). Returns whether they did. */
static bool take_ahead(struct rnn_engine *e)
{
    bool taken = e->ahead && e->ahead_tick == e->sc.tick && e->ahead_version == e->version;
    if (taken)
        swap_workspaces(e);
    e->st.fwd_known = taken ? e->T : 0;
    e->ahead = false;
    return taken;
}

/* by_steps: the micro-steps add onto a zeroed gradient; the whole-window
 * kernel writes every element itself, so it is spared that pass. */
static unsigned begin_iteration(struct rnn_engine *e, bool by_steps)
{
    unsigned ev = 0;
    e->restart.sc = e->sc;
    e->restart.st = e->st;
    e->restart.undo = e->undo;
    if (checkpoint_due(e))
        checkpoint_save(e);
    e->restart.valid = take_ahead(e);
    size_t H = (size_t)e->m.s.hidden;
    if (window_resets(e)) {
        e->sc.next_p = 0;
        e->sc.passes++;
        memset(e->w.h, 0, H * sizeof(double));
        ev |= RNN_EV_PASS;
    } else {
        memcpy(e->w.h, e->hcarry, H * sizeof(double));
    }
    e->st.position = e->sc.next_p;
    if (by_steps) {
        if (e->sc.settings.bug != RNN_BUG_NO_ZERO_GRAD)
            memset(e->w.grad, 0, e->P * sizeof(double));
        memset(e->w.dh_next, 0, H * sizeof(double));
        rnn_lab_ws_clear(&e->lab, e->m.s.hidden);
    }
    e->st.loss_sum = 0.0;
    e->st.forward_done = 0;
    e->st.backward_low = e->T + 1;
    e->undo.valid = false;
    e->st.begin_events = ev;
    return ev;
}

static const uint8_t *window_inputs(const struct rnn_engine *e)
{
    return e->text->ids + e->st.position;
}

/* --clip-norm: the gradient the update uses, rescaled into e->scaled when
 * its norm exceeds the bound (*raw gets that norm, *scale the factor). */
static const double *norm_clipped(struct rnn_engine *e, double *raw, double *scale)
{
    *raw = rnn_l2_norm(e->w.grad, e->P);
    *scale = rnn_lab_clip_scale(&e->sc.settings, *raw);
    if (*scale == 1.0)
        return e->w.grad;
    for (size_t i = 0; i < e->P; i++)
        e->scaled[i] = e->w.grad[i] * *scale;
    return e->scaled;
}

/* The scalars as they are before an update. */
static void keep_undo(struct rnn_engine *e)
{
    e->undo.valid = true;
    e->undo.sc = e->sc;
    e->undo.opt_steps = e->opt.steps;
    e->undo.beta1_t = e->opt.beta1_t;
    e->undo.beta2_t = e->opt.beta2_t;
}

static unsigned update(struct rnn_engine *e)
{
    size_t H = (size_t)e->m.s.hidden;
    const struct rnn_settings *s = &e->sc.settings;
    struct rnn_update_arrays arrays = {e->m.theta, e->m.before, e->applied, e->w.grad, e->P, &e->m};
    double raw = 0.0;
    e->st.clip_scale = 1.0;
    if (s->clip_norm > 0.0)
        arrays.g = norm_clipped(e, &raw, &e->st.clip_scale);
    struct rnn_update_norms norms;
    keep_undo(e);
    e->restart.valid = false; /* the state before the iteration is history now */
    rnn_opt_update(e->m.k, s, &e->opt, &arrays, &norms);
    if (e->st.clip_scale != 1.0) { /* the log keeps the unclipped norm */
        norms.grad = raw;
        norms.clipped = true;
    }
    rnn_model_exchange(&e->m); /* the new parameters current, the old ones `before` */
    e->version++;
    unsigned ev = 0;
    if (!isfinite(norms.grad) || !isfinite(e->st.loss_sum))
        ev |= RNN_EV_NONFINITE;
    if (norms.clipped)
        ev |= RNN_EV_CLIPPED;
    /* An explosion is a jump in the step actually taken, so clipping that
     * contains one removes it (without clipping the two norms are the same). */
    if (s->explode_factor > 0.0 && e->sc.prev_norm > 0.0 &&
        norms.step >= s->explode_factor * e->sc.prev_norm)
        ev |= RNN_EV_EXPLODED;

    struct rnn_loss_entry entry = {e->st.loss_sum, norms.grad, ev};
    rnn_llog_append(&e->llog, e->sc.iteration, &entry);
    e->st.grad_norm = norms.grad;
    e->sc.prev_norm = norms.step;
    memcpy(e->hcarry, e->w.h + (size_t)e->T * H, H * sizeof(double));
    e->sc.next_p = e->st.position + (size_t)e->T;
    e->sc.iteration++;
    return ev;
}

unsigned rnn_engine_step(struct rnn_engine *e)
{
    int T = e->T, pos = e->st.pos;
    const uint8_t *in = window_inputs(e);
    unsigned ev = 0;
    if (pos < T) {
        if (pos == 0)
            ev = begin_iteration(e, true);
        in = window_inputs(e);
        int t = pos + 1;
        if (t > e->st.fwd_known) {
            rnn_forward_step(&e->m, &e->w, t, in[t - 1], in[t]);
            e->st.fwd_known = t;
        }
        e->st.loss_sum += e->w.loss[t - 1];
        e->st.forward_done = t;
        e->st.last_phase = RNN_PHASE_FORWARD;
        e->st.last_t = t;
        e->st.pos = pos + 1;
    } else if (pos < 2 * T) {
        int t = 2 * T - pos;
        if (rnn_lab_backward_on(&e->sc.settings, T))
            rnn_lab_backward_step(&e->m, &e->w, &e->lab, &e->sc.settings, t, in[t - 1], in[t]);
        else
            rnn_backward_step(&e->m, &e->w, t, in[t - 1], in[t]);
        e->st.backward_low = t;
        e->st.last_phase = RNN_PHASE_BACKWARD;
        e->st.last_t = t;
        e->st.pos = pos + 1;
    } else {
        ev = update(e);
        e->st.last_phase = RNN_PHASE_UPDATE;
        e->st.last_t = 0;
        e->st.pos = 0;
    }
    e->st.has_last = true;
    e->st.last_events = ev;
    e->sc.tick++;
    return ev;
}

/* L_1 + ... + L_f of the window's forward steps, in t order as the steps add them. */
static double forward_loss(const struct rnn_engine *e, int f)
{
    double sum = 0.0;
    for (int t = 0; t < f; t++)
        sum += e->w.loss[t];
    return sum;
}

/* The phase, timestep and position after micro-step pos - 1 of an iteration
 * (1 <= pos <= 2T), as rnn_engine_step leaves them. */
static void mark_done(struct rnn_engine *e, int pos)
{
    int T = e->T;
    e->st.pos = pos;
    e->st.forward_done = pos < T ? pos : T;
    e->st.backward_low = pos > T ? 2 * T - pos + 1 : T + 1;
    e->st.last_phase = pos <= T ? RNN_PHASE_FORWARD : RNN_PHASE_BACKWARD;
    e->st.last_t = pos <= T ? pos : 2 * T - pos + 1;
    e->st.has_last = true;
    e->st.last_events = pos == 1 ? e->st.begin_events : 0; /* forward and backward raise none */
}

/* Micro-steps pos..todo-1 of the iteration (todo <= 2T) in one call of the
 * window kernel, which is bit-identical to them and leaves the same visible
 * state behind. Returns the events raised (a window start's). */
static unsigned run_window_to(struct rnn_engine *e, int todo)
{
    int from = e->st.pos, T = e->T;
    unsigned ev = from == 0 ? begin_iteration(e, todo <= T) : 0;
    int done = from < e->st.fwd_known ? e->st.fwd_known : from; /* forward steps known: not again */
    done = done < todo ? done : todo;
    if (done < todo)
        rnn_window_train(&e->m, &e->w, window_inputs(e), done, todo);
    int f = todo < T ? todo : T;
    e->st.fwd_known = e->st.fwd_known > f ? e->st.fwd_known : f;
    e->st.loss_sum = forward_loss(e, f);
    mark_done(e, todo);
    e->sc.tick += (uint64_t)(todo - from);
    return ev;
}

/* The window kernel is plain BPTT from a zeroed gradient; the lab's
 * variants take the micro-steps. */
static bool plain_window(const struct rnn_engine *e)
{
    return !rnn_lab_backward_on(&e->sc.settings, e->T) &&
           e->sc.settings.bug != RNN_BUG_NO_ZERO_GRAD;
}

unsigned rnn_engine_finish_iteration(struct rnn_engine *e)
{
    if (e->st.pos < 2 * e->T && plain_window(e)) {
        unsigned ev = run_window_to(e, 2 * e->T);
        return ev | rnn_engine_step(e);
    }
    unsigned ev = 0;
    do
        ev |= rnn_engine_step(e);
    while (e->st.pos != 0);
    return ev;
}

uint64_t rnn_engine_run(struct rnn_engine *e, uint64_t n, unsigned stop_mask, unsigned *events)
{
    unsigned all = 0;
    uint64_t done = 0;
    while (done < n) {
        unsigned ev = rnn_engine_finish_iteration(e);
        all |= ev;
        done++;
        if (ev & stop_mask)
            break;
    }
    if (events)
        *events = all;
    return done;
}

void rnn_engine_run_to_update(struct rnn_engine *e)
{
    while (e->st.pos < 2 * e->T)
        rnn_engine_step(e);
}

double rnn_engine_gradient_norm(const struct rnn_engine *e)
{
    return rnn_l2_norm(e->w.grad, e->P);
}

/* Iteration k >= 1 of a pass runs when (k + 1) T + 1 < len, so a pass has
 * 1 + (floor((len - 2) / T) - 1) iterations, and at least one. */
uint64_t rnn_engine_iterations_per_pass(const struct rnn_engine *e)
{
    uint64_t n = (e->text->len - 2) / (uint64_t)e->T;
    return n ? n : 1;
}

uint64_t rnn_engine_history_depth(const struct rnn_engine *e)
{
    const struct rnn_scalars *oldest = rnn_ckpt_oldest(&e->ring);
    /* Replay needs a checkpoint strictly before the target (tick 0 excepted),
     * so the oldest checkpoint's own tick is out of reach. */
    return oldest ? e->sc.tick - oldest->tick - (oldest->tick != 0) : 0;
}

size_t rnn_engine_history_bytes(const struct rnn_engine *e)
{
    return e->ring.cap * (e->ring.width * sizeof(double) + sizeof(struct rnn_scalars)) +
           e->slog.cap * sizeof(struct rnn_settings_change);
}

/* Re-applies the changes logged at the current tick, in order. A restored
 * checkpoint already holds the surgery done at its own tick (it is taken by
 * the next micro-step), so `surgery` is false there; settings are idempotent. */
static void replay_changes(struct rnn_engine *e, bool surgery)
{
    size_t first, n = rnn_slog_find(&e->slog, e->sc.tick, &first);
    for (size_t i = first; i < first + n; i++) {
        const struct rnn_settings_change *c = rnn_slog_get(&e->slog, i);
        if (!c->is_surgery)
            apply_settings(e, &c->settings);
        else if (surgery)
            apply_surgery(e, &c->surgery);
    }
}

/* Whether a change is logged at a tick in (from, to]. */
static bool change_within(const struct rnn_engine *e, uint64_t from, uint64_t to)
{
    size_t first;
    for (uint64_t t = from + 1; t <= to; t++)
        if (rnn_slog_find(&e->slog, t, &first) > 0)
            return true;
    return false;
}

/* Replays from a restored state up to tick `target`, re-applying changes:
 * the forward and backward micro-steps of plain iterations up to the next
 * change or the target run as one window call (the same bits and state as
 * the micro-steps, much faster at large hidden sizes), the rest micro-step
 * by micro-step. */
static void replay_to(struct rnn_engine *e, uint64_t target, bool at_checkpoint)
{
    uint64_t two_t = 2 * (uint64_t)e->T;
    e->replaying = true;
    replay_changes(e, !at_checkpoint);
    while (e->sc.tick < target) {
        uint64_t left = target - e->sc.tick, todo = (uint64_t)e->st.pos + left;
        todo = todo < two_t ? todo : two_t;
        uint64_t n = todo - (uint64_t)e->st.pos;
        if (n >= 2 && plain_window(e) && !change_within(e, e->sc.tick, e->sc.tick + n - 1))
            run_window_to(e, (int)todo);
        else
            rnn_engine_step(e);
        replay_changes(e, true);
    }
    e->replaying = false;
}

/* Rewind right after a surgery: drops it and replays to the same tick. */
static bool undo_surgery(struct rnn_engine *e)
{
    uint64_t now = e->sc.tick;
    const struct rnn_scalars *oldest = rnn_ckpt_oldest(&e->ring);
    if (now > 0 && (!oldest || oldest->tick >= now))
        return false;
    rnn_slog_drop_newest(&e->slog);
    if (now == 0) {
        restore_start(e);
        replay_to(e, 0, false);
        return true;
    }
    const double *data;
    const struct rnn_scalars *c = rnn_ckpt_before(&e->ring, now, &data);
    checkpoint_restore(e, c, data);
    replay_to(e, now, true);
    return true;
}

bool rnn_engine_rewind(struct rnn_engine *e)
{
    const struct rnn_settings_change *last = rnn_slog_newest(&e->slog);
    if (last && last->is_surgery && last->tick == e->sc.tick)
        return undo_surgery(e);
    return e->sc.tick > 0 && rnn_engine_rewind_to(e, e->sc.tick - 1);
}

/* Right after an update done here, with nothing changed since: puts back
 * what it changed (the exchanged arrays, the scalars and the loss log),
 * which is the state before it, without a replay. */
static bool undo_update(struct rnn_engine *e)
{
    size_t first;
    if (!e->undo.valid || e->st.pos != 0 || rnn_slog_find(&e->slog, e->sc.tick, &first) > 0)
        return false;
    e->sc = e->undo.sc;
    e->opt.steps = e->undo.opt_steps;
    e->opt.beta1_t = e->undo.beta1_t;
    e->opt.beta2_t = e->undo.beta2_t;
    rnn_opt_undo(&e->opt, e->sc.settings.optimizer);
    rnn_model_swap(&e->m);
    rnn_llog_truncate(&e->llog, e->sc.iteration);
    e->undo.valid = false;
    e->version++;
    e->st.fwd_known = e->T;
    mark_done(e, 2 * e->T);
    return true;
}

/* Back to micro-step `target` of the current iteration when nothing was
 * changed during it: the parameters are those its steps used, so the forward
 * steps up to the target are already in the workspace and only the backward
 * ones are done again (by the window kernel). */
static bool rewind_in_iteration(struct rnn_engine *e, uint64_t target)
{
    uint64_t start = e->sc.tick - (uint64_t)e->st.pos;
    if (e->st.pos == 0 || target <= start || !plain_window(e) ||
        change_within(e, start, e->sc.tick))
        return false;
    int k = (int)(target - start), T = e->T;
    e->st.loss_sum = forward_loss(e, k < T ? k : T);
    if (k > T) { /* the backward steps again, from a fresh gradient */
        rnn_window_train(&e->m, &e->w, window_inputs(e), T, k);
    } else {
        memset(e->w.grad, 0, e->P * sizeof(double));
        memset(e->w.dh_next, 0, (size_t)e->m.s.hidden * sizeof(double));
    }
    rnn_lab_ws_clear(&e->lab, e->m.s.hidden);
    mark_done(e, k);
    e->sc.tick = target;
    return true;
}

/* Back to the start of the current iteration when it began by taking over
 * the pass done ahead and nothing was changed during it: the workspaces
 * change places again (the last iteration's is whole in check_w, the pass
 * ahead is still in the other, for the next begin to take over again) and
 * the state before the begin comes back. */
static void restart_iteration(struct rnn_engine *e)
{
    uint64_t start = e->sc.tick - (uint64_t)e->st.pos;
    if (!e->restart.valid || !plain_window(e) || change_within(e, start, e->sc.tick))
        return;
    swap_workspaces(e);
    e->sc = e->restart.sc;
    e->st = e->restart.st;
    e->undo = e->restart.undo;
    e->restart.valid = false;
    e->ahead = true;
    e->ahead_tick = start;
    e->ahead_version = e->version;
}

/* Rewinds that need no checkpoint: within the current iteration, to its
 * start, or into the last one right after its update. */
static bool rewind_without_replay(struct rnn_engine *e, uint64_t target)
{
    uint64_t two_t = 2 * (uint64_t)e->T;
    if (e->st.pos > 0 && target <= e->sc.tick - (uint64_t)e->st.pos)
        restart_iteration(e); /* the rest of the way, if any, below */
    if (target < e->sc.tick && e->st.pos == 0 && e->undo.valid && target + two_t + 1 > e->sc.tick) {
        uint64_t start = e->sc.tick - two_t - 1;
        if (!plain_window(e) || change_within(e, start, e->sc.tick - 1) || !undo_update(e))
            return false;
    }
    return target == e->sc.tick || rewind_in_iteration(e, target);
}

bool rnn_engine_rewind_to(struct rnn_engine *e, uint64_t target)
{
    if (target >= e->sc.tick)
        return target == e->sc.tick;
    const struct rnn_scalars *oldest = rnn_ckpt_oldest(&e->ring);
    if (!oldest || (oldest->tick > target) || (oldest->tick == target && target != 0))
        return false; /* as far back as history reaches, however the state is found */
    if (rewind_without_replay(e, target))
        return true;
    const double *data;
    const struct rnn_scalars *c = rnn_ckpt_before(&e->ring, target, &data);
    rnn_slog_drop_after(&e->slog, target);
    checkpoint_restore(e, c, data);
    replay_to(e, target, true);
    return true;
}

const struct rnn_loss_entry *rnn_engine_loss_log(const struct rnn_engine *e, size_t *len,
                                                 uint64_t *stride)
{
    *len = e->llog.len;
    *stride = e->llog.stride;
    return e->llog.items;
}

bool rnn_engine_loss_stats(const struct rnn_engine *e, double *first, double *lowest,
                           double *latest)
{
    if (e->llog.len == 0)
        return false;
    *first = e->llog.items[0].loss;
    *lowest = e->llog.lowest;
    *latest = e->llog.items[e->llog.len - 1].loss;
    return true;
}

void rnn_engine_view(const struct rnn_engine *e, struct rnn_view *v)
{
    int T = e->T;
    memset(v, 0, sizeof *v);
    v->shape = e->m.s;
    v->T = T;
    v->inputs = window_inputs(e);
    v->targets = v->inputs + 1;
    v->position = e->st.position;
    v->iteration = e->sc.iteration;
    v->passes = e->sc.passes;
    v->tick = e->sc.tick;
    v->pos = e->st.pos;
    v->has_last = e->st.has_last;
    v->last_phase = e->st.last_phase;
    v->last_t = e->st.last_t;
    v->next_phase = e->st.pos < T       ? RNN_PHASE_FORWARD
                    : e->st.pos < 2 * T ? RNN_PHASE_BACKWARD
                                        : RNN_PHASE_UPDATE;
    v->next_t = e->st.pos < T ? e->st.pos + 1 : e->st.pos < 2 * T ? 2 * T - e->st.pos : 0;
    v->forward_done = e->st.forward_done;
    v->backward_low = e->st.backward_low;
    v->h = e->w.h;
    v->z = e->w.z;
    v->o = e->w.o;
    v->y = e->w.y;
    v->loss = e->w.loss;
    v->pred = e->w.pred;
    v->loss_sum = e->st.loss_sum;
    v->dy = e->w.dy;
    v->dh = e->w.dh;
    v->dr = e->w.dr;
    v->dh_next = e->w.dh_next;
    v->theta = rnn_const_block_view(e->m.s, e->m.theta);
    v->grad = rnn_const_block_view(e->m.s, e->w.grad);
    v->applied = rnn_const_block_view(e->m.s, e->applied);
    v->before = rnn_const_block_view(e->m.s, e->m.before);
    v->grad_norm = e->st.grad_norm;
    size_t k = opt_arrays(e->sc.settings.optimizer);
    if (k >= 1) {
        v->opt_state = rnn_const_block_view(e->m.s, e->opt.s1);
        v->opt_before = rnn_const_block_view(e->m.s, e->opt.prev1);
    }
    if (k >= 2) {
        v->opt_state2 = rnn_const_block_view(e->m.s, e->opt.s2);
        v->opt_before2 = rnn_const_block_view(e->m.s, e->opt.prev2);
    }
    v->opt_steps = e->opt.steps;
    v->adam_c1 = 1.0 - e->opt.beta1_t;
    v->adam_c2 = 1.0 - e->opt.beta2_t;
    v->clip_scale = e->st.clip_scale;
    v->last_events = e->st.last_events;
    v->settings = e->sc.settings;
    v->params_version = e->version;
}

const char *rnn_phase_name(enum rnn_phase phase)
{
    static const char *const names[] = {"forward", "backward", "update"};
    return names[phase];
}

/* ---- gradient check ---------------------------------------------------- */

double rnn_relative_error(double analytic, double numeric)
{
    double denom = fabs(analytic) + fabs(numeric);
    if (denom < 1e-10)
        denom = 1e-10;
    return fabs(analytic - numeric) / denom;
}

/* The window the current (or next) iteration trains on, and its h_0. */
static size_t check_window(const struct rnn_engine *e, double *h0)
{
    size_t H = (size_t)e->m.s.hidden;
    if (e->st.pos > 0) {
        memcpy(h0, e->w.h, H * sizeof(double));
        return e->st.position;
    }
    if (window_resets(e)) {
        memset(h0, 0, H * sizeof(double));
        return 0;
    }
    memcpy(h0, e->hcarry, H * sizeof(double));
    return e->sc.next_p;
}

static bool check_scratch(struct rnn_engine *e)
{
    return e->check_m.theta || (rnn_model_init(&e->check_m, e->m.s) == 0 &&
                                rnn_ws_init(&e->check_w, e->m.s, e->T) == 0);
}

void rnn_engine_prefault(struct rnn_engine *e)
{
    size_t P = e->P;
    rnn_ckpt_prefault(&e->ring);
    rnn_big_prefault(e->theta0, block_bytes(e));
    rnn_big_prefault(e->m.before, P * sizeof(double));
    prefault_workspace(&e->w, e->m.s, P);
    if (check_scratch(e)) /* the window loss's forward pass, and the next iteration's */
        prefault_workspace(&e->check_w, e->m.s, P);
}

size_t rnn_engine_window_next(const struct rnn_engine *e, bool *new_pass)
{
    double h0[RNN_HIDDEN_MAX];
    *new_pass = e->st.pos == 0 && window_resets(e);
    return check_window(e, h0);
}

/* Whether a surgery was made at a tick in (from, to]. */
static bool surgery_within(const struct rnn_engine *e, uint64_t from, uint64_t to)
{
    for (uint64_t t = from + 1; t <= to; t++) {
        size_t first, n = rnn_slog_find(&e->slog, t, &first);
        for (size_t i = first; i < first + n; i++)
            if (rnn_slog_get(&e->slog, i)->is_surgery)
                return true;
    }
    return false;
}

/* In mid-iteration with the parameters its forward steps used, the steps
 * done are reused and the rest computed in the workspace (past forward_done,
 * which the view does not show): the same sum in the same order. Otherwise
 * a forward pass on scratch memory, with the model itself (it is only read). */
double rnn_engine_window_loss(struct rnn_engine *e)
{
    if (e->st.pos > 0 && !surgery_within(e, e->sc.tick - (uint64_t)e->st.pos, e->sc.tick)) {
        if (e->st.fwd_known < e->T)
            rnn_window_train(&e->m, &e->w, window_inputs(e), e->st.fwd_known, e->T);
        e->st.fwd_known = e->T;
        return forward_loss(e, e->T);
    }
    if (!check_scratch(e))
        return NAN;
    e->restart.valid = false; /* check_w gets this window's pass */
    /* The window kernel's forward steps: the same bits as the step by step
     * pass, and faster (Omega as one product). */
    const uint8_t *in = e->text->ids + check_window(e, e->check_w.h);
    double loss = rnn_window_train(&e->m, &e->check_w, in, 0, e->T);
    e->ahead = e->st.pos == 0; /* the next iteration's forward pass, if nothing changes first */
    e->ahead_tick = e->sc.tick;
    e->ahead_version = e->version;
    return loss;
}

/* The parameters of the gradient the view shows, its window's start into
 * *position and h_0 into h0: right after an update, that update's (the
 * parameters before it, its window still in the workspace), so that a check
 * is of the gradient just applied; otherwise the check window at the current
 * parameters. */
static const double *check_subject(const struct rnn_engine *e, double *h0, size_t *position)
{
    if (e->st.pos == 0 && e->st.has_last) { /* as rnn_activation_params */
        memcpy(h0, e->w.h, (size_t)e->m.s.hidden * sizeof(double));
        *position = e->st.position;
        return e->m.before;
    }
    *position = check_window(e, h0);
    return e->m.theta;
}

/* The scratch model at the check's parameters, its window's inputs into *in
 * and its h_0 into h0, the lab's scratch reserved for s. */
static bool check_prepare(struct rnn_engine *e, const struct rnn_settings *s, double *h0,
                          const uint8_t **in)
{
    e->ahead = false; /* check_w is the gradient check's now */
    e->restart.valid = false;
    if (!check_scratch(e) ||
        !rnn_lab_ws_reserve(&e->check_lab, e->m.s.hidden, rnn_lab_truncation(s, e->T)))
        return false;
    size_t position;
    memcpy(e->check_m.theta, check_subject(e, h0, &position), e->P * sizeof(double));
    *in = e->text->ids + position;
    rnn_model_sync(&e->check_m);
    return true;
}

/* BPTT over the check window as the settings s would train it, into grad. */
static void check_gradient(struct rnn_engine *e, const struct rnn_settings *s, const double *h0,
                           const uint8_t *in, double *grad)
{
    struct rnn_model *m = &e->check_m;
    struct rnn_ws *w = &e->check_w;
    size_t H = (size_t)e->m.s.hidden;
    bool lab = rnn_lab_backward_on(s, e->T);
    rnn_window_loss(m, w, h0, in, in + 1);
    memset(w->grad, 0, e->P * sizeof(double));
    for (int pass = s->bug == RNN_BUG_NO_ZERO_GRAD ? 2 : 1; pass > 0; pass--) {
        memset(w->dh_next, 0, H * sizeof(double));
        rnn_lab_ws_clear(&e->check_lab, e->m.s.hidden);
        for (int t = e->T; t >= 1; t--) {
            if (lab)
                rnn_lab_backward_step(m, w, &e->check_lab, s, t, in[t - 1], in[t]);
            else
                rnn_backward_step(m, w, t, in[t - 1], in[t]);
        }
    }
    memcpy(grad, w->grad, e->P * sizeof(double));
}

static void fill_nan(double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = NAN;
}

void rnn_engine_gradient_with(struct rnn_engine *e, const struct rnn_settings *s, double *grad)
{
    double h0[RNN_HIDDEN_MAX];
    const uint8_t *in;
    if (!check_prepare(e, s, h0, &in)) {
        fill_nan(grad, e->P);
        return;
    }
    check_gradient(e, s, h0, in, grad);
}

/* Sum over the window of L_t + max_k |Omega_t,k| from the last forward pass
 * in w: the size of the numbers each L_t = log sum exp(Omega_t) - Omega_t,target
 * is rounded at, so the scale of one loss evaluation's rounding error. */
static double loss_magnitude(const struct rnn_ws *w, int K)
{
    double sum = 0.0;
    for (int t = 0; t < w->T; t++) {
        const double *o = w->o + (size_t)t * K;
        double top = 0.0;
        for (int k = 0; k < K; k++)
            top = fmax(top, fabs(o[k]));
        sum += fabs(w->loss[t]) + top;
    }
    return sum;
}

double rnn_engine_gradcheck(struct rnn_engine *e, double eps, double *analytic, double *numeric)
{
    struct rnn_model *m = &e->check_m;
    struct rnn_ws *w = &e->check_w;
    double h0[RNN_HIDDEN_MAX];
    const uint8_t *in;
    if (!check_prepare(e, &e->sc.settings, h0, &in)) {
        fill_nan(analytic, e->P);
        fill_nan(numeric, e->P);
        return NAN;
    }
    check_gradient(e, &e->sc.settings, h0, in, analytic);
    double magnitude = loss_magnitude(w, e->m.s.vocab); /* w holds the forward pass */
    if (rnn_gradcheck_bug_hook)
        rnn_gradcheck_bug_hook(e->m.s, analytic);

    for (size_t i = 0; i < e->P; i++) {
        double v = m->theta[i];
        m->theta[i] = v + eps;
        rnn_model_sync(m);
        double plus = rnn_window_loss(m, w, h0, in, in + 1);
        m->theta[i] = v - eps;
        rnn_model_sync(m);
        double minus = rnn_window_loss(m, w, h0, in, in + 1);
        m->theta[i] = v;
        numeric[i] = (plus - minus) / (2.0 * eps);
    }
    return magnitude;
}
