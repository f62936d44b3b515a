/* The kernels: every instruction-set variant gives the same bits as the
 * generic one, the window kernel equals the steps one by one, and the
 * engine's own tanh and exp are accurate to a few ulp of glibc's. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engine/core.h"
#include "engine/kernels.h"

#define SEQ 7

struct fixture {
    struct rnn_model m;
    struct rnn_ws w;
    uint8_t ids[SEQ + 1];
};

static void fixture_open(struct fixture *f, struct rnn_shape s, uint64_t seed)
{
    assert_int_equal(rnn_model_init(&f->m, s), 0);
    assert_int_equal(rnn_ws_init(&f->w, s, SEQ), 0);
    rnn_init_random(s, seed, f->m.theta);
    for (size_t i = 0; i < f->m.count; i++) /* non-zero biases too */
        f->m.theta[i] += 0.01 * (double)(i % 7);
    rnn_model_sync(&f->m);
    for (int t = 0; t <= SEQ; t++)
        f->ids[t] = (uint8_t)((t * 5 + 3) % s.vocab);
}

static void fixture_close(struct fixture *f)
{
    rnn_model_free(&f->m);
    rnn_ws_free(&f->w);
}

/* Runs one whole window with the given table from h_0 = 0.3 (all entries). */
static double run_window(struct fixture *f, const struct rnn_kernels *k)
{
    int H = f->m.s.hidden;
    for (int i = 0; i < H; i++)
        f->w.h[i] = 0.3;
    memset(f->w.grad, 0, f->m.count * sizeof(double));
    memset(f->w.dh_next, 0, (size_t)H * sizeof(double));
    return k->window(&f->m, &f->w, f->ids, 0, 2 * SEQ);
}

/* Everything a window computes, as one byte string to compare. */
static void snapshot(const struct fixture *f, double *out)
{
    size_t H = (size_t)f->m.s.hidden, K = (size_t)f->m.s.vocab, n = 0;
    memcpy(out + n, f->w.h, (SEQ + 1) * H * sizeof(double)), n += (SEQ + 1) * H;
    memcpy(out + n, f->w.y, SEQ * K * sizeof(double)), n += SEQ * K;
    memcpy(out + n, f->w.dr, SEQ * H * sizeof(double)), n += SEQ * H;
    memcpy(out + n, f->w.grad, f->m.count * sizeof(double));
}

static size_t snapshot_len(const struct fixture *f)
{
    size_t H = (size_t)f->m.s.hidden, K = (size_t)f->m.s.vocab;
    return (SEQ + 1) * H + SEQ * K + 2 * SEQ * H + f->m.count;
}

/* Hidden sizes from 16 on take the blocked whole-window path: 100 x 65 is the
 * benchmark's shape, 133 x 37 leaves partial vectors at every width, 260 x 20
 * needs several column tiles per row. */
static const struct rnn_shape shapes[] = {{1, 4},  {3, 5},    {8, 3},    {17, 65},
                                          {70, 9}, {100, 65}, {133, 37}, {260, 20}};

static void variants_give_the_generic_bits(void **state)
{
    (void)state;
    const struct rnn_kernels *best = rnn_kernels_select();
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        struct fixture f;
        fixture_open(&f, shapes[i], 40 + i);
        size_t n = snapshot_len(&f);
        double *a = test_malloc(n * sizeof(double)), *b = test_malloc(n * sizeof(double));
        double la = run_window(&f, &rnn_kernels_generic);
        snapshot(&f, a);
        double lb = run_window(&f, best);
        snapshot(&f, b);
        assert_memory_equal(&la, &lb, sizeof la);
        assert_memory_equal(a, b, n * sizeof(double));
        test_free(a);
        test_free(b);
        fixture_close(&f);
    }
}

static void window_equals_steps(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        struct fixture f;
        fixture_open(&f, shapes[i], 70 + i);
        size_t n = snapshot_len(&f);
        double *a = test_malloc(n * sizeof(double)), *b = test_malloc(n * sizeof(double));
        double la = run_window(&f, f.m.k);
        snapshot(&f, a);
        run_window(&f, f.m.k); /* same start state again, then step */
        memset(f.w.grad, 0, f.m.count * sizeof(double));
        memset(f.w.dh_next, 0, (size_t)f.m.s.hidden * sizeof(double));
        double lb = 0.0;
        for (int t = 1; t <= SEQ; t++)
            lb += rnn_forward_step(&f.m, &f.w, t, f.ids[t - 1], f.ids[t]);
        for (int t = SEQ; t >= 1; t--)
            rnn_backward_step(&f.m, &f.w, t, f.ids[t - 1], f.ids[t]);
        snapshot(&f, b);
        assert_memory_equal(&la, &lb, sizeof la);
        assert_memory_equal(a, b, n * sizeof(double));
        test_free(a);
        test_free(b);
        fixture_close(&f);
    }
}

/* Every table's transpose (register tiles and element-by-element edges) is
 * the transpose, for shapes with and without whole 8 x 8 blocks. */
static void transposes_are_exact(void **state)
{
    (void)state;
    static const int dims[][2] = {{1, 1}, {3, 5}, {8, 8}, {16, 24}, {17, 65}, {65, 100}, {37, 9}};
    const struct rnn_kernels *tables[] = {&rnn_kernels_generic, rnn_kernels_select()};
    for (size_t d = 0; d < sizeof dims / sizeof dims[0]; d++) {
        int rows = dims[d][0], cols = dims[d][1];
        size_t n = (size_t)rows * cols;
        double *src = test_malloc(n * sizeof(double)), *dst = test_malloc(n * sizeof(double));
        for (size_t i = 0; i < n; i++)
            src[i] = (double)i + 0.5;
        for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
            memset(dst, 0, n * sizeof(double));
            tables[k]->transpose(dst, src, rows, cols);
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    assert_true(dst[(size_t)c * rows + r] == src[(size_t)r * cols + c]);
        }
        test_free(src);
        test_free(dst);
    }
}

/* One Adagrad update with clipping of m's theta (from an empty memory) into
 * m.before by table k, writing m's transposed copies too when `with_copies`;
 * out gets the new parameters, the applied gradient, the new memory (count
 * each) and the two norms. */
static void update_into(struct fixture *f, const struct rnn_kernels *k, bool with_copies,
                        const double *g, double *out)
{
    size_t n = f->m.count;
    double *memory = test_calloc(n, sizeof(double));
    struct rnn_opt_state st = {.s1 = memory, .s2 = memory, .prev1 = out + 2 * n, .prev2 = NULL};
    const struct rnn_settings set = {.lr = 0.1, .optimizer = RNN_OPT_ADAGRAD, .clip = 0.5};
    const struct rnn_update_arrays a = {f->m.theta, f->m.before, out + n,
                                        g,          n,           with_copies ? &f->m : NULL};
    struct rnn_update_norms norms;
    rnn_opt_update(k, &set, &st, &a, &norms);
    memcpy(out, f->m.before, n * sizeof(double));
    out[3 * n] = norms.grad;
    out[3 * n + 1] = norms.step;
    test_free(memory);
}

/* The update that refreshes the transposed copies strip by strip gives the
 * bits of the plain update, and the copies rnn_model_sync would make. */
static void update_writes_the_transposes(void **state)
{
    (void)state;
    static const struct rnn_shape sizes[] = {{1, 4}, {3, 1}, {17, 65}, {100, 65}, {133, 37}};
    const struct rnn_kernels *tables[] = {&rnn_kernels_generic, rnn_kernels_select()};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
            struct fixture f;
            fixture_open(&f, sizes[i], 90 + i);
            size_t n = f.m.count, hv = (size_t)sizes[i].hidden * sizes[i].vocab,
                   hh = (size_t)sizes[i].hidden * sizes[i].hidden;
            double *g = test_malloc(n * sizeof(double));
            double *plain = test_malloc((3 * n + 2) * sizeof(double));
            double *fused = test_malloc((3 * n + 2) * sizeof(double));
            double *copies = test_malloc((2 * hv + hh) * sizeof(double));
            for (size_t j = 0; j < n; j++)
                g[j] = sin((double)j); /* some beyond the clip, all distinct */
            update_into(&f, tables[k], false, g, plain);
            update_into(&f, tables[k], true, g, fused);
            assert_memory_equal(plain, fused, (3 * n + 2) * sizeof(double));
            rnn_model_exchange(&f.m);
            memcpy(copies, f.m.Ut, hv * sizeof(double));
            memcpy(copies + hv, f.m.Vt, hv * sizeof(double));
            memcpy(copies + 2 * hv, f.m.Wt, hh * sizeof(double));
            rnn_model_sync(&f.m);
            assert_memory_equal(copies, f.m.Ut, hv * sizeof(double));
            assert_memory_equal(copies + hv, f.m.Vt, hv * sizeof(double));
            assert_memory_equal(copies + 2 * hv, f.m.Wt, hh * sizeof(double));
            test_free(g);
            test_free(plain);
            test_free(fused);
            test_free(copies);
            fixture_close(&f);
        }
}

static double ulps(double got, double want)
{
    if (got == want)
        return 0.0;
    return fabs(got - want) / (nextafter(fabs(want), INFINITY) - fabs(want));
}

/* With W = 0 and b = 0, h_1 = tanh(column x of U): the engine's tanh over a
 * sweep of arguments, small, moderate, large, signed zero and infinities. */
static void tanh_is_accurate(void **state)
{
    (void)state;
    enum { N = 1000 };
    struct rnn_model m;
    struct rnn_ws w;
    struct rnn_shape s = {N, 2};
    assert_int_equal(rnn_model_init(&m, s), 0);
    assert_int_equal(rnn_ws_init(&w, s, 1), 0);
    for (int i = 0; i < N; i++)
        m.p.U[(size_t)i * 2] = (i % 2 ? -1.0 : 1.0) * 1e-12 * pow(1.06, i / 2.0);
    m.p.U[0] = 0.0;
    m.p.b[1] = -0.0; /* z = -0 + -0 = -0 */
    m.p.U[2] = -0.0;
    m.p.U[4] = INFINITY;
    m.p.U[6] = -INFINITY;
    rnn_model_sync(&m);
    rnn_forward_step(&m, &w, 1, 0, 1);
    double worst = 0.0;
    for (int i = 0; i < N; i++) {
        double z = w.z[i], h = w.h[N + i];
        assert_true(!signbit(h) == !signbit(z));
        double e = ulps(h, tanh(z));
        worst = e > worst ? e : worst;
    }
    assert_true(worst <= 4.0);
    rnn_model_free(&m);
    rnn_ws_free(&w);
}

/* With V = 0, yhat = softmax(c): the engine's exp against glibc's, down to
 * differences that underflow. */
static void softmax_exp_is_accurate(void **state)
{
    (void)state;
    enum { K = 200 };
    struct rnn_model m;
    struct rnn_ws w;
    struct rnn_shape s = {1, K};
    assert_int_equal(rnn_model_init(&m, s), 0);
    assert_int_equal(rnn_ws_init(&w, s, 1), 0);
    for (int i = 0; i < K; i++)
        m.p.c[i] = -800.0 + 4.0 * i + 0.37 * (i % 3);
    rnn_model_sync(&m);
    rnn_forward_step(&m, &w, 1, 0, K - 1);
    double mx = m.p.c[K - 1], sum = 0.0;
    for (int i = 0; i < K; i++)
        sum += exp(m.p.c[i] - mx);
    for (int i = 0; i < K; i++) {
        double want = exp(m.p.c[i] - mx) / sum;
        if (want > 0x1p-1000)
            assert_true(ulps(w.y[i], want) <= 4.0);
        else
            assert_true(fabs(w.y[i] - want) <= 0x1p-1000);
    }
    rnn_model_free(&m);
    rnn_ws_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(variants_give_the_generic_bits),
        cmocka_unit_test(window_equals_steps),
        cmocka_unit_test(transposes_are_exact),
        cmocka_unit_test(update_writes_the_transposes),
        cmocka_unit_test(tanh_is_accurate),
        cmocka_unit_test(softmax_exp_is_accurate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
