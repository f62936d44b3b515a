#!/usr/bin/env bash
# The default theme from RNNSTEP_THEME and $XDG_CONFIG_HOME/rnnstep/config:
# a bad value, a bad line or an unreadable file is one line naming where it
# came from and exit status 2, before the visualiser starts; batch mode never
# reads either. (That a good value chooses the theme: tests/e2e/test_themes.sh.)
# Usage: bash test_theme_config.sh RNNSTEP SOURCE_DIR
set -uo pipefail
rnnstep=$1
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
mkdir -p "$top/config/rnnstep"
config=$top/config/rnnstep/config
names="one of dark, light, high-contrast, mono"
fails=0

# expect STATUS MESSAGE VAR=VALUE...: runs the visualiser (no terminal: the
# theme is checked before the terminal) with the environment given.
expect() {
    local want_rc=$1 want_msg=$2
    shift 2
    local err rc
    err=$(env -u RNNSTEP_THEME -u XDG_CONFIG_HOME HOME="$top/home" "$@" "$rnnstep" </dev/null 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" != "$want_rc" ] || [ "$(printf '%s\n' "$err" | wc -l)" != 1 ] ||
        [[ "$err" != "rnnstep: $want_msg"* ]]; then
        echo "FAIL: $* gave status $rc and '$err', expected $want_rc and 'rnnstep: $want_msg'" >&2
        fails=$((fails + 1))
    fi
}
no_terminal="the visualiser needs a terminal"

expect 2 "RNNSTEP_THEME: 'neon' is not $names" RNNSTEP_THEME=neon
expect 2 "$no_terminal" RNNSTEP_THEME= # empty is unset
expect 2 "$no_terminal" RNNSTEP_THEME=high-contrast

printf 'theme = neon\n' >"$config"
expect 2 "$config: line 1: 'neon' is not $names" XDG_CONFIG_HOME="$top/config"
expect 2 "$no_terminal" XDG_CONFIG_HOME="$top/config" RNNSTEP_THEME=light # the environment wins
printf '# projector\n\ntheme light\n' >"$config"
expect 2 "$config: line 3: expected 'theme = NAME'" XDG_CONFIG_HOME="$top/config"
printf 'colour = light\n' >"$config"
expect 2 "$config: line 1: unknown setting 'colour' (known: theme)" XDG_CONFIG_HOME="$top/config"
printf '  theme=light  \n' >"$config"
expect 2 "$no_terminal" XDG_CONFIG_HOME="$top/config"
# Without XDG_CONFIG_HOME the file is ~/.config/rnnstep/config.
mkdir -p "$top/home/.config/rnnstep"
printf 'theme = dark mode\n' >"$top/home/.config/rnnstep/config"
expect 2 "$top/home/.config/rnnstep/config: line 1: 'dark mode' is not $names"
rm "$config"
mkfifo "$config" # must not block
expect 2 "$config: not a regular file" XDG_CONFIG_HOME="$top/config"

# Batch mode has no theme: neither is read.
if ! env RNNSTEP_THEME=neon XDG_CONFIG_HOME="$top/config" "$rnnstep" --batch --epochs 1 >/dev/null; then
    echo "FAIL: batch mode refused a bad RNNSTEP_THEME" >&2
    fails=$((fails + 1))
fi
[ "$fails" = 0 ] && echo "PASS theme_config"
exit $((fails > 0))
