/* The xterm-256 palette as xterm defines it (256colres.h, XTerm-col.ad) and
 * the WCAG 2 formulas: relative luminance and contrast ratio. */
#include "contrast.h"

#include <math.h>

/* xterm's default system colours: normal 0..7, bright 8..15. */
static const unsigned char system_rgb[16][3] = {
    {0x00, 0x00, 0x00}, {0xcd, 0x00, 0x00}, {0x00, 0xcd, 0x00}, {0xcd, 0xcd, 0x00},
    {0x00, 0x00, 0xee}, {0xcd, 0x00, 0xcd}, {0x00, 0xcd, 0xcd}, {0xe5, 0xe5, 0xe5},
    {0x7f, 0x7f, 0x7f}, {0xff, 0x00, 0x00}, {0x00, 0xff, 0x00}, {0xff, 0xff, 0x00},
    {0x5c, 0x5c, 0xff}, {0xff, 0x00, 0xff}, {0x00, 0xff, 0xff}, {0xff, 0xff, 0xff},
};

/* A cube coordinate 0..5 is 0 or 55 + 40 k, not an even split of 0..255. */
static unsigned char cube_level(int k)
{
    return (unsigned char)(k ? 55 + 40 * k : 0);
}

void contrast_rgb(int index, unsigned char rgb[3])
{
    if (index < 16) {
        for (int i = 0; i < 3; i++)
            rgb[i] = system_rgb[index][i];
    } else if (index < 232) {
        int k = index - 16;
        rgb[0] = cube_level(k / 36);
        rgb[1] = cube_level(k / 6 % 6);
        rgb[2] = cube_level(k % 6);
    } else {
        rgb[0] = rgb[1] = rgb[2] = (unsigned char)(8 + 10 * (index - 232));
    }
}

/* sRGB channel to linear light, with WCAG 2's threshold. */
static double linear(unsigned char c)
{
    double s = c / 255.0;
    return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

double contrast_luminance(int index)
{
    unsigned char rgb[3];
    contrast_rgb(index, rgb);
    return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
}

double contrast_ratio(int a, int b)
{
    double la = contrast_luminance(a), lb = contrast_luminance(b);
    return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}
