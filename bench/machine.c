/* What one core of this machine can do, measured rather than assumed, for the
 * corpus benchmark's shares (bench/corpus_bench.sh):
 *  - the FP64 FMA peak: a loop of independent fused multiply-adds on
 *    registers only, with ACCUMULATORS chains (more than FMA latency x FMA
 *    units, so the units never wait), in the widest vectors the CPU has;
 *  - the read bandwidth from a buffer of a given size (the size of W at a
 *    hidden size: 80 KB at 100, 2 MiB at 512, 8 MiB at 1024), read over and
 *    over with vector loads into several sums, so the caches the buffer fits
 *    in set the speed.
 * Times are this thread's CPU time (the machine is shared); each figure is the
 * best of REPEATS runs. Prints "peak GFLOPS ISA" and "read BYTES GB/s" lines.
 * Usage: machine [--peak] [--read BYTES]... */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

enum { ACCUMULATORS = 16, REPEATS = 5 };

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Keeps the compiler from dropping a result. */
static volatile double sink;

#if defined(__x86_64__)
/* n rounds of ACCUMULATORS independent 8-wide FMAs; returns flops done. */
__attribute__((target("avx512f"), noinline)) static double fma_rounds_avx512(long n)
{
    __m512d acc[ACCUMULATORS], a = _mm512_set1_pd(0.999999), b = _mm512_set1_pd(1e-7);
    for (int i = 0; i < ACCUMULATORS; i++)
        acc[i] = _mm512_set1_pd((double)i);
    for (long k = 0; k < n; k++) {
#pragma GCC unroll 16
        for (int i = 0; i < ACCUMULATORS; i++)
            acc[i] = _mm512_fmadd_pd(acc[i], a, b);
        __asm__ volatile("" : "+v"(acc[0]), "+v"(acc[1]), "+v"(acc[2]), "+v"(acc[3]));
    }
    double s = 0.0;
    for (int i = 0; i < ACCUMULATORS; i++)
        s += _mm512_reduce_add_pd(acc[i]);
    sink = s;
    return 2.0 * 8 * ACCUMULATORS * (double)n;
}

__attribute__((target("avx2,fma"), noinline)) static double fma_rounds_avx2(long n)
{
    __m256d acc[ACCUMULATORS], a = _mm256_set1_pd(0.999999), b = _mm256_set1_pd(1e-7);
    for (int i = 0; i < ACCUMULATORS; i++)
        acc[i] = _mm256_set1_pd((double)i);
    for (long k = 0; k < n; k++) {
#pragma GCC unroll 16
        for (int i = 0; i < ACCUMULATORS; i++)
            acc[i] = _mm256_fmadd_pd(acc[i], a, b);
        __asm__ volatile("" : "+x"(acc[0]), "+x"(acc[1]), "+x"(acc[2]), "+x"(acc[3]));
    }
    double s = 0.0;
    double lanes[4];
    for (int i = 0; i < ACCUMULATORS; i++) {
        _mm256_storeu_pd(lanes, acc[i]);
        s += lanes[0] + lanes[1] + lanes[2] + lanes[3];
    }
    sink = s;
    return 2.0 * 4 * ACCUMULATORS * (double)n;
}
#endif

/* Scalar fallback: the compiler keeps the chains in registers. */
static double fma_rounds_scalar(long n)
{
    double acc[ACCUMULATORS];
    for (int i = 0; i < ACCUMULATORS; i++)
        acc[i] = (double)i;
    for (long k = 0; k < n; k++)
        for (int i = 0; i < ACCUMULATORS; i++)
            acc[i] = acc[i] * 0.999999 + 1e-7;
    double s = 0.0;
    for (int i = 0; i < ACCUMULATORS; i++)
        s += acc[i];
    sink = s;
    return 2.0 * ACCUMULATORS * (double)n;
}

static double best_rate(double (*run)(long), long n)
{
    double best = 0.0;
    for (int r = 0; r < REPEATS; r++) {
        double t0 = cpu_seconds(), flops = run(n), dt = cpu_seconds() - t0;
        if (dt > 0 && flops / dt > best)
            best = flops / dt;
    }
    return best;
}

static void print_peak(void)
{
    const char *isa = "scalar";
    double (*run)(long) = fma_rounds_scalar;
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx512f"))
        isa = "avx512", run = fma_rounds_avx512;
    else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        isa = "avx2-fma", run = fma_rounds_avx2;
#endif
    printf("peak %.1f %s\n", best_rate(run, 20000000) * 1e-9, isa);
}

/* Sums the buffer `passes` times into 8 independent sums, so loads, not
 * additions, set the pace; 512-bit loads where the CPU has them, as the
 * AVX-512 kernels use. n is a multiple of 64. */
#if defined(__x86_64__)
__attribute__((target("avx512f"), noinline)) static double read_avx512(const double *buf, size_t n,
                                                                      long passes)
{
    __m512d s[8];
    for (int j = 0; j < 8; j++)
        s[j] = _mm512_setzero_pd();
    for (long p = 0; p < passes; p++) {
        for (size_t i = 0; i < n; i += 64)
#pragma GCC unroll 8
            for (int j = 0; j < 8; j++)
                s[j] = _mm512_add_pd(s[j], _mm512_loadu_pd(buf + i + 8 * j));
        __asm__ volatile("" ::"r"(buf) : "memory");
    }
    double t = 0.0;
    for (int j = 0; j < 8; j++)
        t += _mm512_reduce_add_pd(s[j]);
    return t;
}
#endif

__attribute__((noinline)) static double read_scalar(const double *buf, size_t n, long passes)
{
    double s[8] = {0};
    for (long p = 0; p < passes; p++) {
        for (size_t i = 0; i < n; i += 8)
            for (int j = 0; j < 8; j++)
                s[j] += buf[i + j];
        __asm__ volatile("" ::"r"(buf) : "memory");
    }
    double t = 0.0;
    for (int j = 0; j < 8; j++)
        t += s[j];
    return t;
}

static double read_passes(const double *buf, size_t n, long passes)
{
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx512f"))
        return read_avx512(buf, n, passes);
#endif
    return read_scalar(buf, n, passes);
}

static void print_read(size_t bytes)
{
    size_t n = bytes / sizeof(double) / 64 * 64; /* whole 512-byte blocks of the size asked */
    double *buf = malloc(n * sizeof(double));
    if (!buf)
        return;
    for (size_t i = 0; i < n; i++)
        buf[i] = 1.0 / (double)(i + 1);
    double read = (double)n * sizeof(double);
    long passes = (long)(4e9 / read) + 1; /* about 4 GB read per run */
    double best = 0.0;
    for (int r = 0; r < REPEATS; r++) {
        double t0 = cpu_seconds();
        sink = read_passes(buf, n, passes);
        double dt = cpu_seconds() - t0, rate = read * (double)passes / dt;
        if (dt > 0 && rate > best)
            best = rate;
    }
    printf("read %zu %.1f\n", bytes, best * 1e-9);
    free(buf);
}

int main(int argc, char **argv)
{
#if defined(__x86_64__)
    __builtin_cpu_init();
#endif
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--peak") == 0)
            print_peak();
        else if (strcmp(argv[i], "--read") == 0 && i + 1 < argc)
            print_read(strtoull(argv[++i], NULL, 10));
        else {
            fprintf(stderr, "usage: machine [--peak] [--read BYTES]...\n");
            return 2;
        }
    }
    return 0;
}
