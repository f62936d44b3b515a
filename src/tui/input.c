/* The key table and the count-prefix parser. */
#include "input.h"

#include <stdio.h>
#include <string.h>

const struct key_binding input_keys[] = {
    {'n', "n", CMD_STEP, "next micro-step: forward t, backward t, update"},
    {'p', "p", CMD_BACK, "step back: rewind exactly one micro-step"},
    {INPUT_KEY_BACKSPACE, "Backspace", CMD_BACK, NULL},
    {127, "Backspace", CMD_BACK, NULL},
    {8, "Backspace", CMD_BACK, NULL},
    {'e', "e", CMD_EPOCH, "finish the epoch (iteration); 100e runs 100"},
    {'E', "E", CMD_PASS, "run a whole pass over the text (corpus mode)"},
    {' ', "space", CMD_AUTOPLAY, "autoplay on/off"},
    {'+', "+", CMD_FASTER, "autoplay faster, slower"},
    {'=', "=", CMD_FASTER, NULL},
    {'-', "-", CMD_SLOWER, NULL},
    {'u', "u", CMD_UNIT_NEXT, "select the next, previous hidden unit"},
    {'U', "U", CMD_UNIT_PREV, NULL},
    {INPUT_KEY_TAB, "Tab", CMD_MATRIX_NEXT, "matrix pane: next, previous matrix U W b V c"},
    {INPUT_KEY_BTAB, "S-Tab", CMD_MATRIX_PREV, NULL},
    {INPUT_KEY_LEFT, "arrows", CMD_ENTRY_LEFT, "matrix pane: move the selected entry"},
    {INPUT_KEY_RIGHT, "arrows", CMD_ENTRY_RIGHT, NULL},
    {INPUT_KEY_UP, "arrows", CMD_ENTRY_UP, NULL},
    {INPUT_KEY_DOWN, "arrows", CMD_ENTRY_DOWN, NULL},
    {'x', "x", CMD_MATRIX_NUMBERS, "matrix pane: numbers or heat glyphs; value or dL/d"},
    {'d', "d", CMD_MATRIX_GRAD, NULL},
    {'r', "r", CMD_RESET, "reset to the initial parameters"},
    {'c', "c", CMD_CLIP, "clipping on/off (at 0.5); C types the value"},
    {'C', "C", CMD_CLIP_VALUE, NULL},
    {'[', "[", CMD_LR_HALVE, "learning rate: halve, double, type; o optimiser"},
    {']', "]", CMD_LR_DOUBLE, NULL},
    {'R', "R", CMD_LR_TYPE, NULL},
    {'o', "o", CMD_OPTIMIZER, NULL},
    {'f', "f", CMD_VIEW_FLOW, "views: flow, grad check, samples, loss chart"},
    {'g', "g", CMD_VIEW_GRADCHECK, NULL},
    {'s', "s", CMD_VIEW_SAMPLE, NULL},
    {'l', "l", CMD_VIEW_CHART, NULL},
    {'j', "j", CMD_SCROLL_DOWN, "scroll the view down, up"},
    {'k', "k", CMD_SCROLL_UP, NULL},
    {'y', "y", CMD_CHART_SCALE, "chart log scale; sample temperature, start, redo"},
    {'t', "t", CMD_TEMPERATURE, NULL},
    {'>', ">", CMD_FIRST_CHAR, NULL},
    {'S', "S", CMD_RESAMPLE, NULL},
    {'F', "F", CMD_FORK, "fork a ghost run; save, load the parameters"},
    {'w', "w", CMD_SAVE, NULL},
    {'L', "L", CMD_LOAD, NULL},
    {'Q', "Q", CMD_QUIZ, "quiz: predict before each step, keep a score"},
    {'?', "?", CMD_HELP, "this help; j, k scroll it, other keys close it"},
    {INPUT_KEY_F1, "F1", CMD_HELP, NULL},
    {'q', "q", CMD_QUIT, "quit"},
};
const size_t input_key_count = sizeof input_keys / sizeof input_keys[0];

const struct key_binding *input_binding(int key)
{
    for (size_t i = 0; i < input_key_count; i++)
        if (input_keys[i].key == key)
            return &input_keys[i];
    return NULL;
}

static bool is_count_digit(const struct input_state *st, int key)
{
    return (key >= '1' && key <= '9') || (key == '0' && st->count > 0);
}

bool input_feed(struct input_state *st, int key, struct command *out)
{
    if (is_count_digit(st, key)) {
        uint64_t d = (uint64_t)(key - '0');
        st->count = st->count > (INPUT_COUNT_MAX - d) / 10 ? INPUT_COUNT_MAX : st->count * 10 + d;
        return false;
    }
    const struct key_binding *b = input_binding(key);
    uint64_t count = st->count;
    st->count = 0;
    if (!b)
        return false;
    out->id = b->cmd;
    out->counted = count > 0;
    out->count = count > 0 ? count : 1;
    return true;
}

/* Appends name to the list unless it is already there. */
static void add_name(char *names, size_t cap, const char *name)
{
    size_t len = strlen(name), at = 0;
    for (const char *p = names; (p = strstr(p, name)) != NULL; p += len)
        if ((p == names || p[-1] == ' ') && (p[len] == ',' || p[len] == '\0'))
            return;
    at = strlen(names);
    snprintf(names + at, cap - at, "%s%s", at ? ", " : "", name);
}

bool input_help_line(size_t i, char *buf, size_t cap)
{
    size_t k = 0, line = 0;
    while (k < input_key_count) {
        const struct key_binding *b = &input_keys[k];
        char names[48] = "";
        add_name(names, sizeof names, b->name);
        for (k++; k < input_key_count && !input_keys[k].help; k++)
            add_name(names, sizeof names, input_keys[k].name);
        if (line++ == i) {
            snprintf(buf, cap, "%-14s %s", names, b->help);
            return true;
        }
    }
    return false;
}
