/* The recording's parser; every error names the file's own line number. */
#include "record_parse.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The next line without its newline; false at the end of the file or for a
 * line longer than the buffer (cap - 1 bytes including the newline). */
static bool next_line(FILE *fp, char *line, size_t cap, size_t *number, bool *too_long)
{
    *too_long = false;
    if (!fgets(line, (int)cap, fp))
        return false;
    ++*number;
    size_t n = strlen(line);
    if (n && line[n - 1] == '\n')
        line[n - 1] = '\0';
    else if (!feof(fp))
        *too_long = true;
    return !*too_long;
}

/* One event line: a key code, "tick" or "screen". */
static bool parse_event(const char *line, int *key)
{
    if (strcmp(line, "tick") == 0) {
        *key = RECORD_TICK;
        return true;
    }
    if (strcmp(line, "screen") == 0) {
        *key = RECORD_SCREEN;
        return true;
    }
    char *end;
    long k = strtol(line, &end, 10);
    if (line[0] < '0' || line[0] > '9' || *end || k >= RECORD_KEY_LIMIT)
        return false;
    *key = (int)k;
    return true;
}

static int line_error(char *err, size_t cap, size_t number, const char *what)
{
    snprintf(err, cap, "line %zu: %s", number, what);
    return -1;
}

/* The header: the magic line, "settings ...", "fingerprint HEX" and the
 * lesson's setting lines (up to a lesson's line limit: a text setting holds
 * the whole text), which the fingerprint already covers, until "keys". */
static int read_header(FILE *fp, struct record_parsed *out, size_t *number, char *line, size_t cap,
                       char *err, size_t errcap)
{
    bool too_long;
    if (!next_line(fp, line, cap, number, &too_long) || strcmp(line, RECORD_MAGIC) != 0)
        return line_error(err, errcap, 1, "not an rnnstep recording");
    while (next_line(fp, line, cap, number, &too_long) && strcmp(line, "keys") != 0) {
        if (strncmp(line, "settings ", 9) == 0)
            snprintf(out->settings, sizeof out->settings, "%.*s", (int)sizeof out->settings - 1,
                     line + 9);
        else
            sscanf(line, "fingerprint %" SCNx64, &out->fingerprint);
    }
    if (too_long) {
        char what[64];
        snprintf(what, sizeof what, "a header line over %d bytes", RECORD_HEADER_LINE_MAX);
        return line_error(err, errcap, *number, what);
    }
    if (strcmp(line, "keys") != 0)
        return line_error(err, errcap, *number, "the header ends without a \"keys\" line");
    return 0;
}

static int parse_header(FILE *fp, struct record_parsed *out, size_t *number, char *err, size_t cap)
{
    size_t linecap = RECORD_HEADER_LINE_MAX + 2; /* the newline and the NUL */
    char *line = malloc(linecap);
    if (!line) {
        snprintf(err, cap, "out of memory");
        return -1;
    }
    int rc = read_header(fp, out, number, line, linecap, err, cap);
    free(line);
    return rc;
}

int record_parse(FILE *fp, struct record_parsed *out, char *err, size_t errcap)
{
    memset(out, 0, sizeof *out);
    size_t number = 0;
    if (parse_header(fp, out, &number, err, errcap) != 0)
        return -1;
    if (!(out->keys = malloc(sizeof(int) * RECORD_KEYS_MAX))) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    char line[64];
    bool too_long;
    while (out->nkeys < RECORD_KEYS_MAX) {
        if (!next_line(fp, line, sizeof line, &number, &too_long)) {
            if (!too_long) /* the end of the file */
                return 0;
            break;
        }
        if (!parse_event(line, &out->keys[out->nkeys]))
            break;
        out->nkeys++;
    }
    if (out->nkeys == RECORD_KEYS_MAX)
        return 0;
    free(out->keys);
    out->keys = NULL;
    return line_error(err, errcap, number, "not a key code, \"tick\" or \"screen\"");
}
