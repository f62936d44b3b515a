/* Bounded history: checkpoints for rewind, the settings-change log that
 * replay re-applies, and the per-iteration loss log. Each has a fixed
 * capacity chosen at creation; nothing here allocates after that. */
#ifndef RNNSTEP_HISTORY_H
#define RNNSTEP_HISTORY_H

#include "rnnstep/engine.h"

/* The scalar part of the training state (the arrays are stored beside it). */
struct rnn_scalars {
    uint64_t iteration, passes, tick;
    size_t next_p;
    double prev_norm;
    uint64_t opt_steps;
    double beta1_t, beta2_t;
    struct rnn_settings settings;
};

/* A ring of checkpoints, each the scalars plus `width` doubles, taken at the
 * start of an iteration. Rewind restores one and replays micro-steps. */
struct rnn_ckpt_ring {
    size_t cap, width, head, len;
    struct rnn_scalars *sc;
    double *data;
};

int rnn_ckpt_init(struct rnn_ckpt_ring *r, size_t cap, size_t width);
void rnn_ckpt_free(struct rnn_ckpt_ring *r);
void rnn_ckpt_clear(struct rnn_ckpt_ring *r);
/* Takes the pages of every slot now (rnn_big_prefault). */
void rnn_ckpt_prefault(struct rnn_ckpt_ring *r);
/* Stores a new newest checkpoint (evicting the oldest when full); returns its array. */
double *rnn_ckpt_push(struct rnn_ckpt_ring *r, const struct rnn_scalars *sc);
/* The newest checkpoint taken strictly before `tick` (or at tick 0), dropping
 * any newer ones; NULL when none is left. */
const struct rnn_scalars *rnn_ckpt_before(struct rnn_ckpt_ring *r, uint64_t tick,
                                          const double **data);
const struct rnn_scalars *rnn_ckpt_newest(const struct rnn_ckpt_ring *r);
const struct rnn_scalars *rnn_ckpt_oldest(const struct rnn_ckpt_ring *r);

/* Settings changes and weight surgery, keyed by the tick at which they were
 * made, in the order they were made; replay re-applies them. */
struct rnn_settings_change {
    uint64_t tick;
    bool is_surgery;
    struct rnn_settings settings; /* when !is_surgery */
    struct rnn_surgery surgery;   /* when is_surgery */
};

struct rnn_settings_log {
    size_t cap, head, len;
    struct rnn_settings_change *items;
};

int rnn_slog_init(struct rnn_settings_log *l, size_t cap);
void rnn_slog_free(struct rnn_settings_log *l);
void rnn_slog_clear(struct rnn_settings_log *l);
void rnn_slog_push(struct rnn_settings_log *l, const struct rnn_settings_change *c);
void rnn_slog_drop_after(struct rnn_settings_log *l, uint64_t tick);
/* The changes made at exactly `tick`: returns how many, and *first gets the
 * oldest one's index for rnn_slog_get (the others follow it in order). */
size_t rnn_slog_find(const struct rnn_settings_log *l, uint64_t tick, size_t *first);
/* The i-th oldest change. */
const struct rnn_settings_change *rnn_slog_get(const struct rnn_settings_log *l, size_t i);
/* The newest change (NULL when none), and dropping it. */
const struct rnn_settings_change *rnn_slog_newest(const struct rnn_settings_log *l);
void rnn_slog_drop_newest(struct rnn_settings_log *l);

/* Loss per iteration, downsampled by doubling the stride when full. */
struct rnn_loss_log {
    size_t cap, len;
    uint64_t stride;
    struct rnn_loss_entry *items;
    double lowest;
};

int rnn_llog_init(struct rnn_loss_log *l, size_t cap);
void rnn_llog_free(struct rnn_loss_log *l);
void rnn_llog_clear(struct rnn_loss_log *l);
void rnn_llog_append(struct rnn_loss_log *l, uint64_t iteration, const struct rnn_loss_entry *e);
/* Keeps only the entries for iterations before `iteration`. */
void rnn_llog_truncate(struct rnn_loss_log *l, uint64_t iteration);

#endif
