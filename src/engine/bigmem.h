/* Large engine arrays (checkpoint ring, parameter and gradient blocks) on
 * transparent huge pages where the kernel offers them: one page fault per
 * 2 MiB instead of per 4 KiB, which on a virtual machine costs as much CPU
 * as several iterations of training (engine-internal). */
#ifndef RNNSTEP_BIGMEM_H
#define RNNSTEP_BIGMEM_H

#include <stdbool.h>
#include <stddef.h>

/* count x size bytes, zeroed when `zeroed` (else untouched, so pages are
 * taken only as they are written); free with free(). NULL on overflow or
 * no memory. Below one huge page this is calloc or malloc. */
void *rnn_big_alloc(size_t count, size_t size, bool zeroed);

#endif
