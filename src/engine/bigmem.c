/* Aligned, huge-page-hinted engine arrays (bigmem.h). */
#define _DEFAULT_SOURCE /* madvise's MADV_HUGEPAGE */
#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)
#define LINE ((size_t)64)

void *rnn_big_calloc(size_t count, size_t size)
{
    if (size != 0 && count > (SIZE_MAX - 2 * HUGE_PAGE) / size)
        return NULL;
    size_t bytes = count * size;
    size_t align = bytes >= HUGE_PAGE ? HUGE_PAGE : LINE;
    size_t span = (bytes + align - 1) / align * align;
    /* calloc's large blocks are fresh zero pages from mmap, so the slack in
     * front of the aligned start and behind its end is never touched here;
     * the pointer calloc gave sits just before the aligned block. */
    char *raw = calloc(1, span + align + sizeof(void *));
    if (!raw)
        return NULL;
    uintptr_t start = ((uintptr_t)raw + sizeof(void *) + align - 1) & ~(uintptr_t)(align - 1);
    void *p = (void *)start;
    ((void **)p)[-1] = raw;
#ifdef MADV_HUGEPAGE
    if (align == HUGE_PAGE)
        madvise(p, span, MADV_HUGEPAGE); /* a hint: without it, small pages */
#endif
    return p;
}

void rnn_big_free(void *p)
{
    if (p)
        free(((void **)p)[-1]);
}

void rnn_big_prefault(void *p, size_t bytes)
{
    /* One write per page, of the byte already there: inside the huge pages
     * asked for, one fault per 2 MiB. (MADV_POPULATE_WRITE measured slower on
     * the virtual machine rnnstep is benchmarked on.) */
    volatile unsigned char *c = p;
    for (size_t i = 0; i < bytes; i += 4096)
        c[i] = c[i];
    if (bytes)
        c[bytes - 1] = c[bytes - 1];
}
