/* The WCAG 2 contrast arithmetic over the xterm-256 palette, checked against
 * values published by xterm and the WCAG documents, and every theme row
 * checked with it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "tui/contrast.h"
#include "tui/theme_table.h"

static void assert_rgb(int index, unsigned r, unsigned g, unsigned b)
{
    unsigned char rgb[3];
    contrast_rgb(index, rgb);
    assert_int_equal(rgb[0], r);
    assert_int_equal(rgb[1], g);
    assert_int_equal(rgb[2], b);
}

static void test_palette(void **state)
{
    (void)state;
    assert_rgb(1, 0xcd, 0x00, 0x00); /* system colours as xterm sets them */
    assert_rgb(4, 0x00, 0x00, 0xee);
    assert_rgb(8, 0x7f, 0x7f, 0x7f);
    assert_rgb(12, 0x5c, 0x5c, 0xff);
    assert_rgb(16, 0x00, 0x00, 0x00); /* the cube's corners and a middle entry */
    assert_rgb(231, 0xff, 0xff, 0xff);
    assert_rgb(208, 0xff, 0x87, 0x00);
    assert_rgb(25, 0x00, 0x5f, 0xaf);
    assert_rgb(232, 0x08, 0x08, 0x08); /* the grey ramp's ends */
    assert_rgb(255, 0xee, 0xee, 0xee);
}

static void test_luminance(void **state)
{
    (void)state;
    assert_float_equal(contrast_luminance(0), 0.0, 1e-12);
    assert_float_equal(contrast_luminance(15), 1.0, 1e-12);
    assert_float_equal(contrast_luminance(196), 0.2126, 1e-12); /* pure red */
    assert_float_equal(contrast_luminance(46), 0.7152, 1e-12);  /* pure green */
    assert_float_equal(contrast_luminance(21), 0.0722, 1e-12);  /* pure blue */
}

static void test_ratio(void **state)
{
    (void)state;
    assert_float_equal(contrast_ratio(0, 15), 21.0, 1e-12);
    assert_float_equal(contrast_ratio(15, 0), 21.0, 1e-12);
    assert_float_equal(contrast_ratio(244, 244), 1.0, 1e-12);
    /* #767676 (grey 243) on white is the lightest grey that passes AA (4.54);
     * xterm's bright black #7f7f7f fails (4.00). */
    assert_float_equal(contrast_ratio(243, 15), 4.54, 0.005);
    assert_true(contrast_ratio(243, 15) >= CONTRAST_WCAG_AA);
    assert_float_equal(contrast_ratio(8, 15), 4.00, 0.005);
    assert_true(contrast_ratio(8, 15) < CONTRAST_WCAG_AA);
    /* Why the dark theme cannot use colour 4: xterm's blue on black is 2.23. */
    assert_float_equal(contrast_ratio(4, 0), 2.23, 0.005);
}

/* Every foreground/background pair a colour theme uses meets WCAG 2 level AA
 * on the standard palette, the terminal's own colours being the ink and
 * paper the theme is made for; and none draws dim. */
static void test_themes_readable(void **state)
{
    (void)state;
    int failures = 0, colour_themes = 0;
    for (size_t i = 0; i < theme_scheme_count; i++) {
        const struct theme_scheme *sc = &theme_schemes[i];
        if (!sc->colour)
            continue;
        colour_themes++;
        for (int r = 0; r < TH_ROLE_COUNT; r++) {
            const struct th_style *st = &sc->role[r];
            int fg = st->fg == TH_NONE ? sc->ink : st->fg;
            int bg = st->bg == TH_NONE ? sc->paper : st->bg;
            double ratio = contrast_ratio(fg, bg);
            if (ratio < CONTRAST_WCAG_AA || (st->attrs & TH_DIMMED)) {
                printf("%s, role %d: colour %d on %d, contrast %.2f%s\n", sc->name, r, fg, bg,
                       ratio, st->attrs & TH_DIMMED ? ", dim" : "");
                failures++;
            }
        }
    }
    assert_int_equal(failures, 0);
    assert_int_equal(colour_themes, 3); /* dark, light, high-contrast */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_palette),
        cmocka_unit_test(test_luminance),
        cmocka_unit_test(test_ratio),
        cmocka_unit_test(test_themes_readable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
