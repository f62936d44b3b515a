/* libFuzzer target: the visualiser's key parser (count prefixes such as
 * "100e"). Each pair of bytes is one key code, so curses' function keys are
 * reachable as well as characters. */
#include <stdint.h>
#include <stdlib.h>

#include "tui/input.h"

static void check_command(const struct command *c, int key)
{
    const struct key_binding *b = input_binding(key);
    if (!b || c->id != b->cmd || c->id >= CMD_COUNT)
        abort();
    if (c->count < 1 || c->count > INPUT_COUNT_MAX || (c->count > 1 && !c->counted))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct input_state st = {0};
    for (size_t i = 0; i + 1 < size; i += 2) {
        int key = data[i] | (data[i + 1] & 0x7F) << 8;
        struct command c;
        if (input_feed(&st, key, &c))
            check_command(&c, key);
        if (st.count > INPUT_COUNT_MAX)
            abort();
    }
    return 0;
}
