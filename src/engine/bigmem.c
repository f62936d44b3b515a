/* Huge-page allocation for the engine's large arrays (bigmem.h). */
#define _DEFAULT_SOURCE /* madvise's MADV_HUGEPAGE */
#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

void *rnn_big_alloc(size_t count, size_t size, bool zeroed)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    size_t bytes = count * size;
    if (bytes < HUGE_PAGE || bytes > SIZE_MAX - HUGE_PAGE)
        return zeroed ? calloc(count, size) : malloc(bytes);
    size_t rounded = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    void *p = aligned_alloc(HUGE_PAGE, rounded);
    if (!p)
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, rounded, MADV_HUGEPAGE); /* a hint: without it, small pages */
#endif
    if (zeroed)
        memset(p, 0, bytes);
    return p;
}
