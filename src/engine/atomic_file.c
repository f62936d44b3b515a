/* Atomic output files (temporary file + fsync + rename). */
#include "rnnstep/atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The rename at commit would replace whatever is at path: refuse anything
 * but a regular file (a directory fails late; /dev/null would be replaced). */
static int check_target(const char *path, char *err, size_t errcap)
{
    size_t n = strlen(path);
    if (n == 0 || path[n - 1] == '/') {
        snprintf(err, errcap, "not a file name");
        return -1;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        snprintf(err, errcap, "%s", S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
        return -1;
    }
    return 0;
}

int rnn_atomic_open(struct rnn_atomic_file *f, const char *path, char *err, size_t errcap)
{
    size_t n = strlen(path);
    f->path = path;
    f->fp = NULL;
    f->tmp = NULL;
    if (check_target(path, err, errcap))
        return -1;
    f->tmp = malloc(n + 12);
    if (!f->tmp) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    memcpy(f->tmp, path, n);
    memcpy(f->tmp + n, ".tmpXXXXXX", 11);
    int fd = mkstemp(f->tmp);
    if (fd < 0) {
        snprintf(err, errcap, "cannot create a file there: %s", strerror(errno));
        free(f->tmp);
        f->tmp = NULL;
        return -1;
    }
    /* mkstemp makes the file 0600; give it the mode a plain fopen would. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        snprintf(err, errcap, "%s", strerror(errno));
        close(fd);
        rnn_atomic_abort(f);
        return -1;
    }
    return 0;
}

int rnn_atomic_commit(struct rnn_atomic_file *f, char *err, size_t errcap)
{
    int bad = fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) != 0;
    int saved = errno;
    if (fclose(f->fp) != 0 && !bad)
        bad = 1, saved = errno;
    f->fp = NULL;
    if (bad) {
        snprintf(err, errcap, "write failed: %s", strerror(saved ? saved : EIO));
    } else if (rename(f->tmp, f->path) != 0) {
        snprintf(err, errcap, "cannot rename into place: %s", strerror(errno));
        bad = 1;
    }
    if (bad) {
        rnn_atomic_abort(f);
        return -1;
    }
    free(f->tmp);
    f->tmp = NULL;
    return 0;
}

void rnn_atomic_abort(struct rnn_atomic_file *f)
{
    if (f->fp)
        fclose(f->fp);
    f->fp = NULL;
    if (f->tmp) {
        unlink(f->tmp);
        free(f->tmp);
    }
    f->tmp = NULL;
}
