/* RNN_FMA_CLONES marks a function whose time goes mostly into explicit fma()
 * calls: on x86-64 with glibc it gets a second copy compiled for the FMA
 * instruction, which the loader picks on a CPU that has it. The bits are the
 * same either way (fma() rounds once, in the instruction as in libm); the
 * portable build calls libm for every fma(), which made the analysis of one
 * state at hidden 512 (the clipping candidates of an explosion: 5 per
 * gradient entry) cost milliseconds per key. Only static functions: Clang 14
 * gives the entry point of an external one another name than the function's,
 * which calls from other files do not reach; an exported function calls its
 * static clones (engine-internal). */
#ifndef RNNSTEP_FMA_CLONES_H
#define RNNSTEP_FMA_CLONES_H

#include <math.h> /* glibc's features.h, for __GLIBC__ */

#if defined(__x86_64__) && defined(__GLIBC__)
#define RNN_FMA_CLONES __attribute__((target_clones("fma", "default")))
#else
#define RNN_FMA_CLONES
#endif

#endif
