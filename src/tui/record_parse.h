/* The --record file format, parsed without curses (the fuzzer links it alone):
 * a magic line, header lines ("settings ...", "fingerprint HEX" and the
 * settings as a lesson's lines: text, hidden, lr, ...), "keys",
 * then one event per line: a key code, "tick" (an autoplay tick) or "screen"
 * (a screen dump for the golden tests). */
#ifndef RNNSTEP_TUI_RECORD_PARSE_H
#define RNNSTEP_TUI_RECORD_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RECORD_MAGIC "rnnstep-record 1"
#define RECORD_KEYS_MAX 1000000
#define RECORD_HEADER_LINE_MAX 65536 /* bytes, as a lesson line (lesson.h) */
#define RECORD_KEY_LIMIT 01000       /* key codes are below curses' KEY_MAX */
#define RECORD_TICK (-1)
#define RECORD_SCREEN (-2)

struct record_parsed {
    char settings[400]; /* the header's description of the session */
    uint64_t fingerprint;
    int *keys; /* malloc'ed; free it */
    size_t nkeys;
};

/* Parses a whole recording. On failure keys is NULL and err names the line
 * of the file (counting every line from 1) and what is wrong with it. */
int record_parse(FILE *fp, struct record_parsed *out, char *err, size_t errcap);

#endif
