/* Large engine arrays (checkpoint ring, parameter and gradient blocks):
 * aligned for whole-cache-line vector loads, and on transparent huge pages
 * where the kernel offers them: one page fault per 2 MiB instead of per
 * 4 KiB, which on a virtual machine costs as much CPU as several iterations
 * of training, and no TLB misses when a product walks W's columns
 * (engine-internal). */
#ifndef RNNSTEP_BIGMEM_H
#define RNNSTEP_BIGMEM_H

#include <stddef.h>

/* Doubles in one cache line: arrays inside a block start at multiples of it. */
#define RNN_LINE_DOUBLES 8

/* n rounded up to a whole number of cache lines of doubles. */
static inline size_t rnn_line_round(size_t n)
{
    return (n + RNN_LINE_DOUBLES - 1) / RNN_LINE_DOUBLES * RNN_LINE_DOUBLES;
}

/* calloc(count, size) on a cache-line boundary, and a block of 2 MiB or more
 * on a huge-page boundary with huge pages asked for over all of it (pages
 * are still taken only when first written); free with rnn_big_free. */
void *rnn_big_calloc(size_t count, size_t size);
void rnn_big_free(void *p);

/* Takes the pages of [p, p + bytes) now, contents unchanged, so that their
 * first write later (a checkpoint, the first update) pays no page fault. */
void rnn_big_prefault(void *p, size_t bytes);

#endif
