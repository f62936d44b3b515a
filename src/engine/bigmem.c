/* Huge-page hints for the engine's large arrays (bigmem.h). */
#define _DEFAULT_SOURCE /* madvise's MADV_HUGEPAGE */
#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)

void *rnn_big_calloc(size_t count, size_t size)
{
    char *p = calloc(count, size);
#ifdef MADV_HUGEPAGE
    /* Only the whole huge pages inside the block: calloc's large blocks are
     * fresh zero pages from mmap, so neither end is touched here. */
    uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t end = ((uintptr_t)p + count * size) & ~(HUGE_PAGE - 1);
    if (p && end > start)
        madvise((void *)start, end - start, MADV_HUGEPAGE); /* a hint: without it, small pages */
#endif
    return p;
}
