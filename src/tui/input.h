/* Keys to commands: the command enum and key bindings generated from the
 * command table (command_table.h, also the source of the help overlay) and a
 * vi-style count prefix ("100e"). Pure: no curses, unit-tested and fuzzed. */
#ifndef RNNSTEP_TUI_INPUT_H
#define RNNSTEP_TUI_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "command_table.h"

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

#define INPUT_CMD_ENUM(id, handler, help) CMD_##id,
#define INPUT_NO_KEY(id, key, name)
enum cmd_id { COMMAND_TABLE(INPUT_CMD_ENUM, INPUT_NO_KEY) CMD_COUNT };

struct command {
    enum cmd_id id;
    uint64_t count; /* 1 when no count was typed */
    bool counted;   /* a count was typed */
};

/* One KEY row of the command table. */
struct key_binding {
    int key;
    const char *name; /* as the help overlay shows it */
    enum cmd_id cmd;
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

/* Line i of the help text, generated from the command table: "p, Backspace  step
 * back: ...". Returns false past the last line. */
bool input_help_line(size_t i, char *buf, size_t cap);

/* The binding of a key, or NULL. */
const struct key_binding *input_binding(int key);

#endif
