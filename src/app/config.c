/* Reads the config file: lines "key = value", '#' comments and blank lines;
 * anything else is refused with the line number, like a bad option. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tui/theme_table.h"

#define LINE_MAX_BYTES 256

bool config_path(char *buf, size_t cap)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(buf, cap, "%s/rnnstep/config", xdg);
    else if (home && *home)
        n = snprintf(buf, cap, "%s/.config/rnnstep/config", home);
    else
        return false;
    return n > 0 && (size_t)n < cap;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

/* Opens path for reading without blocking on a FIFO; NULL with errno 0 when
 * it is not a regular file. */
static FILE *open_regular(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    struct stat st;
    bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (!regular) {
        close(fd);
        errno = 0;
        return NULL;
    }
    FILE *f = fdopen(fd, "r");
    if (!f)
        close(fd);
    return f;
}

/* One line of the file; sets c->value for a theme line. */
static int parse_line(char *line, int lineno, struct config_choice *c, const char *path, char *err,
                      size_t cap)
{
    char *s = trim(line);
    if (!*s || *s == '#')
        return 0;
    char *eq = strchr(s, '=');
    if (!eq) {
        snprintf(err, cap, "%s: line %d: expected 'theme = NAME'", path, lineno);
        return -1;
    }
    *eq = '\0';
    const char *key = trim(s), *value = trim(eq + 1);
    if (strcmp(key, "theme") != 0) {
        snprintf(err, cap, "%s: line %d: unknown setting '%.40s' (known: theme)", path, lineno,
                 key);
        return -1;
    }
    if (!*value || strlen(value) > CONFIG_VALUE_MAX) {
        snprintf(err, cap, "%s: line %d: theme needs a name of 1 to %d characters", path, lineno,
                 CONFIG_VALUE_MAX);
        return -1;
    }
    strcpy(c->buf, value);
    c->value = c->buf;
    snprintf(c->origin, sizeof c->origin, "%s: line %d", path, lineno);
    return 0;
}

static int read_file(const char *path, struct config_choice *c, char *err, size_t cap)
{
    FILE *f = open_regular(path);
    if (!f) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0; /* no config file: nothing to read */
        snprintf(err, cap, "%s: %s", path, errno ? strerror(errno) : "not a regular file");
        return -1;
    }
    char line[LINE_MAX_BYTES + 2];
    int rc = 0;
    for (int lineno = 1; rc == 0 && fgets(line, sizeof line, f); lineno++) {
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(err, cap, "%s: line %d: longer than %d bytes", path, lineno, LINE_MAX_BYTES);
            rc = -1;
        } else {
            rc = parse_line(line, lineno, c, path, err, cap);
        }
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, cap, "%s: %s", path, strerror(errno));
        rc = -1;
    }
    fclose(f);
    return rc;
}

/* A name from the environment or the file must be a row of the theme table
 * (--theme was checked with the other options). */
static int check_theme(const struct config_choice *c, char *err, size_t cap)
{
    if (!c->value || theme_scheme_find(c->value))
        return 0;
    char names[160];
    theme_scheme_names(names, sizeof names);
    snprintf(err, cap, "%s: '%s' is not one of %s", c->origin, c->value, names);
    return -1;
}

int config_theme(const char *cli, struct config_choice *c, char *err, size_t cap)
{
    c->value = NULL;
    c->origin[0] = '\0';
    const char *env = getenv(CONFIG_ENV_THEME);
    if (cli) {
        c->value = cli;
        snprintf(c->origin, sizeof c->origin, "--theme");
    } else if (env && *env) {
        c->value = env;
        snprintf(c->origin, sizeof c->origin, "%s", CONFIG_ENV_THEME);
    } else {
        char path[PATH_MAX];
        if (config_path(path, sizeof path) && read_file(path, c, err, cap) != 0)
            return -1;
    }
    return check_theme(c, err, cap);
}
