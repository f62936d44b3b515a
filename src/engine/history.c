/* Bounded history: checkpoint ring, settings log and loss log. */
#include "history.h"

#include "bigmem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Index of the i-th oldest element of a ring. */
static size_t ring_at(size_t head, size_t len, size_t cap, size_t i)
{
    return (head + cap - len + i) % cap;
}

int rnn_ckpt_init(struct rnn_ckpt_ring *r, size_t cap, size_t width)
{
    memset(r, 0, sizeof *r);
    r->cap = cap;
    r->width = width;
    r->sc = calloc(cap, sizeof *r->sc);
    r->data = rnn_big_calloc(cap * width, sizeof(double));
    return r->sc && r->data ? 0 : -1;
}

void rnn_ckpt_free(struct rnn_ckpt_ring *r)
{
    free(r->sc);
    rnn_big_free(r->data);
    r->sc = NULL;
    r->data = NULL;
}

void rnn_ckpt_clear(struct rnn_ckpt_ring *r)
{
    r->head = 0;
    r->len = 0;
}

void rnn_ckpt_prefault(struct rnn_ckpt_ring *r)
{
    rnn_big_prefault(r->data, r->cap * r->width * sizeof(double));
}

double *rnn_ckpt_push(struct rnn_ckpt_ring *r, const struct rnn_scalars *sc)
{
    size_t slot = r->head;
    r->head = (r->head + 1) % r->cap;
    if (r->len < r->cap)
        r->len++;
    r->sc[slot] = *sc;
    return r->data + slot * r->width;
}

const struct rnn_scalars *rnn_ckpt_before(struct rnn_ckpt_ring *r, uint64_t tick,
                                          const double **data)
{
    while (r->len > 0) {
        size_t slot = ring_at(r->head, r->len, r->cap, r->len - 1);
        uint64_t t = r->sc[slot].tick;
        if (t < tick || t == 0) {
            *data = r->data + slot * r->width;
            return &r->sc[slot];
        }
        r->head = slot;
        r->len--;
    }
    return NULL;
}

const struct rnn_scalars *rnn_ckpt_newest(const struct rnn_ckpt_ring *r)
{
    return r->len ? &r->sc[ring_at(r->head, r->len, r->cap, r->len - 1)] : NULL;
}

const struct rnn_scalars *rnn_ckpt_oldest(const struct rnn_ckpt_ring *r)
{
    return r->len ? &r->sc[ring_at(r->head, r->len, r->cap, 0)] : NULL;
}

int rnn_slog_init(struct rnn_settings_log *l, size_t cap)
{
    memset(l, 0, sizeof *l);
    l->cap = cap;
    l->items = calloc(cap, sizeof *l->items);
    return l->items ? 0 : -1;
}

void rnn_slog_free(struct rnn_settings_log *l)
{
    free(l->items);
    l->items = NULL;
}

void rnn_slog_clear(struct rnn_settings_log *l)
{
    l->head = 0;
    l->len = 0;
}

void rnn_slog_push(struct rnn_settings_log *l, const struct rnn_settings_change *c)
{
    l->items[l->head] = *c;
    l->head = (l->head + 1) % l->cap;
    if (l->len < l->cap)
        l->len++;
}

void rnn_slog_drop_after(struct rnn_settings_log *l, uint64_t tick)
{
    while (l->len > 0) {
        size_t slot = ring_at(l->head, l->len, l->cap, l->len - 1);
        if (l->items[slot].tick <= tick)
            return;
        l->head = slot;
        l->len--;
    }
}

size_t rnn_slog_find(const struct rnn_settings_log *l, uint64_t tick, size_t *first)
{
    size_t n = 0, i = l->len;
    while (i > 0 && rnn_slog_get(l, i - 1)->tick >= tick) {
        i--;
        n += rnn_slog_get(l, i)->tick == tick;
    }
    *first = i;
    return n;
}

const struct rnn_settings_change *rnn_slog_get(const struct rnn_settings_log *l, size_t i)
{
    return &l->items[ring_at(l->head, l->len, l->cap, i)];
}

const struct rnn_settings_change *rnn_slog_newest(const struct rnn_settings_log *l)
{
    return l->len ? rnn_slog_get(l, l->len - 1) : NULL;
}

void rnn_slog_drop_newest(struct rnn_settings_log *l)
{
    if (l->len == 0)
        return;
    l->head = ring_at(l->head, l->len, l->cap, l->len - 1);
    l->len--;
}

int rnn_llog_init(struct rnn_loss_log *l, size_t cap)
{
    memset(l, 0, sizeof *l);
    l->cap = cap;
    l->items = calloc(cap, sizeof *l->items);
    rnn_llog_clear(l);
    return l->items ? 0 : -1;
}

void rnn_llog_free(struct rnn_loss_log *l)
{
    free(l->items);
    l->items = NULL;
}

void rnn_llog_clear(struct rnn_loss_log *l)
{
    l->len = 0;
    l->stride = 1;
    l->lowest = INFINITY;
}

static void note_lowest(struct rnn_loss_log *l, double loss)
{
    if (loss < l->lowest) /* false for nan */
        l->lowest = loss;
}

/* Halves a full log (its capacity is even): entry i takes entry 2i's loss
 * and both entries' flags. */
static void compact(struct rnn_loss_log *l)
{
    size_t n = l->len / 2;
    for (size_t i = 0; i < n; i++) {
        struct rnn_loss_entry e = l->items[2 * i];
        e.flags |= l->items[2 * i + 1].flags;
        l->items[i] = e;
    }
    l->len = n;
    l->stride *= 2;
}

void rnn_llog_append(struct rnn_loss_log *l, uint64_t iteration, const struct rnn_loss_entry *e)
{
    if (iteration % l->stride != 0) {
        if (l->len)
            l->items[l->len - 1].flags |= e->flags;
        return;
    }
    if (l->len == l->cap)
        compact(l);
    if (iteration % l->stride != 0) {
        l->items[l->len - 1].flags |= e->flags;
        return;
    }
    l->items[l->len++] = *e;
    note_lowest(l, e->loss);
}

void rnn_llog_truncate(struct rnn_loss_log *l, uint64_t iteration)
{
    size_t keep = (size_t)((iteration + l->stride - 1) / l->stride);
    if (keep >= l->len)
        return;
    l->len = keep;
    l->lowest = INFINITY;
    for (size_t i = 0; i < l->len; i++)
        note_lowest(l, l->items[i].loss);
}
