# Every theme drawn for real and read back with its escapes (capture-pane -e):
# no colour theme draws anything dim (SGR 2, which a projector washes out),
# light and high-contrast use their own 256-colour palette, mono no colour at
# all, NO_COLOR beats --theme, and RNNSTEP_THEME and the config file choose
# the theme when --theme is not given (--theme > environment > file).
source "$(dirname "$0")/lib.sh" "$@"

# The SGR attributes the screen uses, one per line: 2 for dim, "fg N" and
# "bg N" for 256-colour indices, "fg8 N" for the eight ANSI colours.
sgr_attributes() {
    tm capture-pane -e -p | grep -oE $'\e\\[[0-9;]*m' | tr -d '\033[m' | awk -F';' '{
        for (i = 1; i <= NF; i++) {
            if (($i == 38 || $i == 48) && $(i + 1) == 5) { print ($i == 38 ? "fg " : "bg ") $(i + 2); i += 2 }
            else if ($i >= 30 && $i <= 37) print "fg8 " $i - 30
            else if ($i >= 40 && $i <= 47) print "bg8 " $i - 40
            else if ($i != "" && $i != 0 && $i != 39 && $i != 49) print $i
        }
    }' | sort -u
}

# show_theme NAME [VAR=VALUE...] [-- ARGS]: starts at 120x40, runs into the
# first backward step (every role on screen: values of both signs, a wrong
# prediction, changed entries), and leaves the attributes in $E2E_DIR/attrs.
show_theme() {
    local name=$1
    shift
    e2e_start "theme_$name" "$@"
    e2e_resize 120 40
    e2e_type 5n
    e2e_wait_text "backward step t=4"
    sgr_attributes >"$E2E_DIR/attrs"
    e2e_keys q
    [ "$(e2e_exit_status)" = 0 ] || e2e_fail "$name: q did not exit with status 0"
}
has() { grep -qx -- "$1" "$E2E_DIR/attrs"; }

for theme in dark light high-contrast; do
    show_theme "$theme" -- --theme "$theme"
    has 2 && e2e_fail "$theme draws something dim (SGR 2)"
    grep -q '^fg8' "$E2E_DIR/attrs" && e2e_fail "$theme uses an 8-colour code on a 256-colour terminal"
    grep -q '^fg ' "$E2E_DIR/attrs" || e2e_fail "$theme draws no colours"
    cp "$E2E_DIR/attrs" "$E2E_DIR/attrs.$theme"
done
# Each theme is its own palette: positive values are 75 (dark), 19 (light),
# 39 (high-contrast), and high-contrast paints its own black background.
grep -qx 'fg 75' "$E2E_DIR/attrs.dark" || e2e_fail "dark: positive values are not colour 75"
grep -qx 'fg 19' "$E2E_DIR/attrs.light" || e2e_fail "light: positive values are not colour 19"
grep -qx 'fg 39' "$E2E_DIR/attrs.high-contrast" || e2e_fail "high-contrast: positive values are not colour 39"
grep -qx 'bg 16' "$E2E_DIR/attrs.high-contrast" || e2e_fail "high-contrast: no background of its own"
grep -qx 1 "$E2E_DIR/attrs.high-contrast" || e2e_fail "high-contrast: nothing bold"

show_theme mono -- --theme mono
grep -qE '^(fg|bg)' "$E2E_DIR/attrs" && e2e_fail "mono draws colours"
has 2 && e2e_fail "mono draws something dim"
has 7 || e2e_fail "mono: the status line is not reversed"

show_theme no_color NO_COLOR=1 -- --theme high-contrast
grep -qE '^(fg|bg)' "$E2E_DIR/attrs" && e2e_fail "NO_COLOR did not win over --theme"

# The default from the environment, then from the config file; --theme wins.
mkdir -p "$E2E_DIR/config/rnnstep"
printf '# the lecture hall\ntheme = high-contrast\n' >"$E2E_DIR/config/rnnstep/config"
show_theme env RNNSTEP_THEME=light "XDG_CONFIG_HOME=$E2E_DIR/config"
has 'fg 19' || e2e_fail "RNNSTEP_THEME=light did not choose light over the config file"
show_theme config "XDG_CONFIG_HOME=$E2E_DIR/config"
has 'bg 16' || e2e_fail "the config file did not choose high-contrast"
show_theme option RNNSTEP_THEME=light "XDG_CONFIG_HOME=$E2E_DIR/config" -- --theme dark
has 'fg 75' || e2e_fail "--theme dark did not win over RNNSTEP_THEME"
echo "PASS themes"
