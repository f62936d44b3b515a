/* The default theme from the environment and the config file: precedence,
 * where the file is looked for, and the one-line errors for a bad file. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/config.h"

static char dir[] = "/tmp/rnnstep-config-XXXXXX";
static char file[PATH_MAX];

static int make_dir(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    char sub[PATH_MAX];
    snprintf(sub, sizeof sub, "%s/rnnstep", dir);
    snprintf(file, sizeof file, "%s/rnnstep/config", dir);
    setenv("XDG_CONFIG_HOME", dir, 1);
    unsetenv(CONFIG_ENV_THEME);
    return mkdir(sub, 0700);
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static void write_config(const char *text)
{
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Resolves with no --theme; returns config_theme's result, err in err. */
static int resolve(struct config_choice *c, char *err, size_t cap)
{
    err[0] = '\0';
    return config_theme(NULL, c, err, cap);
}

static void test_precedence(void **state)
{
    (void)state;
    struct config_choice c;
    char err[512];
    write_config("# projector in room 2\ntheme = high-contrast\n");
    assert_int_equal(resolve(&c, err, sizeof err), 0);
    assert_string_equal(c.value, "high-contrast");
    assert_non_null(strstr(c.origin, "line 2"));

    setenv(CONFIG_ENV_THEME, "light", 1);
    assert_int_equal(resolve(&c, err, sizeof err), 0);
    assert_string_equal(c.value, "light");
    assert_string_equal(c.origin, CONFIG_ENV_THEME);

    assert_int_equal(config_theme("mono", &c, err, sizeof err), 0);
    assert_string_equal(c.value, "mono");
    assert_string_equal(c.origin, "--theme");

    setenv(CONFIG_ENV_THEME, "", 1); /* empty is unset, as with NO_COLOR */
    assert_int_equal(resolve(&c, err, sizeof err), 0);
    assert_string_equal(c.value, "high-contrast");
    unsetenv(CONFIG_ENV_THEME);
}

static void test_no_file(void **state)
{
    (void)state;
    struct config_choice c;
    char err[512];
    unlink(file);
    assert_int_equal(resolve(&c, err, sizeof err), 0);
    assert_null(c.value);
    write_config("\n   \n# only comments\n");
    assert_int_equal(resolve(&c, err, sizeof err), 0);
    assert_null(c.value);
}

static void test_where(void **state)
{
    (void)state;
    char path[PATH_MAX];
    assert_true(config_path(path, sizeof path));
    assert_string_equal(path, file);
    char *saved = strdup(dir);
    setenv("XDG_CONFIG_HOME", "relative/dir", 1); /* the XDG spec says ignore it */
    setenv("HOME", "/home/lecturer", 1);
    assert_true(config_path(path, sizeof path));
    assert_string_equal(path, "/home/lecturer/.config/rnnstep/config");
    unsetenv("XDG_CONFIG_HOME");
    assert_true(config_path(path, sizeof path));
    assert_string_equal(path, "/home/lecturer/.config/rnnstep/config");
    unsetenv("HOME");
    assert_false(config_path(path, sizeof path));
    setenv("XDG_CONFIG_HOME", saved, 1);
    free(saved);
}

/* A bad file is one line naming the file, the line and the problem. */
static void assert_refused(const char *text, const char *why)
{
    struct config_choice c;
    char err[512];
    write_config(text);
    assert_int_equal(resolve(&c, err, sizeof err), -1);
    assert_non_null(strstr(err, file));
    assert_non_null(strstr(err, why));
    assert_null(strchr(err, '\n'));
}

static void test_bad_file(void **state)
{
    (void)state;
    assert_refused("theme high-contrast\n", "line 1: expected 'theme = NAME'");
    assert_refused("\ncolour = dark\n", "line 2: unknown setting 'colour'");
    assert_refused("theme =   \n", "line 1: theme needs a name");
    char long_line[400];
    memset(long_line, 'x', sizeof long_line - 1);
    long_line[sizeof long_line - 1] = '\0';
    assert_refused(long_line, "line 1: longer than 256 bytes");
    unlink(file);
    assert_int_equal(mkdir(file, 0700), 0); /* a directory where the file belongs */
    struct config_choice c;
    char err[512];
    assert_int_equal(resolve(&c, err, sizeof err), -1);
    assert_non_null(strstr(err, "not a regular file"));
    rmdir(file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_no_file),
        cmocka_unit_test(test_where),
        cmocka_unit_test(test_bad_file),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
