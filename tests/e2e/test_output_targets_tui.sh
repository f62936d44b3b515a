#!/usr/bin/env bash
# The output property for the visualiser's outputs, --record and the save
# prompt (w), against the targets of tests/cli/targets.sh: every kind that
# must be refused (a missing directory, a directory, a read-only file, a
# read-only directory, a named pipe, a device, a symbolic link to a device,
# a symbolic link loop or to nothing, the --text-file under four names, the
# recording itself, a full tmpfs) is refused with its message, the directory
# byte for byte as before and no temporary file left; a 255-byte name works.
source "$(dirname "$0")/lib.sh" "$@"
chmod 755 "$E2E_DIR" # the user nobody runs some sessions
cp "$RNNSTEP" "$E2E_DIR/rnnstep"
rnnstep=$E2E_DIR/rnnstep
work=$E2E_DIR/work
mkdir "$work"
chmod 777 "$work"
source "$SOURCE_DIR/tests/cli/targets.sh"
trap 'targets_cleanup; e2e_cleanup' EXIT
cd "$work"
targets_make || e2e_fail "cannot make the targets"
# (with a HOME it may read: the config file is looked for there)
printf '#!/bin/sh\nHOME=%q exec %s %q "$@"\n' "$work" "${as_user[*]}" "$rnnstep" >"$E2E_DIR/as-user"
chmod 755 "$E2E_DIR/as-user"

# The directory, but for the recording of the session under way, which grows
# with each key.
snapshot() { targets_snapshot | grep -v 'rec\.txt\.tmp'; }

unchanged() { # unchanged WHAT BEFORE
    local after
    after=$(snapshot)
    [ "$2" = "$after" ] || e2e_fail "$1: the directory changed: $(diff <(echo "$2") <(echo "$after") | tr '\n' ' ')"
}

# record_refused WHAT MESSAGE [ARGS...]: --record is refused before the screen.
record_refused() {
    local what=$1 want=$2 before
    shift 2
    before=$(snapshot)
    E2E_READY="rnnstep has exited" e2e_start record "$@"
    e2e_wait_text "${want:0:80}" # the rest wraps to the next row
    [ "$(e2e_exit_status)" = 2 ] || e2e_fail "--record $what: exit status $(cat "$E2E_DIR/status"), expected 2"
    unchanged "--record $what" "$before"
    tm kill-server
}
record_refused "into a missing directory" "rnnstep: --record nodir/out: cannot create a file there: No such file or directory" -- --record nodir/out
record_refused "to a directory" "rnnstep: --record dir: is a directory" -- --record dir
record_refused "to a directory name" "rnnstep: --record dir/: not a file name" -- --record dir/
# Root may write anywhere: the permission rows run as the user nobody then.
RNNSTEP=$E2E_DIR/as-user record_refused "over a read-only file" \
    "rnnstep: --record ro-file: the file is read-only: it is not replaced" -- --record ro-file
RNNSTEP=$E2E_DIR/as-user record_refused "into a read-only directory" \
    "rnnstep: --record ro/out: cannot create a file there: Permission denied" -- --record ro/out
record_refused "to a named pipe" "rnnstep: --record fifo: not a regular file" -- --record fifo
[ -e device ] && record_refused "to a device" "rnnstep: --record device: not a regular file" -- --record device
record_refused "to a symbolic link to a device" "rnnstep: --record null-link: not a regular file" -- --record null-link
record_refused "to a symbolic link loop" "rnnstep: --record loop: Too many levels of symbolic links" -- --record loop
record_refused "to a dangling link" "rnnstep: --record dangling: a symbolic link to a missing file" -- --record dangling
for name in text.txt ./text.txt hard-link.txt text-link.txt; do
    record_refused "over the --text-file as $name" "rnnstep: --record $name would overwrite the --text-file input" \
        -- --text-file text.txt --record "$name"
done

# A full disk is found when the recording is written, at the end.
if [ -d full ]; then
    before=$(snapshot)
    e2e_start record-full -- --record full/keep.json
    e2e_keys e q
    e2e_wait_text "rnnstep: --record full/keep.json: write failed: No space left on device"
    [ "$(e2e_exit_status)" = 2 ] || e2e_fail "--record on a full tmpfs: exit status $(cat "$E2E_DIR/status")"
    unchanged "--record on a full tmpfs" "$before"
    tm kill-server
fi

# save_refused WHAT PATH MESSAGE: the save prompt refuses PATH with MESSAGE
# on the status line and leaves the directory as it was.
save_refused() {
    local what=$1 path=$2 want=$3 before
    before=$(snapshot)
    e2e_keys w
    e2e_wait_text "save the parameters to (Enter)"
    e2e_keys C-u
    e2e_type "$path"
    e2e_keys Enter
    e2e_wait_text "$want"
    unchanged "the save prompt $what" "$before"
}
e2e_start prompt -- --text-file text.txt
e2e_keys e
e2e_wait_text "epoch 1"
save_refused "into a missing directory" nodir/out "nodir/out: cannot create a file there: No such file"
save_refused "to a directory" dir "dir: is a directory"
save_refused "to a directory name" dir/ "dir/: not a file name"
save_refused "to a named pipe" fifo "fifo: not a regular file"
[ -e device ] && save_refused "to a device" device "device: not a regular file"
save_refused "to a symbolic link to a device" null-link "null-link: not a regular file"
save_refused "to /dev/full" /dev/full "/dev/full: not a regular file"
save_refused "to a symbolic link loop" loop "loop: Too many levels of symbolic links"
save_refused "to a dangling link" dangling "dangling: a symbolic link to a missing file"
for name in text.txt ./text.txt hard-link.txt text-link.txt; do
    save_refused "over the --text-file as $name" "$name" "--save $name would overwrite the --text-file input"
done
[ -d full ] && save_refused "on a full tmpfs" full/keep.json "full/keep.json: write failed: No space left on"
long=$(printf 'n%.0s' $(seq 250)).json # 255 bytes, the longest name allowed
e2e_keys w C-u
e2e_type "$long"
e2e_keys Enter
e2e_wait_text "saved the current parameters to nnnn"
[ -s "$long" ] || e2e_fail "the save prompt with a 255-byte name saved nothing"
rm -f "$long"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q after the refused saves: exit status $(cat "$E2E_DIR/status")"
tm kill-server

RNNSTEP=$E2E_DIR/as-user e2e_start prompt-permissions
save_refused "over a read-only file" ro-file "ro-file: the file is read-only: it is not replaced"
save_refused "into a read-only directory" ro/out "ro/out: cannot create a file there: Permission"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "the session as nobody: exit status $(cat "$E2E_DIR/status")"
tm kill-server

# The recording under way is an output too: the prompt may not save over it.
e2e_start prompt-record -- --record rec.txt
save_refused "over the --record file" ./rec.txt "--save ./rec.txt and --record rec.txt are the same file"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "the recording session: exit status $(cat "$E2E_DIR/status")"
[ "$(head -n 1 rec.txt)" = "rnnstep-record 1" ] || e2e_fail "the recording was not written"
tm kill-server

# A 255-byte name for --record works: its temporary name stays within NAME_MAX.
e2e_start record-long -- --record "$long"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "--record with a 255-byte name: exit status $(cat "$E2E_DIR/status")"
[ "$(head -n 1 "$long")" = "rnnstep-record 1" ] || e2e_fail "--record with a 255-byte name wrote nothing"
[ -z "$(find "$work" -name '*.tmp*')" ] || e2e_fail "temporary files left: $(find "$work" -name '*.tmp*')"
echo "PASS output targets (visualiser)"
