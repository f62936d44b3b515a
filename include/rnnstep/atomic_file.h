/* Output files that appear whole or not at all: writes go to a temporary
 * file in the same directory, renamed over the target on commit. The name
 * "-" (or any name for standard output's own file, such as /dev/stdout) writes
 * to standard output instead, in place. */
#ifndef RNNSTEP_ATOMIC_FILE_H
#define RNNSTEP_ATOMIC_FILE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct rnn_atomic_file {
    FILE *fp;
    char *tmp;    /* the temporary file; NULL when writing to standard output */
    char *target; /* what the rename replaces: the path, symbolic links resolved */
    int slot;     /* its place in the list of names removed at a fatal signal */
};

/* Opens the temporary file; on failure writes the reason into err. Refused:
 * a directory, anything but a regular file (a device, a named pipe: never
 * replaced), a file the user may not write, a symbolic link to nothing. The
 * temporary file gets the mode (and owner) of the file it will replace, and
 * is removed if the process dies of any signal that can be caught. */
int rnn_atomic_open(struct rnn_atomic_file *f, const char *path, char *err, size_t errcap);
/* Flushes, syncs and renames into place; on any failure the target is
 * untouched, the temporary file removed and err says why. */
int rnn_atomic_commit(struct rnn_atomic_file *f, char *err, size_t errcap);
/* Discards the temporary file. */
void rnn_atomic_abort(struct rnn_atomic_file *f);

/* Every signal whose default action ends the process and that can be caught
 * (HUP, INT, QUIT, the faults ILL, TRAP, ABRT, BUS, FPE, SEGV, SYS, and USR1,
 * USR2, PIPE, ALRM, TERM, XCPU, XFSZ, VTALRM, PROF, POLL, STKFLT, PWR and
 * the real-time signals). */
void rnn_signals_terminating(sigset_t *set);

/* Whether signal s still has its default action: neither handled (a
 * sanitizer's handler keeps its report) nor ignored. A handler goes only
 * there, so a signal the caller ignores (nohup, trap '' INT) stays ignored. */
bool rnn_signal_at_default(int s);

/* Removes every unfinished temporary file; async-signal-safe, for a signal
 * handler of its own (the visualiser's for faults) that then ends the process. */
void rnn_atomic_remove_unfinished(void);

/* Which file a path names, or would name once created (its directory and
 * name), so that "x", "./x", a hard link and a symbolic link compare equal. */
struct rnn_file_id {
    unsigned long long dev, ino; /* of the file, or of its directory */
    bool exists;
    char name[256]; /* a file not yet created: its name in that directory */
};

/* False when the path cannot be identified (its directory is missing). As an
 * output, "-" is standard output. */
bool rnn_file_identify(const char *path, bool output, struct rnn_file_id *id);
bool rnn_file_same(const struct rnn_file_id *a, const struct rnn_file_id *b);
/* "-", /dev/stdout, or the file standard output is redirected to. */
bool rnn_output_is_stdout(const char *path);

#endif
