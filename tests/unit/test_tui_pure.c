/* The visualiser's pure parts: the count-prefix parser, the help text
 * generated from the key table, the sparkline widget, number formatting and
 * the loss chart's axes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tui/format.h"
#include "tui/input.h"
#include "tui/sparkline.h"
#include "tui/ticks.h"

/* Feeds a string of keys; returns how many commands came out, the last in *out. */
static int feed(struct input_state *st, const char *keys, struct command *out)
{
    int n = 0;
    for (; *keys; keys++)
        n += input_feed(st, (unsigned char)*keys, out);
    return n;
}

static void test_count_prefix(void **state)
{
    (void)state;
    struct input_state st = {0};
    struct command c;
    assert_int_equal(feed(&st, "100e", &c), 1);
    assert_int_equal(c.id, CMD_EPOCH);
    assert_int_equal(c.count, 100);
    assert_true(c.counted);
    assert_int_equal(feed(&st, "n", &c), 1);
    assert_int_equal(c.id, CMD_STEP);
    assert_int_equal(c.count, 1);
    assert_false(c.counted);
    assert_int_equal(feed(&st, "3p", &c), 1);
    assert_int_equal(c.id, CMD_BACK);
    assert_int_equal(c.count, 3);
}

static void test_count_edge_cases(void **state)
{
    (void)state;
    struct input_state st = {0};
    struct command c;
    /* A leading 0 is no count; an unbound key or Escape cancels one. */
    assert_int_equal(feed(&st, "0", &c), 0);
    assert_int_equal(st.count, 0);
    assert_int_equal(feed(&st, "12~", &c), 0);
    assert_int_equal(st.count, 0);
    feed(&st, "12", &c);
    assert_false(input_feed(&st, INPUT_KEY_ESCAPE, &c));
    assert_int_equal(st.count, 0);
    /* Huge counts saturate instead of overflowing. */
    assert_int_equal(feed(&st, "99999999999999999999999n", &c), 1);
    assert_int_equal(c.count, INPUT_COUNT_MAX);
    assert_true(input_feed(&st, INPUT_KEY_BACKSPACE, &c));
    assert_int_equal(c.id, CMD_BACK);
}

static void test_help_lists_every_key(void **state)
{
    (void)state;
    char lines[64][INPUT_HELP_CAP];
    size_t n = 0;
    while (n < 64 && input_help_line(n, lines[n], sizeof lines[n]))
        n++;
    assert_true(n >= 10);
    for (size_t k = 0; k < input_key_count; k++) {
        bool found = false;
        for (size_t i = 0; i < n && !found; i++)
            found = strstr(lines[i], input_keys[k].name) != NULL;
        if (!found)
            fail_msg("help does not list key '%s'", input_keys[k].name);
    }
}

static double series(const void *ctx, size_t i)
{
    return ((const double *)ctx)[i];
}

static const char *const blocks[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
static const struct spark_style style = {blocks, 9, "×"};

static void test_sparkline_levels(void **state)
{
    (void)state;
    const double v[] = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    char out[128];
    assert_int_equal(sparkline_render(series, v, 9, 20, 0.0, &style, out, sizeof out), 9);
    assert_string_equal(out, " ▁▂▃▄▅▆▇█");
}

static void test_sparkline_buckets_and_missing(void **state)
{
    (void)state;
    /* 8 values in 4 cells: each cell shows its share's maximum; nan is marked. */
    const double v[] = {1, 8, 2, 2, NAN, 1, 4, 0};
    char out[128];
    assert_int_equal(sparkline_render(series, v, 8, 4, 8.0, &style, out, sizeof out), 4);
    assert_string_equal(out, "█▂×▄");
    /* Small positive values are never drawn as blank. */
    const double w[] = {100, 0.1};
    sparkline_render(series, w, 2, 10, 0.0, &style, out, sizeof out);
    assert_string_equal(out, "█▁");
}

static void test_format(void **state)
{
    (void)state;
    char b[FMT_NUM_CAP];
    assert_string_equal(fmt_num(b, sizeof b, 0.14320001, 0), "0.1432");
    assert_string_equal(fmt_num(b, sizeof b, -0.30549, 0), "-0.3055");
    assert_string_equal(fmt_num(b, sizeof b, -0.00004, 0), "0.0000");
    assert_string_equal(fmt_num(b, sizeof b, -0.0, 0), "0.0000");
    assert_string_equal(fmt_num(b, sizeof b, 0.5, 8), "  0.5000");
    assert_string_equal(fmt_num(b, sizeof b, NAN, 0), "nan");
    assert_string_equal(fmt_num(b, sizeof b, -INFINITY, 5), " -inf");
    assert_string_equal(fmt_num(b, sizeof b, 1.5e7, 0), "1.500e+07");
    const double v[] = {0.2398, -0.763, 0.2656, 0.2576};
    char line[128];
    assert_string_equal(fmt_vec(line, sizeof line, v, 4, 1, 80, "..."),
                        "[ 0.2398 -0.7630  0.2656  0.2576]");
    assert_string_equal(fmt_vec(line, sizeof line, v, 4, 1, 20, "..."), "[ 0.2398 -0.7630 ...]");
}

/* A cell never grows past its width, keeps the magnitude, and a value
 * never touches its left neighbour (the bug: "-10.3741-2.4788"). */
static void test_format_fits_width(void **state)
{
    (void)state;
    char b[FMT_NUM_CAP];
    assert_string_equal(fmt_num(b, sizeof b, -10.37414, 7), "-10.374");
    assert_string_equal(fmt_num(b, sizeof b, 47.52871, 7), "47.5287");
    assert_string_equal(fmt_num(b, sizeof b, -123456.7, 7), "-123457");
    assert_string_equal(fmt_num(b, sizeof b, -1679.4e3, 7), "-1.68e6");
    assert_string_equal(fmt_num(b, sizeof b, -1679.4e3, 9), " -1.679e6");
    assert_string_equal(fmt_num(b, sizeof b, 1e300, 7), "1.0e300");
    assert_string_equal(fmt_num(b, sizeof b, -1.7e308, 7), "-2e+308");
    assert_string_equal(fmt_num(b, sizeof b, -1.7e308, 6), "-2e308");
    assert_string_equal(fmt_num(b, sizeof b, -1.7e308, 5), "#####");
    assert_string_equal(fmt_num(b, sizeof b, 1e-300, 7), " 0.0000");
    assert_string_equal(fmt_num(b, sizeof b, -1e-300, 5), "0.000");
    assert_string_equal(fmt_num(b, sizeof b, -INFINITY, 4), "-inf");
    assert_string_equal(fmt_num(b, sizeof b, NAN, 7), "    nan");
    assert_string_equal(fmt_cell(b, sizeof b, -10.37414, 8), " -10.374");
    assert_string_equal(fmt_cell(b, sizeof b, -2.4788, 9), "  -2.4788");
    const double hard[] = {NAN,       INFINITY, -INFINITY, 1e300,      -1e300, -1.7e308, 4.9e-324,
                           -4.9e-324, -0.0,     47.5287,   -999999.99, 1e6,    -1e-5};
    for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++) {
        for (int w = 7; w <= 12; w++) {
            fmt_cell(b, sizeof b, hard[i], w);
            assert_int_equal(strlen(b), (size_t)w);
            assert_int_equal(b[0], ' ');
        }
    }
    assert_int_equal(fmt_num_width(-10.3741), 8);
    assert_int_equal(fmt_num_width(-INFINITY), 4);
}

/* Round ticks: 0 10 20 ... for 101 epochs in 70 columns (the bug: 0 14 28),
 * each in the column holding its epoch; y labels at round values. */
static void test_ticks(void **state)
{
    (void)state;
    assert_true(ticks_nice(0.3) == 0.5 && ticks_nice(6.03) == 10 && ticks_nice(2) == 2);
    struct ticks_x x = ticks_x_axis(101, 70, 5);
    assert_int_equal(x.cols, 70);
    assert_int_equal(x.step, 10);
    for (uint64_t e = 0; e < 101; e++) {
        int c = ticks_x_column(&x, e);
        assert_true(ticks_x_first(&x, c) <= e && e < ticks_x_first(&x, c + 1));
    }
    x = ticks_x_axis(4, 70, 3);
    assert_int_equal(x.cols, 4);
    assert_int_equal(x.step, 5);
    struct ticks_y y;
    ticks_y_axis(1.2, 6.0337, 18, false, &y);
    assert_true(y.lo == 0 && y.hi == 6.0337);
    assert_int_equal(y.n, 4);
    assert_string_equal(y.text[0], "0");
    assert_int_equal(y.row[0], 18);
    assert_string_equal(y.text[3], "6");
    assert_int_equal(y.row[3], 18 - (int)lround(6 / 6.0337 * 18));
    ticks_y_axis(0, 6.0337, 3, false, &y); /* few rows: still a label above 0 */
    assert_int_equal(y.n, 2);
    assert_string_equal(y.text[1], "5");
    ticks_y_axis(0, 0.034, 9, false, &y);
    assert_string_equal(y.text[1], "0.02");
    ticks_y_axis(0.05, 60, 18, true, &y);
    assert_true(y.lo == 0.01 && y.hi == 100);
    assert_string_equal(y.text[0], "0.01");
    assert_int_equal(y.row[0], 18);
    assert_string_equal(y.text[y.n - 1], "100");
    assert_int_equal(y.row[y.n - 1], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_prefix),
        cmocka_unit_test(test_count_edge_cases),
        cmocka_unit_test(test_help_lists_every_key),
        cmocka_unit_test(test_sparkline_levels),
        cmocka_unit_test(test_sparkline_buckets_and_missing),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_fits_width),
        cmocka_unit_test(test_ticks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
