/* --lesson FILE: a prepared lecture, one command a line. Parsed here, without
 * curses, before the screen opens; the visualiser plays it.
 *
 *   # a comment                 (blank lines too)
 *   text hello                  settings, before the first step: text, text-file,
 *   hidden 1                    seq-length, hidden, seed, init, lr, optimizer,
 *   lr 0.1                      clip, explode-factor (the option of that name)
 *   say A caption.              shown in the caption bar until the next say
 *   ask Which character next?   a question; the presenter continues, then the keys run
 *   pause                       wait for the presenter
 *   keys 4n                     keys as typed; <Left> <Esc> <Enter> <Space> ... for others
 *
 * A --record recording is a lesson too: its header lines (rnnstep-record 1,
 * settings, fingerprint, keys) are read as such, a line holding a number is
 * one key code and "tick" an autoplay tick. */
#ifndef RNNSTEP_APP_LESSON_H
#define RNNSTEP_APP_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "options.h"
#include "session.h"

#define LESSON_FILE_MAX_BYTES ((size_t)16 << 20)
#define LESSON_LINE_MAX_BYTES 65536 /* a text setting of 10000 characters fits */
#define LESSON_TICK (-1)            /* an autoplay tick among the keys, as in a recording */

enum lesson_kind { LESSON_KEYS, LESSON_SAY, LESSON_ASK, LESSON_PAUSE };

struct lesson_step {
    enum lesson_kind kind;
    int line;         /* in the file */
    const char *text; /* say, ask */
    const int *keys;  /* keys: key codes (curses' for special keys) or LESSON_TICK */
    size_t nkeys;
};

/* A setting line, for naming it in an error found later (session.c). */
struct lesson_setting {
    const char *name, *value; /* value: text-file and init resolved */
    int line;
};
#define LESSON_SETTINGS_MAX 16 /* more than there are settings: each is given once */

struct lesson {
    struct lesson_setting settings[LESSON_SETTINGS_MAX];
    size_t nsettings;
    struct lesson_step *steps;
    size_t nsteps;
    size_t nstops;  /* pause and ask lines: where the presenter continues */
    bool recording; /* the file is a --record recording */
    char *buf;      /* the file's text; steps point into it */
    int *keys;      /* all key codes, in order */
    char *paths[2]; /* text-file and init resolved against the lesson's directory */
};

/* Reads and checks the whole file, and applies its settings to o (which
 * holds the defaults). On failure writes "FILE: line N: problem" (or
 * "FILE: problem") into err and returns -1; l is then empty. */
int lesson_load(const char *path, struct lesson *l, struct options *o, char *err, size_t errcap);
void lesson_free(struct lesson *l);

/* The line of the setting that an error of the session's set-up names (it
 * starts with the option, "--hidden 3, but ...", or with a text-file's or
 * init's path), 0 when it names none. */
int lesson_setting_line(const struct lesson *l, const char *err);

/* Writes the setting lines that make a lesson start the session s was built
 * from o (text or text-file, seq-length, hidden, seed or init, lr, optimizer,
 * clip, explode-factor and the BPTT lab's settings when on): a --record
 * file's header, so that a recording is a lesson. -1 on a write error. */
int lesson_write_settings(FILE *fp, const struct session *s, const struct options *o);

/* The name a key has in a lesson: "n", "<Left>", "<Esc>"; for messages. */
void lesson_key_name(int key, char *buf, size_t cap);

#endif
