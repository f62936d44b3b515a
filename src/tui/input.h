/* Keys to commands: the key table (also the source of the help overlay) and
 * a vi-style count prefix ("100e"). Pure: no curses, unit-tested and fuzzed. */
#ifndef RNNSTEP_TUI_INPUT_H
#define RNNSTEP_TUI_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Key codes the table uses besides plain characters; the values are curses'
 * KEY_BACKSPACE, KEY_F(1), KEY_DOWN... (tui.c checks that at compile time). */
#define INPUT_KEY_BACKSPACE 0407
#define INPUT_KEY_F1 0411
#define INPUT_KEY_ESCAPE 27
#define INPUT_KEY_TAB 9
#define INPUT_KEY_DOWN 0402
#define INPUT_KEY_UP 0403
#define INPUT_KEY_LEFT 0404
#define INPUT_KEY_RIGHT 0405
#define INPUT_KEY_NPAGE 0522
#define INPUT_KEY_PPAGE 0523
#define INPUT_KEY_BTAB 0541

#define INPUT_COUNT_MAX 1000000000ull

enum cmd_id {
    CMD_STEP,
    CMD_BACK,
    CMD_EPOCH,
    CMD_PASS,
    CMD_AUTOPLAY,
    CMD_FASTER,
    CMD_SLOWER,
    CMD_UNIT_NEXT,
    CMD_UNIT_PREV,
    CMD_RESET,
    CMD_HELP,
    CMD_QUIT,
    /* teaching tools (teach.c) */
    CMD_CLIP,
    CMD_CLIP_VALUE,
    CMD_LR_HALVE,
    CMD_LR_DOUBLE,
    CMD_LR_TYPE,
    CMD_OPTIMIZER,
    CMD_VIEW_FLOW,
    CMD_VIEW_GRADCHECK,
    CMD_VIEW_SAMPLE,
    CMD_VIEW_CHART,
    CMD_SCROLL_DOWN,
    CMD_SCROLL_UP,
    CMD_CHART_SCALE,
    CMD_TEMPERATURE,
    CMD_FIRST_CHAR,
    CMD_RESAMPLE,
    CMD_FORK,
    CMD_SAVE,
    CMD_LOAD,
    CMD_QUIZ,
    /* the matrix pane (hidden size above 1) */
    CMD_MATRIX_NEXT,
    CMD_MATRIX_PREV,
    CMD_ENTRY_LEFT,
    CMD_ENTRY_RIGHT,
    CMD_ENTRY_UP,
    CMD_ENTRY_DOWN,
    CMD_MATRIX_NUMBERS,
    CMD_MATRIX_GRAD,
    CMD_COUNT
};

struct command {
    enum cmd_id id;
    uint64_t count; /* 1 when no count was typed */
    bool counted;   /* a count was typed */
};

struct key_binding {
    int key;
    const char *name; /* as the help overlay shows it */
    enum cmd_id cmd;
    const char *help; /* NULL for an alias listed on the line above */
};

extern const struct key_binding input_keys[];
extern const size_t input_key_count;

struct input_state {
    uint64_t count; /* digits typed so far; 0 = none */
};

/* Feeds one key. Digits build a count (saturating at INPUT_COUNT_MAX; a
 * leading 0 is not a count); Escape or an unbound key cancels it. Returns true
 * and fills *out when the key completes a command. */
bool input_feed(struct input_state *st, int key, struct command *out);

#define INPUT_HELP_CAP 96

/* Line i of the help text, generated from the key table: "p, Backspace  step
 * back: ...". Returns false past the last line. */
bool input_help_line(size_t i, char *buf, size_t cap);

/* The binding of a key, or NULL. */
const struct key_binding *input_binding(int key);

#endif
