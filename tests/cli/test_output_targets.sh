#!/usr/bin/env bash
# The output property: for every batch output option (--save, --trace) and
# every kind of target that cannot or must not be written, rnnstep exits 2
# with one line on standard error and the target and its directory are byte
# for byte as before, with no temporary file left. Then the targets that must
# work: a 255-byte name, an existing file's mode, a symbolic link (kept, its
# file written), "-" and /dev/stdout (standard output, the table on stderr).
# Usage: bash test_output_targets.sh RNNSTEP SOURCE_DIR
set -uo pipefail
rnnstep_binary=$(realpath "$1")
source "$(dirname "$0")/targets.sh"
top=$(mktemp -d)
trap 'targets_cleanup; chmod -R u+rwx "$top"; rm -rf "$top"' EXIT
chmod 755 "$top"
cp "$rnnstep_binary" "$top/rnnstep"
rnnstep=$top/rnnstep
work=$top/work
mkdir "$work"
chmod 777 "$work" # the user nobody writes here when the test runs as root
cd "$work" || exit 1

failures=0 checks=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}


refused() { # refused DESCRIPTION COMMAND...
    local what=$1 before after rc
    shift
    checks=$((checks + 1))
    before=$(targets_snapshot)
    timeout 60 "$@" >"$top/out" 2>"$top/err"
    rc=$?
    after=$(targets_snapshot)
    [ "$rc" -eq 2 ] || fail "$what: exit status $rc, expected 2 ($(head -c 300 "$top/err"))"
    # With data on standard output the table is on stderr too: the message is last.
    [ "$(grep -vc '^ ' "$top/err")" -eq 1 ] && [[ $(tail -n 1 "$top/err") == "rnnstep: "* ]] ||
        fail "$what: not one 'rnnstep:' line on stderr: $(head -c 300 "$top/err")"
    [ "$before" = "$after" ] ||
        fail "$what: the directory changed: $(diff <(echo "$before") <(echo "$after") | tr '\n' ' ')"
}

train=(--batch --epochs 2 --hidden 3)
targets_make || fail "cannot make the targets"

for opt in --save --trace; do
    refused "$opt into a missing directory" "$rnnstep" "${train[@]}" "$opt" nodir/out
    refused "$opt to a directory" "$rnnstep" "${train[@]}" "$opt" dir
    refused "$opt to a directory name" "$rnnstep" "${train[@]}" "$opt" dir/
    refused "$opt over a read-only file" "${as_user[@]}" "$rnnstep" "${train[@]}" "$opt" ro-file
    refused "$opt into a read-only directory" "${as_user[@]}" "$rnnstep" "${train[@]}" "$opt" ro/out
    refused "$opt to a named pipe" "$rnnstep" "${train[@]}" "$opt" fifo
    [ -e device ] && refused "$opt to a device" "$rnnstep" "${train[@]}" "$opt" device
    refused "$opt to a symbolic link to a device" "$rnnstep" "${train[@]}" "$opt" null-link
    refused "$opt to /dev/full" "$rnnstep" "${train[@]}" "$opt" /dev/full
    refused "$opt to a symbolic link loop" "$rnnstep" "${train[@]}" "$opt" loop
    refused "$opt to a dangling symbolic link" "$rnnstep" "${train[@]}" "$opt" dangling
    refused "$opt over the --text-file" "$rnnstep" "${train[@]}" --text-file text.txt "$opt" text.txt
    refused "$opt over the --text-file spelt ./" "$rnnstep" "${train[@]}" --text-file text.txt "$opt" ./text.txt
    refused "$opt over a hard link to the --text-file" "$rnnstep" "${train[@]}" --text-file text.txt "$opt" hard-link.txt
    refused "$opt over a symbolic link to the --text-file" "$rnnstep" "${train[@]}" --text-file text.txt "$opt" text-link.txt
    refused "$opt past a file size limit (a full disk)" bash -c "ulimit -f 16; exec '$rnnstep' --batch --epochs 20 --hidden 64 $opt params.json >/dev/null"
    refused "$opt on standard output on a full disk" bash -c "exec '$rnnstep' --batch --epochs 20 --hidden 64 $opt - >/dev/full"
    [ -d full ] && refused "$opt over a file on a full disk (a full tmpfs)" "$rnnstep" --batch --epochs 20 --hidden 64 "$opt" full/keep.json
    [ -d full ] && refused "$opt to a new file on a full disk (a full tmpfs)" "$rnnstep" --batch --epochs 20 --hidden 64 "$opt" full/new.json
done
refused "--trace over the --init file" "$rnnstep" --batch --epochs 2 --init params.json --trace params.json
refused "--save and --trace the same file" "$rnnstep" "${train[@]}" --save out --trace ./out
refused "--save and --trace both standard output" "$rnnstep" "${train[@]}" --save - --trace stdout-link
refused "--record over the --init file" "$rnnstep" --record params.json --init params.json

# ---- targets that must work ------------------------------------------------
checks=$((checks + 1))
long=$(printf 'n%.0s' $(seq 250)).json # 255 bytes, the longest name allowed
"$rnnstep" "${train[@]}" --save "$long" >/dev/null 2>"$top/err" ||
    fail "a 255-byte name: $(cat "$top/err")"
[ -s "$long" ] || fail "a 255-byte name: nothing saved"
rm -f "$long"

checks=$((checks + 1))
cp params.json private.json
chmod 600 private.json
"$rnnstep" "${train[@]}" --save private.json >/dev/null || fail "saving over a 0600 file failed"
[ "$(stat -c %a private.json)" = 600 ] || fail "a 0600 file became $(stat -c %a private.json)"

checks=$((checks + 1))
ln -s private.json private-link.json
"$rnnstep" "${train[@]}" --epochs 3 --save private-link.json >/dev/null || fail "saving through a link failed"
[ -L private-link.json ] || fail "saving through a symbolic link replaced the link"
cmp -s private.json <("$rnnstep" "${train[@]}" --epochs 3 --save - 2>/dev/null) ||
    fail "saving through a symbolic link did not write the file it points to"

checks=$((checks + 1))
for name in - stdout-link; do
    "$rnnstep" --batch --epochs 1 --trace "$name" >"$top/out" 2>"$top/err" || fail "--trace $name failed"
    [ "$(wc -l <"$top/out")" -eq 17 ] || fail "--trace $name: $(wc -l <"$top/out") records on stdout, expected 17"
    grep -q '^ *epoch' "$top/err" || fail "--trace $name: the table is not on stderr"
    "$rnnstep" --batch --epochs 1 --save "$name" >"$top/out" 2>"$top/err" || fail "--save $name failed"
    grep -q '"format": "rnnstep-params"' "$top/out" || fail "--save $name: no parameters on stdout"
done
leftovers=$(find "$work" -name '*.tmp*')
[ -z "$leftovers" ] || fail "temporary files left: $leftovers"

echo "output targets: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
