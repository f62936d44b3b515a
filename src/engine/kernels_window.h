/* Whole-window training for larger hidden sizes (included by kernels_body.h):
 * the products that do not depend on the recurrence (Omega_t = V h_t for all
 * t, dV and dW) run as register-tiled matrix-matrix products over the window;
 * W h_{t-1}, W^T dr_t and V^T dy_t run once per step as register-tiled
 * single-row products. Every output element still
 * accumulates its terms one fma at a time in the step kernels' order; tiles
 * only choose which elements are computed together, never split a sum. */
#include <stdbool.h>
#include <stddef.h>

#if defined(__AVX512F__)
#include <immintrin.h>
typedef __m512d vec;
typedef __mmask8 vec_mask; /* the lanes of a partial vector */
#define VLEN 8
#define TILE_ROWS 5 /* 5 x 4 accumulators + 4 B vectors + 1 broadcast of 32 registers */
#define TILE_VECS 4
#define ROW_VECS 16 /* a single-row product keeps up to 16 output vectors in registers */
static inline vec_mask vec_mask_of(int n)
{
    return (__mmask8)((1u << n) - 1);
}
static inline vec vec_load(const double *p)
{
    return _mm512_loadu_pd(p);
}
static inline vec vec_load_masked(const double *p, vec_mask m)
{
    return _mm512_maskz_loadu_pd(m, p);
}
static inline void vec_store(double *p, vec v)
{
    _mm512_storeu_pd(p, v);
}
static inline void vec_store_masked(double *p, vec v, vec_mask m)
{
    _mm512_mask_storeu_pd(p, m, v);
}
static inline vec vec_fma(vec a, vec b, vec c)
{
    return _mm512_fmadd_pd(a, b, c);
}
static inline vec vec_splat(double x)
{
    return _mm512_set1_pd(x);
}
/* dst (8 rows, stride ldd) = the transpose of src (8 x 8, stride lds). */
static inline void vec_transpose_tile(double *dst, ptrdiff_t ldd, const double *src, ptrdiff_t lds)
{
    __m512d a[8], b[8];
    for (int i = 0; i < 8; i++)
        a[i] = _mm512_loadu_pd(src + i * lds);
    for (int i = 0; i < 8; i += 2) { /* 2 x 2 blocks */
        b[i] = _mm512_unpacklo_pd(a[i], a[i + 1]);
        b[i + 1] = _mm512_unpackhi_pd(a[i], a[i + 1]);
    }
    const __m512i pair_lo = _mm512_setr_epi64(0, 1, 8, 9, 4, 5, 12, 13);
    const __m512i pair_hi = _mm512_setr_epi64(2, 3, 10, 11, 6, 7, 14, 15);
    for (int i = 0; i < 8; i += 4) /* 4 x 4 blocks */
        for (int k = 0; k < 2; k++) {
            a[i + k] = _mm512_permutex2var_pd(b[i + k], pair_lo, b[i + k + 2]);
            a[i + k + 2] = _mm512_permutex2var_pd(b[i + k], pair_hi, b[i + k + 2]);
        }
    const __m512i half_lo = _mm512_setr_epi64(0, 1, 2, 3, 8, 9, 10, 11);
    const __m512i half_hi = _mm512_setr_epi64(4, 5, 6, 7, 12, 13, 14, 15);
    for (int k = 0; k < 4; k++) { /* 8 x 8 */
        _mm512_storeu_pd(dst + k * ldd, _mm512_permutex2var_pd(a[k], half_lo, a[k + 4]));
        _mm512_storeu_pd(dst + (k + 4) * ldd, _mm512_permutex2var_pd(a[k], half_hi, a[k + 4]));
    }
}
#elif defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
typedef __m256d vec;
typedef __m256i vec_mask;
#define VLEN 4
#define TILE_ROWS 4 /* 4 x 3 accumulators + 3 B vectors + 1 broadcast of 16 registers */
#define TILE_VECS 3
#define ROW_VECS 12
static inline vec_mask vec_mask_of(int n)
{
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(n), _mm256_setr_epi64x(0, 1, 2, 3));
}
static inline vec vec_load(const double *p)
{
    return _mm256_loadu_pd(p);
}
static inline vec vec_load_masked(const double *p, vec_mask m)
{
    return _mm256_maskload_pd(p, m);
}
static inline void vec_store(double *p, vec v)
{
    _mm256_storeu_pd(p, v);
}
static inline void vec_store_masked(double *p, vec v, vec_mask m)
{
    _mm256_maskstore_pd(p, m, v);
}
static inline vec vec_fma(vec a, vec b, vec c)
{
    return _mm256_fmadd_pd(a, b, c);
}
static inline vec vec_splat(double x)
{
    return _mm256_set1_pd(x);
}
/* dst (4 rows, stride ldd) = the transpose of src (4 x 4, stride lds). */
static inline void vec_transpose_tile(double *dst, ptrdiff_t ldd, const double *src, ptrdiff_t lds)
{
    __m256d r0 = _mm256_loadu_pd(src), r1 = _mm256_loadu_pd(src + lds);
    __m256d r2 = _mm256_loadu_pd(src + 2 * lds), r3 = _mm256_loadu_pd(src + 3 * lds);
    __m256d t0 = _mm256_unpacklo_pd(r0, r1), t1 = _mm256_unpackhi_pd(r0, r1);
    __m256d t2 = _mm256_unpacklo_pd(r2, r3), t3 = _mm256_unpackhi_pd(r2, r3);
    _mm256_storeu_pd(dst, _mm256_permute2f128_pd(t0, t2, 0x20));
    _mm256_storeu_pd(dst + ldd, _mm256_permute2f128_pd(t1, t3, 0x20));
    _mm256_storeu_pd(dst + 2 * ldd, _mm256_permute2f128_pd(t0, t2, 0x31));
    _mm256_storeu_pd(dst + 3 * ldd, _mm256_permute2f128_pd(t1, t3, 0x31));
}
#else
typedef double vec;
typedef int vec_mask; /* a one-double vector is never partial */
#define VLEN 1
#define TILE_ROWS 4
#define TILE_VECS 4
#define ROW_VECS 8
static inline vec_mask vec_mask_of(int n)
{
    return n;
}
static inline vec vec_load(const double *p)
{
    return *p;
}
static inline vec vec_load_masked(const double *p, vec_mask m)
{
    return (void)m, *p;
}
static inline void vec_store(double *p, vec v)
{
    *p = v;
}
static inline void vec_store_masked(double *p, vec v, vec_mask m)
{
    (void)m, *p = v;
}
static inline vec vec_fma(vec a, vec b, vec c)
{
    return fma(a, b, c);
}
static inline vec vec_splat(double x)
{
    return x;
}
static inline void vec_transpose_tile(double *dst, ptrdiff_t ldd, const double *src, ptrdiff_t lds)
{
    (void)ldd, (void)lds, *dst = *src;
}
#endif

/* The tile dispatch below instantiates single rows of up to this many vectors. */
#define ROW_VECS_MAX 16

/* C[m][n] += sum over k = 0..depth-1, in that order, of A(m, k) B(k, n), where
 * A(m, k) = a[m a_m + k a_k] and row k of B starts at b + k b_k (negative
 * strides walk the window backwards, as BPTT does). With `fresh`, C starts
 * from +0 instead of its contents: the same bits as adding onto a zeroed C,
 * without a pass to zero it. */
struct block_product {
    double *c;
    ptrdiff_t ldc;
    const double *a;
    ptrdiff_t a_m, a_k;
    const double *b;
    ptrdiff_t b_k;
    int depth;
    bool fresh;
    /* Visit the column parts last to first: a matrix too large for the L2
     * cache read in alternating directions by successive steps finds the
     * part it read last still there. Only which elements go first changes,
     * never a sum's order. */
    bool reverse;
};

/* One register tile: rows m0..m0+mr-1, vectors n0.. (the last holding `last`
 * doubles, loaded and stored through a mask). mr and nv are constants after
 * inlining, so acc lives in registers. */
static inline __attribute__((always_inline)) void block_tile(const struct block_product *p, int m0,
                                                             int mr, int n0, int nv, int last)
{
    vec acc[TILE_ROWS][ROW_VECS_MAX];
    vec_mask mask = vec_mask_of(last);
    double *c = p->c + m0 * p->ldc + n0;
#pragma GCC unroll 16
    for (int r = 0; r < mr; r++) {
#pragma GCC unroll 16
        for (int v = 0; v < nv - 1; v++)
            acc[r][v] = p->fresh ? vec_splat(0.0) : vec_load(c + r * p->ldc + v * VLEN);
        acc[r][nv - 1] =
            p->fresh ? vec_splat(0.0) : vec_load_masked(c + r * p->ldc + (nv - 1) * VLEN, mask);
    }
    const double *a = p->a + m0 * p->a_m, *b = p->b + n0;
    for (int k = 0; k < p->depth; k++, a += p->a_k, b += p->b_k) {
        vec bv[ROW_VECS_MAX];
#pragma GCC unroll 16
        for (int v = 0; v < nv - 1; v++)
            bv[v] = vec_load(b + v * VLEN);
        bv[nv - 1] = vec_load_masked(b + (nv - 1) * VLEN, mask);
#pragma GCC unroll 16
        for (int r = 0; r < mr; r++) {
            vec av = vec_splat(a[r * p->a_m]);
#pragma GCC unroll 16
            for (int v = 0; v < nv; v++)
                acc[r][v] = vec_fma(av, bv[v], acc[r][v]);
        }
    }
#pragma GCC unroll 16
    for (int r = 0; r < mr; r++) {
#pragma GCC unroll 16
        for (int v = 0; v < nv - 1; v++)
            vec_store(c + r * p->ldc + v * VLEN, acc[r][v]);
        vec_store_masked(c + r * p->ldc + (nv - 1) * VLEN, acc[r][nv - 1], mask);
    }
}

#define TILE_CASE(R, V)                                                                            \
    case V:                                                                                        \
        block_tile(p, m0, R, n0, V, last);                                                         \
        return;
#define TILE_CASES_4(R) TILE_CASE(R, 1) TILE_CASE(R, 2) TILE_CASE(R, 3) TILE_CASE(R, 4)
#define TILE_CASES_16(R)                                                                           \
    TILE_CASES_4(R)                                                                                \
    TILE_CASE(R, 5)                                                                                \
    TILE_CASE(R, 6)                                                                                \
    TILE_CASE(R, 7)                                                                                \
    TILE_CASE(R, 8)                                                                                \
    TILE_CASE(R, 9)                                                                                \
    TILE_CASE(R, 10)                                                                               \
    TILE_CASE(R, 11)                                                                               \
    TILE_CASE(R, 12) TILE_CASE(R, 13) TILE_CASE(R, 14) TILE_CASE(R, 15) TILE_CASE(R, 16)

/* The tile for mr x nv with mr <= TILE_ROWS and nv <= TILE_VECS, or a single
 * row of nv <= ROW_VECS vectors. */
static void block_tile_any(const struct block_product *p, int m0, int mr, int n0, int nv, int last)
{
    switch (mr) {
    case 1:
        switch (nv) {
            TILE_CASES_16(1)
        }
        break;
    case 2:
        switch (nv) {
            TILE_CASES_4(2)
        }
        break;
    case 3:
        switch (nv) {
            TILE_CASES_4(3)
        }
        break;
    case 4:
        switch (nv) {
            TILE_CASES_4(4)
        }
        break;
#if TILE_ROWS > 4
    case 5:
        switch (nv) {
            TILE_CASES_4(5)
        }
        break;
#endif
    default: break;
    }
}

/* Splits n items into the fewest parts of at most `most`, sizes differing by
 * at most one, so no tile is left with too few accumulators to hide latency. */
static inline int part_count(int n, int most)
{
    return (n + most - 1) / most;
}
static inline int part_start(int n, int parts, int i)
{
    return i * (n / parts) + (i < n % parts ? i : n % parts);
}

/* C (rows x cols) += A B as described at struct block_product. */
static void block_product(const struct block_product *p, int rows, int cols)
{
    int nvec = (cols + VLEN - 1) / VLEN;
    int tile_rows = rows == 1 ? 1 : TILE_ROWS, tile_vecs = rows == 1 ? ROW_VECS : TILE_VECS;
    int rparts = part_count(rows, tile_rows), cparts = part_count(nvec, tile_vecs);
    for (int i = 0; i < cparts; i++) {
        int ci = p->reverse ? cparts - 1 - i : i;
        int v0 = part_start(nvec, cparts, ci), v1 = part_start(nvec, cparts, ci + 1);
        int last = v1 == nvec ? cols - (nvec - 1) * VLEN : VLEN;
        for (int ri = 0; ri < rparts; ri++) {
            int m0 = part_start(rows, rparts, ri), m1 = part_start(rows, rparts, ri + 1);
            block_tile_any(p, m0, m1 - m0, v0 * VLEN, v1 - v0, last);
        }
    }
}

/* Step t's recurrence: z_t = U x_t + b + W h_{t-1} (one single-row product),
 * h_t = tanh z_t. */
static void recurrence_step(const struct rnn_model *m, struct rnn_ws *w, int t, int x)
{
    int H = m->s.hidden;
    double *zt = w->z + (size_t)(t - 1) * H;
    const double *ux = m->Ut + (size_t)x * H;
#pragma omp simd
    for (int i = 0; i < H; i++)
        zt[i] = ux[i] + m->p.b[i];
    struct block_product wh = {zt, H, w->h + (size_t)(t - 1) * H, 0, 1, m->Wt, H, H, false,
                               t % 2 == 0};
    block_product(&wh, 1, H);
    tanh_array(w->h + (size_t)t * H, zt, H);
}

/* Forward t = f0 + 1..f1: the recurrence step by step, then Omega_t = c + V h_t
 * for those t as one product and their softmax losses. */
static void window_forward(const struct rnn_model *m, struct rnn_ws *w, const uint8_t *ids, int f0,
                           int f1)
{
    int H = m->s.hidden, K = m->s.vocab;
    for (int t = f0 + 1; t <= f1; t++)
        recurrence_step(m, w, t, ids[t - 1]);
    for (int t = f0; t < f1; t++)
        copy(w->o + (size_t)t * K, m->p.c, K);
    struct block_product vh = {
        w->o + (size_t)f0 * K, K, w->h + (size_t)(f0 + 1) * H, H, 1, m->Vt, K, H, false, false};
    block_product(&vh, f1 - f0, K);
    for (int t = f0 + 1; t <= f1; t++) {
        size_t at = (size_t)(t - 1) * K;
        w->loss[t - 1] = softmax_loss(w->o + at, w->y + at, K, ids[t], &w->pred[t - 1]);
    }
}

/* dy_t for t = hi..lo, then dc and dV (terms t = hi..lo, dV as one product;
 * with `fresh` it starts from zero instead of adding onto dV). */
static void window_output_gradients(const struct rnn_model *m, struct rnn_ws *w, const uint8_t *ids,
                                    const struct window_span *sp)
{
    int H = m->s.hidden, K = m->s.vocab;
    for (int t = sp->hi; t >= sp->lo; t--) {
        double *dyt = w->dy + (size_t)(t - 1) * K;
        copy(dyt, w->y + (size_t)(t - 1) * K, K);
        dyt[ids[t]] -= 1.0;
    }
    for (int t = sp->hi; t >= sp->lo; t--)
        for (int i = 0; i < K; i++)
            w->g.c[i] += w->dy[(size_t)(t - 1) * K + i];
    struct block_product dv = {w->g.V,
                               H,
                               w->dy + (size_t)(sp->hi - 1) * K,
                               1,
                               -K,
                               w->h + (size_t)sp->hi * H,
                               -H,
                               sp->hi - sp->lo + 1,
                               sp->fresh,
                               false};
    block_product(&dv, K, H);
}

/* Step t's share of BPTT apart from dc, dV and dW: dh_t = dh_next + V^T dy_t,
 * dr_t, db, dU, and dh_next = W^T dr_t. V^T dy_t adds its terms onto dh_next
 * as the plain step kernels do (changing that order would change every
 * trained model's bits); V is small enough to stay in cache. */
static void backward_core(const struct rnn_model *m, struct rnn_ws *w, int t, int x)
{
    int H = m->s.hidden, K = m->s.vocab;
    const double *ht = w->h + (size_t)t * H;
    double *dht = w->dh + (size_t)(t - 1) * H, *drt = w->dr + (size_t)(t - 1) * H;
    double *gu = w->g.U + x;
    copy(dht, w->dh_next, H);
    struct block_product vdy = {dht, H, w->dy + (size_t)(t - 1) * K, 0, 1, m->p.V, H, K, false,
                                false};
    block_product(&vdy, 1, H);
#pragma omp simd
    for (int i = 0; i < H; i++) {
        drt[i] = (1.0 - ht[i] * ht[i]) * dht[i];
        w->g.b[i] += drt[i];
    }
    for (int i = 0; i < H; i++)
        gu[(size_t)i * K] += drt[i];
    struct block_product wdr = {w->dh_next, H, drt, 0, 1, m->p.W, H, H, true, t % 2 == 0};
    block_product(&wdr, 1, H);
}

/* t = hi..lo: the steps' cores, then dW (terms t = hi..lo) as one product. */
static void window_backward(const struct rnn_model *m, struct rnn_ws *w, const uint8_t *ids,
                            const struct window_span *sp)
{
    int H = m->s.hidden;
    for (int t = sp->hi; t >= sp->lo; t--)
        backward_core(m, w, t, ids[t - 1]);
    struct block_product dw = {w->g.W,
                               H,
                               w->dr + (size_t)(sp->hi - 1) * H,
                               1,
                               -H,
                               w->h + (size_t)(sp->hi - 1) * H,
                               -H,
                               sp->hi - sp->lo + 1,
                               sp->fresh,
                               false};
    block_product(&dw, H, H);
}

/* dV and dW are written fresh by their products; the gradients that add a
 * term per step start from zero here. */
static void window_clear_sums(const struct rnn_model *m, struct rnn_ws *w)
{
    size_t H = (size_t)m->s.hidden, K = (size_t)m->s.vocab;
    memset(w->g.U, 0, H * K * sizeof(double));
    memset(w->g.b, 0, H * sizeof(double));
    memset(w->g.c, 0, K * sizeof(double));
    memset(w->dh_next, 0, H * sizeof(double));
}

/* Micro-steps done..todo-1 in the blocked form. The backward's sums start
 * from zero when it begins here (dV and dW written fresh), else they go on
 * from the gradient the earlier micro-steps left. */
static void window_blocked(const struct rnn_model *m, struct rnn_ws *w, const uint8_t *ids,
                           const struct window_span *sp)
{
    window_forward(m, w, ids, sp->f0, sp->f1);
    if (sp->lo > sp->hi)
        return;
    if (sp->fresh)
        window_clear_sums(m, w);
    window_output_gradients(m, w, ids, sp);
    window_backward(m, w, ids, sp);
}

/* Micro-steps for the larger hidden sizes: the window's per-step parts, and
 * its blocked products for one step (a single output row, a rank-one update
 * of dV and dW), so a micro-step costs what the window spends per step and
 * gives the same bits, which the plain step kernels' scalar loops would too,
 * only slower. */
static double forward_step_blocked(const struct rnn_model *m, struct rnn_ws *w, int t, int x,
                                   int target)
{
    int H = m->s.hidden, K = m->s.vocab;
    recurrence_step(m, w, t, x);
    double *ot = w->o + (size_t)(t - 1) * K;
    copy(ot, m->p.c, K);
    struct block_product vh = {ot, K, w->h + (size_t)t * H, 0, 1, m->Vt, K, H, false, false};
    block_product(&vh, 1, K);
    double L = softmax_loss(ot, w->y + (size_t)(t - 1) * K, K, target, &w->pred[t - 1]);
    w->loss[t - 1] = L;
    return L;
}

static void backward_step_blocked(const struct rnn_model *m, struct rnn_ws *w, int t, int x,
                                  int target)
{
    int H = m->s.hidden, K = m->s.vocab;
    double *dyt = w->dy + (size_t)(t - 1) * K;
    copy(dyt, w->y + (size_t)(t - 1) * K, K);
    dyt[target] -= 1.0;
    for (int i = 0; i < K; i++)
        w->g.c[i] += dyt[i];
    struct block_product dv = {w->g.V, H, dyt, 1, 0, w->h + (size_t)t * H, 0, 1, false, false};
    block_product(&dv, K, H);
    backward_core(m, w, t, x);
    struct block_product dw = {
        w->g.W, H, w->dr + (size_t)(t - 1) * H, 1, 0, w->h + (size_t)(t - 1) * H, 0, 1, false,
        false};
    block_product(&dw, H, H);
}

/* dst (cols x rows, row stride ldd) = the transpose of src (rows x cols, row
 * stride lds), for the model's transposed copies: in 8 x 8 blocks (one
 * 4 KiB-strided column of a large matrix would evict itself from the cache),
 * each made of register tiles of VLEN x VLEN, the edges element by element;
 * eight rows of dst at a time, so each is written in one run. */
static void transpose_part(double *restrict dst, size_t ldd, const double *restrict src,
                           size_t lds, size_t rows, size_t cols)
{
    enum { BLOCK = 8 };
    for (size_t c0 = 0; c0 < cols; c0 += BLOCK)
        for (size_t r0 = 0; r0 < rows; r0 += BLOCK) {
            size_t r1 = r0 + BLOCK < rows ? r0 + BLOCK : rows,
                   c1 = c0 + BLOCK < cols ? c0 + BLOCK : cols;
            if (r1 - r0 == BLOCK && c1 - c0 == BLOCK) {
                for (size_t r = r0; r < r1; r += VLEN)
                    for (size_t c = c0; c < c1; c += VLEN)
                        vec_transpose_tile(dst + c * ldd + r, (ptrdiff_t)ldd, src + r * lds + c,
                                           (ptrdiff_t)lds);
                continue;
            }
            for (size_t r = r0; r < r1; r++)
                for (size_t c = c0; c < c1; c++)
                    dst[c * ldd + r] = src[r * lds + c];
        }
}

static void transpose(double *restrict dst, const double *restrict src, int rows, int cols)
{
    transpose_part(dst, (size_t)rows, src, (size_t)cols, (size_t)rows, (size_t)cols);
}
