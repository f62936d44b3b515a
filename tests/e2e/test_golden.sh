# Golden screens: every tests/golden/NAME.keys is a small scenario (options, a
# terminal size, keys, and "screen" where the screen is to be compared). It is
# turned into a replay file (header from a real --record run, so the settings
# fingerprint is current), replayed without a terminal in the way
# (RNNSTEP_SCREEN_DUMP, src/tui/dump.h), and every dumped screen, text and the
# role of each cell, must equal tests/golden/NAME.screens.
# Regenerate after an intended screen change (then read the diff):
#   bash tests/e2e/test_golden.sh build/dev/rnnstep . --regen
set -euo pipefail
RNNSTEP=${1:?usage: test_golden.sh RNNSTEP SOURCE_DIR [--regen]}
SOURCE_DIR=${2:?usage: test_golden.sh RNNSTEP SOURCE_DIR [--regen]}
REGEN=${3:-}
command -v script >/dev/null || { echo "SKIP: script (util-linux) is not installed"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
unset NO_COLOR

# One key word as the code the visualiser reads: a character, or a name.
key_code() {
    case $1 in
    space) echo 32 ;;
    Tab) echo 9 ;;
    Esc) echo 27 ;;
    Enter) echo 13 ;;
    Left) echo 260 ;;
    Right) echo 261 ;;
    Up) echo 259 ;;
    Down) echo 258 ;;
    *) [ ${#1} -eq 1 ] || { echo "bad key word '$1'" >&2; return 1; }
       printf '%d\n' "'$1" ;;
    esac
}

# in a pseudo-terminal, with stdin from the pipe or file given
in_pty() { script -qec "$1" /dev/null >/dev/null; }

run_case() {
    local keys=$1 name opts="" size=80x24 rec=$TMP/case.rec
    name=$(basename "$keys" .keys)
    opts=$(sed -n 's/^options *//p' "$keys")
    size=$(sed -n 's/^size *//p' "$keys")
    size=${size:-80x24}
    rm -f "$TMP/head.rec" "$TMP/out"
    printf q | in_pty "$RNNSTEP $opts --record $TMP/head.rec"
    sed "/^keys$/q" "$TMP/head.rec" >"$rec" # the header, up to its keys line
    local line word
    while read -r line; do
        case $line in
        screen | tick) echo "$line" >>"$rec" ;;
        keys\ *) for word in ${line#keys }; do key_code "$word" >>"$rec"; done ;;
        esac
    done <"$keys"
    LINES=${size#*x} COLUMNS=${size%x*} RNNSTEP_SCREEN_DUMP=$TMP/out \
        in_pty "$RNNSTEP $opts --replay $rec" </dev/null
    [ -s "$TMP/out" ] || { echo "FAIL: $name: no screens dumped" >&2; return 1; }
    # A pane's title must end before the next pane's border: "dL/dh_t─ Para"
    # reads as one word (a title row begins with the border; heat glyphs that
    # include ─ are not ASCII, so only text glued to a border matches).
    if grep '^─' "$TMP/out" | grep -P '[!-~]─' >"$TMP/glued"; then
        echo "FAIL: $name: a title runs into the next pane's border:" >&2
        cat "$TMP/glued" >&2
        return 1
    fi
    local want=$SOURCE_DIR/tests/golden/$name.screens
    if [ "$REGEN" = --regen ]; then
        cp "$TMP/out" "$want"
        echo "regenerated $want"
    elif ! diff -u "$want" "$TMP/out" >"$TMP/diff"; then
        echo "FAIL: $name: the screens differ from $want (- expected, + now):" >&2
        head -n 60 "$TMP/diff" >&2
        return 1
    fi
}

failed=0
for keys in "$SOURCE_DIR"/tests/golden/*.keys; do
    run_case "$keys" || failed=1
done
[ $failed -eq 0 ] && echo "golden screens: all equal"
exit $failed
