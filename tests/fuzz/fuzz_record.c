/* libFuzzer target: the --replay file parser. A parse gives events that the
 * visualiser can replay (key codes in range, or tick, or screen) or an error
 * naming a line of the file. */
#define _POSIX_C_SOURCE 200809L /* fmemopen */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/record_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0; /* fmemopen refuses an empty buffer */
    FILE *fp = fmemopen((void *)data, size, "r");
    if (!fp)
        return 0;
    struct record_parsed r;
    char err[512] = "";
    if (record_parse(fp, &r, err, sizeof err) == 0) {
        for (size_t i = 0; i < r.nkeys; i++)
            if (r.keys[i] < RECORD_SCREEN || r.keys[i] >= RECORD_KEY_LIMIT)
                abort();
        free(r.keys);
    } else if (strncmp(err, "line ", 5) != 0 || r.keys) {
        abort();
    }
    fclose(fp);
    return 0;
}
