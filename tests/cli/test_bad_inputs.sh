#!/usr/bin/env bash
# Runs every row of docs/bad-inputs.md against the real binary: the command's
# exit status, its one-line message (or its output), and that the fixture
# directory is unchanged afterwards (no partial output, no temporary files).
# Usage: bash test_bad_inputs.sh RNNSTEP SOURCE_DIR
set -uo pipefail
rnnstep_binary=$(realpath "$1")
doc=$(realpath "$2/docs/bad-inputs.md")

top=$(mktemp -d)
trap 'chmod -R u+rwx "$top"; rm -rf "$top"' EXIT
# The user nobody runs some rows, so it must reach the binary and fixtures.
chmod 755 "$top"
mkdir "$top/bin" "$top/fixtures"
cp "$rnnstep_binary" "$top/bin/rnnstep"
fixtures="$top/fixtures"

# The worked example's initial parameters, written independently of the
# program, and variants of it with one mistake each.
hello_json='{"format": "rnnstep-params", "version": 1, "vocab": "helo", "hidden": 1,
 "U": [[0.1442, -0.2315, -0.669, 1.1585]], "W": [[-0.587]], "b": [0.0],
 "V": [[-0.2246], [-0.3053], [0.4905], [0.2768]], "c": [0.0, 0.0, 0.0, 0.0]}'

variant() { # variant FILE SED-EXPRESSION
    sed "$2" <<<"$hello_json" >"$1"
}

# Every code point from U+0100 on, as two-byte UTF-8, without needing a UTF-8 locale.
distinct_chars() { # distinct_chars COUNT
    local i cp
    for ((i = 0; i < $1; i++)); do
        cp=$((0x100 + i))
        printf "\\x$(printf %02x $((0xC0 | cp >> 6)))\\x$(printf %02x $((0x80 | (cp & 0x3F))))"
    done
}

make_fixtures() {
    cd "$fixtures" || exit 1
    printf '%s\n' "$hello_json" >hello.json
    cp hello.json keep.json
    printf 'he\377llo' >invalid-utf8.txt
    printf 'he\0llo' >nul.txt
    : >empty.txt
    : >empty.json
    distinct_chars 300 >vocab300.txt
    truncate -s 200M huge.txt
    head -c 20002 /dev/zero | tr '\0' 'a' >long.txt
    head -c 10001 /dev/zero | tr '\0' 'a' >10001.txt
    head -c 10000 /dev/zero | tr '\0' 'a' >10000.txt
    printf 'hello' >secret.txt
    chmod 000 secret.txt
    mkdir dir ro shared
    chmod 555 ro
    chmod 777 shared
    printf 'keep\n' >shared/ro.json
    chmod 444 shared/ro.json
    ln -s /dev/null null-link
    ln -s loop loop
    ln -s missing-target dangling
    ln -s /proc/self/fd/1 stdout-link # /dev/stdout itself: a broken build could replace it
    mkfifo fifo
    head -c 60 hello.json >truncated.json
    printf '[1, 2, 3]\n' >array.json
    variant version2.json 's/"version": 1/"version": 2/'
    variant format.json 's/rnnstep-params/rnnstep-weights/'
    variant no-w.json 's/"W": \[\[-0.587\]\], //'
    variant hidden0.json 's/"hidden": 1/"hidden": 0/'
    variant shape.json 's/"hidden": 1/"hidden": 2/'
    variant string.json 's/\[\[-0.587\]\]/[["-0.587"]]/'
    variant overflow.json 's/"b": \[0.0\]/"b": [1e400]/'
    variant nan.json 's/"b": \[0.0\]/"b": [NaN]/'
    variant repeat.json 's/"helo"/"hello"/'
    variant missing-char.json 's/"helo"/"helx"/'
    variant duplicate-key.json 's/"hidden": 1,/"hidden": 1, "hidden": 1,/'
    variant nul-string.json 's/"helo"/"hel\\u0000o"/'
    variant bad-utf8-vocab.json $'s/"helo"/"hel\xff"/'
    # Values that overflow tanh's input, and the softmax's.
    variant tanh.json 's/\[\[0.1442, -0.2315, -0.669, 1.1585\]\]/[[1e300, 1e300, -1e300, 1e300]]/'
    variant softmax.json 's/"V": .*/"V": [[1e300], [-1e300], [1e300], [1e300]], "c": [1e300, 1e300, -1e300, 1e300]}/'
    variant softmax-nan.json 's/"V": .*/"V": [[1e308], [-1e308], [1e308], [1e308]], "c": [1.7e308, 1.7e308, -1.7e308, 1.7e308]}/'
    { head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; } >deep.json
    make_lesson_fixtures
}

make_lesson_fixtures() {
    printf 'text hello\nbogus 1\n' >unknown.lesson
    printf 'text hello\nlr fast\n' >bad-value.lesson
    printf 'say Start.\nkeys nnq\n' >quit.lesson
    printf 'keys n\nhidden 2\n' >late-setting.lesson
    printf 'say \377\376\n' >garbage.lesson
    { printf 'say '; head -c 70000 /dev/zero | tr '\0' 'x'; echo; } >long-line.lesson
}

# Rows whose command starts with as_nobody need a user that cannot write
# into ro/; root can, so root runs them as nobody.
as_nobody() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    else
        setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
    fi
}
export -f as_nobody

snapshot() {
    find "$fixtures" -mindepth 1 -printf '%P %y %s %m %T@\n' | sort
}

# Rows: "| what | `command` | exit | `expected` |" under a header whose last
# column says which stream the expected text is in.
rows() {
    awk -F' [|] ' '
        /^\| / && $3 == "exit" { stream = ($4 ~ /^stdout/) ? "stdout" : "stderr"; next }
        /^\| / && $2 ~ /^`/ && stream != "" {
            cmd = $2; text = $4
            sub(/^`/, "", cmd); sub(/`$/, "", cmd)
            sub(/ \|$/, "", text); sub(/^`/, "", text); sub(/`$/, "", text)
            printf "%s\t%s\t%s\t%s\n", stream, $3, cmd, text
        }
        /^$/ { stream = "" }' "$doc"
}

failures=0 count=0 skipped=0
fail() {
    echo "FAIL: $1" >&2
    echo "      $2" >&2
    failures=$((failures + 1))
}

check_row() { # check_row STREAM EXIT COMMAND EXPECTED
    local stream=$1 want=$2 cmd=$3 expected=$4
    if [[ $cmd == as_nobody* && $(id -u) -eq 0 ]] && ! command -v setpriv >/dev/null; then
        echo "skip (no setpriv to drop root): $cmd" >&2
        skipped=$((skipped + 1))
        return
    fi
    local before after rc
    before=$(snapshot)
    (cd "$fixtures" && PATH="$top/bin:$PATH" timeout 30 bash -c "$cmd") \
        >"$top/stdout" 2>"$top/stderr"
    rc=$?
    after=$(snapshot)
    local err
    err=$(cat "$top/stderr")
    [ "$rc" = "$want" ] || fail "$cmd" "exit status $rc, expected $want; stderr: $err"
    if [ "$before" != "$after" ]; then
        fail "$cmd" "the fixture directory changed: $(diff <(echo "$before") <(echo "$after") | tr '\n' ' ')"
    fi
    if [ "$stream" = stderr ]; then
        [ "$(wc -l <"$top/stderr")" -eq 1 ] || fail "$cmd" "expected one line on stderr, got: $err"
        [[ $err == "rnnstep: "* ]] || fail "$cmd" "stderr does not start with 'rnnstep: ': $err"
        grep -qF -- "$expected" "$top/stderr" || fail "$cmd" "stderr lacks '$expected': $err"
    else
        [ -z "$err" ] || fail "$cmd" "expected nothing on stderr, got: $err"
        grep -qF -- "$expected" "$top/stdout" ||
            fail "$cmd" "stdout lacks '$expected': $(head -c 600 "$top/stdout")"
    fi
}

make_fixtures
while IFS=$'\t' read -r stream want cmd expected; do
    count=$((count + 1))
    check_row "$stream" "$want" "$cmd" "$expected"
done < <(rows)

# A broken parser must not pass by finding no rows.
if [ "$count" -lt 60 ]; then
    fail "$doc" "only $count rows found; the table format may have changed"
fi
echo "bad inputs: $count rows, $failures failed, $skipped skipped"
[ "$failures" -eq 0 ]
