/* The user's standing preferences for the visualiser, for a machine that is
 * always used the same way (a lecture-hall PC on a projector): read from the
 * environment and a config file so no option is needed every time. */
#ifndef RNNSTEP_APP_CONFIG_H
#define RNNSTEP_APP_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define CONFIG_ENV_THEME "RNNSTEP_THEME"
#define CONFIG_VALUE_MAX 64

struct config_choice {
    const char *value;              /* NULL: nothing chosen, the built-in default */
    char origin[PATH_MAX + 32];     /* where value came from, to name it in an error */
    char buf[CONFIG_VALUE_MAX + 1]; /* value when it came from the file */
};

/* The theme: cli (--theme) if given, else $RNNSTEP_THEME if set and not
 * empty, else "theme = NAME" in config_path(), else none. A name that is not
 * a theme, or a config file that exists but cannot be read or has a bad
 * line, gives one line in err (naming where it came from) and -1; a missing
 * file is no error. */
int config_theme(const char *cli, struct config_choice *c, char *err, size_t cap);

/* $XDG_CONFIG_HOME/rnnstep/config, or ~/.config/rnnstep/config when that is
 * unset or not absolute (as the XDG spec says); false without either. */
bool config_path(char *buf, size_t cap);

#endif
