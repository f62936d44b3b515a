/* The key bindings and help lines from the command table, and the
 * count-prefix parser. */
#include "input.h"

#include <stdio.h>
#include <string.h>

#define KEY_ROW(id, key, name) {key, name, CMD_##id},
#define NO_CMD(id, handler, help)
const struct key_binding input_keys[] = {COMMAND_TABLE(NO_CMD, KEY_ROW)};
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

#define HELP_ROW(id, handler, help) help,
#define NO_KEY(id, key, name)
static const char *const command_help[CMD_COUNT] = {COMMAND_TABLE(HELP_ROW, NO_KEY)};

/* The key names of command c, after those already in names. */
static void add_command_names(char *names, size_t cap, enum cmd_id c)
{
    for (size_t k = 0; k < input_key_count; k++)
        if (input_keys[k].cmd == c)
            add_name(names, cap, input_keys[k].name);
}

bool input_help_line(size_t i, char *buf, size_t cap)
{
    size_t line = 0;
    for (int c = 0; c < CMD_COUNT; c++) {
        if (!command_help[c] || line++ != i)
            continue;
        char names[48] = "";
        add_command_names(names, sizeof names, (enum cmd_id)c);
        for (int more = c + 1; more < CMD_COUNT && !command_help[more]; more++)
            add_command_names(names, sizeof names, (enum cmd_id)more);
        snprintf(buf, cap, "%-14s %s", names, command_help[c]);
        return true;
    }
    return false;
}
