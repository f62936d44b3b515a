/* Atomic output files (temporary file + fsync + rename), the file identity
 * that tells an output from the inputs, and the signal guard that removes
 * unfinished temporary files when the process is killed. */
#define _XOPEN_SOURCE 700 /* realpath */

#include "rnnstep/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the signal guard --------------------------------------------------- */

/* Names the handler removes, in static storage it may read at any moment. */
#define GUARD_SLOTS 4
static char guard_names[GUARD_SLOTS][PATH_MAX];
static volatile sig_atomic_t guard_used[GUARD_SLOTS];

void rnn_signals_terminating(sigset_t *set)
{
    static const int fixed[] = {
        SIGHUP,    SIGINT,  SIGQUIT,   SIGILL,  SIGTRAP, SIGABRT, SIGBUS,
        SIGFPE,    SIGUSR1, SIGSEGV,   SIGUSR2, SIGPIPE, SIGALRM, SIGTERM,
        SIGXCPU,   SIGXFSZ, SIGVTALRM, SIGPROF, SIGSYS,
#ifdef SIGPOLL
        SIGPOLL,
#endif
#ifdef SIGSTKFLT
        SIGSTKFLT,
#endif
#ifdef SIGPWR
        SIGPWR,
#endif
    };
    sigemptyset(set);
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        sigaddset(set, fixed[i]);
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
        sigaddset(set, s);
}

bool rnn_signal_at_default(int s)
{
    struct sigaction old;
    return sigaction(s, NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) &&
           old.sa_handler == SIG_DFL;
}

void rnn_atomic_remove_unfinished(void)
{
    for (int i = 0; i < GUARD_SLOTS; i++)
        if (guard_used[i])
            unlink(guard_names[i]);
}

static void remove_guarded_and_reraise(int sig)
{
    rnn_atomic_remove_unfinished();
    raise(sig); /* SA_RESETHAND restored the default action: it ends the process */
}

/* Installed once, on the signals still at their default action: a signal the
 * caller ignores (nohup) stays ignored, and one the visualiser handles stays
 * its own (it ends its loop and aborts the file itself). */
static void guard_install(void)
{
    static bool installed;
    if (installed)
        return;
    installed = true;
    struct sigaction sa = {.sa_handler = remove_guarded_and_reraise, .sa_flags = SA_RESETHAND};
    rnn_signals_terminating(&sa.sa_mask);
    for (int s = 1; s <= SIGRTMAX; s++)
        if (sigismember(&sa.sa_mask, s) == 1 && rnn_signal_at_default(s))
            sigaction(s, &sa, NULL);
}

/* Held off while a temporary file exists but is not yet in the list (or is
 * renamed but still listed): a signal in between would leave it behind. */
static void hold_signals(bool hold, sigset_t *saved)
{
    sigset_t set;
    rnn_signals_terminating(&set);
    if (hold)
        sigprocmask(SIG_BLOCK, &set, saved);
    else
        sigprocmask(SIG_SETMASK, saved, NULL);
}

static int guard_add(const char *tmp)
{
    for (int i = 0; i < GUARD_SLOTS; i++)
        if (!guard_used[i]) {
            memcpy(guard_names[i], tmp, strlen(tmp) + 1);
            guard_used[i] = 1;
            return i;
        }
    return -1;
}

/* ---- file identity ------------------------------------------------------ */

bool rnn_file_identify(const char *path, bool output, struct rnn_file_id *id)
{
    struct stat st;
    memset(id, 0, sizeof *id);
    if (output && strcmp(path, "-") == 0) {
        if (fstat(STDOUT_FILENO, &st) != 0)
            return false;
    } else if (stat(path, &st) != 0) {
        /* Not there yet: its directory and its name identify it. */
        const char *slash = strrchr(path, '/');
        const char *name = slash ? slash + 1 : path;
        char dir[PATH_MAX];
        size_t n = slash ? (size_t)(slash - path) + 1 : 0;
        if (errno != ENOENT || n >= sizeof dir || strlen(name) >= sizeof id->name)
            return false;
        memcpy(dir, path, n);
        dir[n] = '\0';
        if (stat(n ? dir : ".", &st) != 0)
            return false;
        memcpy(id->name, name, strlen(name) + 1);
        id->dev = (unsigned long long)st.st_dev;
        id->ino = (unsigned long long)st.st_ino;
        return true;
    }
    id->dev = (unsigned long long)st.st_dev;
    id->ino = (unsigned long long)st.st_ino;
    id->exists = true;
    return true;
}

bool rnn_file_same(const struct rnn_file_id *a, const struct rnn_file_id *b)
{
    return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino &&
           strcmp(a->name, b->name) == 0;
}

bool rnn_output_is_stdout(const char *path)
{
    struct rnn_file_id out, p;
    if (strcmp(path, "-") == 0)
        return true;
    return rnn_file_identify("-", true, &out) && rnn_file_identify(path, false, &p) && p.exists &&
           rnn_file_same(&out, &p);
}

/* ---- atomic files ------------------------------------------------------- */

/* The file the rename will replace: a symbolic link is followed (renaming
 * over it would replace the link, not the file), and anything but a regular
 * file the user may write is refused. st gets the target's status; st_nlink
 * 0 means it does not exist yet. */
static char *resolve_target(const char *path, struct stat *st, char *err, size_t errcap)
{
    size_t n = strlen(path);
    if (n == 0 || path[n - 1] == '/') {
        snprintf(err, errcap, "not a file name");
        return NULL;
    }
    char *target = NULL;
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        if (!(target = realpath(path, NULL))) {
            snprintf(err, errcap, "%s",
                     errno == ENOENT ? "a symbolic link to a missing file" : strerror(errno));
            return NULL;
        }
    } else if (!(target = strdup(path))) {
        snprintf(err, errcap, "out of memory");
        return NULL;
    }
    memset(st, 0, sizeof *st);
    const char *why = NULL;
    if (stat(target, st) != 0) {
        memset(st, 0, sizeof *st);
        if (errno != ENOENT)
            why = strerror(errno);
    } else if (S_ISDIR(st->st_mode)) {
        why = "is a directory";
    } else if (!S_ISREG(st->st_mode)) {
        why = "not a regular file";
    } else if (access(target, W_OK) != 0) {
        why = "the file is read-only: it is not replaced";
    }
    if (why) {
        snprintf(err, errcap, "%s", why);
        free(target);
        return NULL;
    }
    return target;
}

/* target's directory, then its name cut so that the name plus ".tmpXXXXXX"
 * stays within NAME_MAX (a valid 250-byte name must not fail), at a UTF-8
 * character boundary. */
static char *temporary_name(const char *target)
{
    static const char suffix[] = ".tmpXXXXXX";
    const char *slash = strrchr(target, '/');
    size_t dir = slash ? (size_t)(slash - target) + 1 : 0, name = strlen(target) - dir;
    size_t keep = name;
    if (keep > NAME_MAX - (sizeof suffix - 1))
        keep = NAME_MAX - (sizeof suffix - 1);
    while (keep > 0 && keep < name && ((unsigned char)target[dir + keep] & 0xC0) == 0x80)
        keep--;
    char *tmp = malloc(dir + keep + sizeof suffix);
    if (tmp) {
        memcpy(tmp, target, dir + keep);
        memcpy(tmp + dir + keep, suffix, sizeof suffix);
    }
    return tmp;
}

/* Creates and lists the temporary file with signals held; its fd, or -1. */
static int create_guarded(struct rnn_atomic_file *f, char *err, size_t errcap)
{
    if (strlen(f->tmp) >= PATH_MAX) {
        snprintf(err, errcap, "cannot create a file there: %s", strerror(ENAMETOOLONG));
        return -1;
    }
    sigset_t saved;
    guard_install();
    hold_signals(true, &saved);
    int fd = mkstemp(f->tmp);
    int saved_errno = errno;
    if (fd >= 0 && (f->slot = guard_add(f->tmp)) < 0) {
        unlink(f->tmp);
        close(fd);
        fd = -1;
        saved_errno = EMFILE;
    }
    hold_signals(false, &saved);
    if (fd < 0)
        snprintf(err, errcap, "cannot create a file there: %s", strerror(saved_errno));
    return fd;
}

/* The mode a plain fopen would give a new file; an existing file keeps its
 * own mode, and its owner where we may set it (root saving a user's file). */
static void copy_mode(int fd, const struct stat *old)
{
    if (old->st_nlink) {
        fchmod(fd, old->st_mode & 07777);
        if (old->st_uid != geteuid() || old->st_gid != getegid())
            if (fchown(fd, old->st_uid, old->st_gid) != 0)
                fchmod(fd, old->st_mode & 0777); /* no set-id bits on another owner's file */
        return;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
}

int rnn_atomic_open(struct rnn_atomic_file *f, const char *path, char *err, size_t errcap)
{
    memset(f, 0, sizeof *f);
    f->slot = -1;
    if (rnn_output_is_stdout(path)) {
        f->fp = stdout;
        return 0;
    }
    struct stat old;
    if (!(f->target = resolve_target(path, &old, err, errcap)))
        return -1;
    if (!(f->tmp = temporary_name(f->target))) {
        snprintf(err, errcap, "out of memory");
        rnn_atomic_abort(f);
        return -1;
    }
    int fd = create_guarded(f, err, errcap);
    if (fd < 0) {
        free(f->tmp);
        f->tmp = NULL; /* mkstemp made nothing */
        rnn_atomic_abort(f);
        return -1;
    }
    copy_mode(fd, &old);
    if (!(f->fp = fdopen(fd, "w"))) {
        snprintf(err, errcap, "%s", strerror(errno));
        close(fd);
        rnn_atomic_abort(f);
        return -1;
    }
    return 0;
}

/* Removes or renames the temporary file and unlists it, signals held. */
static int settle_guarded(struct rnn_atomic_file *f, bool keep)
{
    sigset_t saved;
    hold_signals(true, &saved);
    int rc = keep ? rename(f->tmp, f->target) : unlink(f->tmp);
    int saved_errno = errno;
    if (rc == 0 || !keep) {
        guard_used[f->slot] = 0;
        f->slot = -1;
    }
    hold_signals(false, &saved);
    errno = saved_errno;
    return rc;
}

static void release(struct rnn_atomic_file *f)
{
    free(f->tmp);
    free(f->target);
    f->tmp = f->target = NULL;
    f->fp = NULL;
}

int rnn_atomic_commit(struct rnn_atomic_file *f, char *err, size_t errcap)
{
    if (!f->tmp) { /* standard output: written in place */
        bool bad = fflush(f->fp) != 0 || ferror(f->fp);
        if (bad)
            snprintf(err, errcap, "error writing standard output");
        release(f);
        return bad ? -1 : 0;
    }
    int bad = fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) != 0;
    int saved = errno;
    if (fclose(f->fp) != 0 && !bad)
        bad = 1, saved = errno;
    f->fp = NULL;
    if (bad) {
        snprintf(err, errcap, "write failed: %s", strerror(saved ? saved : EIO));
    } else if (settle_guarded(f, true) != 0) {
        snprintf(err, errcap, "cannot rename into place: %s", strerror(errno));
        bad = 1;
    }
    if (bad) {
        rnn_atomic_abort(f);
        return -1;
    }
    release(f);
    return 0;
}

void rnn_atomic_abort(struct rnn_atomic_file *f)
{
    if (f->fp && f->tmp)
        fclose(f->fp);
    if (f->tmp)
        settle_guarded(f, false);
    release(f);
}
