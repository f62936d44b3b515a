/* libFuzzer target: the option parser. The input is the arguments, separated
 * by NUL bytes. A parse either succeeds or gives one message, which after
 * quoting holds no control character (what reaches the terminal). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/options.h"
#include "app/report.h"

#define ARGS_MAX 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    char *argv[ARGS_MAX + 2] = {"rnnstep"};
    int argc = 1;
    for (size_t i = 0; i < size && argc <= ARGS_MAX; argc++) {
        argv[argc] = copy + i;
        i += strlen(copy + i) + 1;
    }
    struct options o;
    char err[512] = "", quoted[2048];
    if (options_parse(argc, argv, &o, err, sizeof err) != 0) {
        if (!err[0])
            abort(); /* a refusal always says why */
        quote_controls(err, quoted, sizeof quoted);
        for (const unsigned char *p = (const unsigned char *)quoted; *p; p++)
            if (*p < 0x20 || *p == 0x7F)
                abort();
    }
    free(copy);
    return 0;
}
