/* The matrix pane's selection: one set of indices read as each matrix's
 * (row, column), moves that stop at the edges, cycling, and the viewport. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tui/matrix.h"

static const struct rnn_shape shape = {.hidden = 8, .vocab = 5};

static void entry_per_matrix(void **state)
{
    (void)state;
    struct matrix_sel m = {.unit = 3, .chr = 2, .peer = 6};
    const int want[RNN_P_COUNT][2] = {
        [RNN_P_U] = {3, 2}, [RNN_P_W] = {3, 6}, [RNN_P_B] = {3, 0},
        [RNN_P_V] = {2, 3}, [RNN_P_C] = {2, 0},
    };
    for (int id = 0; id < RNN_P_COUNT; id++) {
        m.id = (enum rnn_param_id)id;
        int r, c;
        matrix_entry(&m, &r, &c);
        assert_int_equal(r, want[id][0]);
        assert_int_equal(c, want[id][1]);
    }
}

/* Moving in U changes the unit (rows) and the character (columns); V is
 * the other way round, so the same unit stays selected across matrices. */
static void moves_share_indices_and_stop_at_edges(void **state)
{
    (void)state;
    struct matrix_sel m = {.id = RNN_P_U};
    matrix_move(&m, shape, 2, 1);
    assert_int_equal(m.unit, 2);
    assert_int_equal(m.chr, 1);
    m.id = RNN_P_V;
    matrix_move(&m, shape, 1, 3);
    assert_int_equal(m.chr, 2);
    assert_int_equal(m.unit, 5);
    matrix_move(&m, shape, 100, 100); /* V is 5 x 8 */
    assert_int_equal(m.chr, 4);
    assert_int_equal(m.unit, 7);
    matrix_move(&m, shape, -1000000000, 0);
    assert_int_equal(m.chr, 0);
    m.id = RNN_P_B; /* a vector: columns do not move */
    matrix_move(&m, shape, -3, 5);
    assert_int_equal(m.unit, 4);
    assert_int_equal(m.peer, 0);
    m.id = RNN_P_W;
    matrix_move(&m, shape, 0, 9);
    assert_int_equal(m.peer, 7);
    assert_int_equal(m.unit, 4);
}

static void cycle_wraps_both_ways(void **state)
{
    (void)state;
    struct matrix_sel m = {.id = RNN_P_U};
    matrix_cycle(&m, 1);
    assert_int_equal(m.id, RNN_P_W);
    matrix_cycle(&m, -2);
    assert_int_equal(m.id, RNN_P_C);
    matrix_cycle(&m, RNN_P_COUNT);
    assert_int_equal(m.id, RNN_P_C);
}

static void viewport_keeps_the_selection_centred(void **state)
{
    (void)state;
    assert_int_equal(matrix_first_shown(3, 5, 10), 0); /* all fit */
    assert_int_equal(matrix_first_shown(0, 64, 10), 0);
    assert_int_equal(matrix_first_shown(30, 64, 10), 25);
    assert_int_equal(matrix_first_shown(63, 64, 10), 54);
    for (int at = 0; at < 512; at++) {
        int first = matrix_first_shown(at, 512, 7);
        assert_true(first <= at && at < first + 7 && first + 7 <= 512);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entry_per_matrix),
        cmocka_unit_test(moves_share_indices_and_stop_at_edges),
        cmocka_unit_test(cycle_wraps_both_ways),
        cmocka_unit_test(viewport_keeps_the_selection_centred),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
