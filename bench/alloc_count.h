/* Heap-call counter for the benches (see alloc_count.c). */
#ifndef RNNSTEP_BENCH_ALLOC_COUNT_H
#define RNNSTEP_BENCH_ALLOC_COUNT_H

#include <stdbool.h>

/* Zeroes the counter and starts counting malloc/calloc/realloc/free calls. */
void alloc_count_start(void);
/* Stops counting; returns the calls made since alloc_count_start. */
unsigned long long alloc_count_stop(void);

#endif
