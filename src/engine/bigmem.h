/* Large engine arrays (checkpoint ring, parameter and gradient blocks) on
 * transparent huge pages where the kernel offers them: one page fault per
 * 2 MiB instead of per 4 KiB, which on a virtual machine costs as much CPU
 * as several iterations of training (engine-internal). */
#ifndef RNNSTEP_BIGMEM_H
#define RNNSTEP_BIGMEM_H

#include <stddef.h>

/* calloc(count, size), with the huge pages inside the block asked for
 * (pages are still taken only when first written); free with free(). */
void *rnn_big_calloc(size_t count, size_t size);

#endif
