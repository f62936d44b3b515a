/* Counts heap calls made while counting is on: the benches link with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free, so every
 * call from the engine library lands here first. */
#include "alloc_count.h"

#include <stddef.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static bool counting;
static unsigned long long calls;

void alloc_count_start(void)
{
    calls = 0;
    counting = true;
}

unsigned long long alloc_count_stop(void)
{
    counting = false;
    return calls;
}

static void note(void)
{
    if (counting)
        calls++;
}

void *__wrap_malloc(size_t n)
{
    note();
    return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    note();
    return __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    note();
    return __real_realloc(p, n);
}

void __wrap_free(void *p)
{
    note();
    __real_free(p);
}
