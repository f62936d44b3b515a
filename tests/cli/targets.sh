# The output targets of the output property, shared by the batch test
# (tests/cli/test_output_targets.sh) and the visualiser's (--record and the
# save prompt: tests/e2e/test_output_targets_tui.sh). Sourced; the caller
# sets $rnnstep (the binary) and $work (an empty directory, made mode 777).
#
# targets_make: in $work, the inputs (text.txt, params.json, a hard and a
# symbolic link to text.txt) and every kind of target that must be refused:
# dir, ro (a read-only directory), ro-file (mode 444), fifo, device (as
# root: /dev/null's numbers), null-link (to /dev/null), loop, dangling,
# stdout-link (as /dev/stdout), and full/ (a 64 KiB tmpfs filled up, with
# full/keep.json in it) when mounting is permitted.

# Root may write over read-only files and into read-only directories: the
# permission rows then run as the user nobody.
as_user=()
if [ "$(id -u)" -eq 0 ]; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi

targets_make() {
    printf 'hello world\n' >"$work/text.txt"
    "$rnnstep" --batch --epochs 0 --save "$work/params.json" >/dev/null || return 1
    mkdir "$work/dir" "$work/ro"
    printf 'keep me\n' >"$work/ro-file"
    chmod 444 "$work/ro-file"
    chmod 555 "$work/ro"
    mkfifo "$work/fifo"
    ln -s /dev/null "$work/null-link"
    ln -s loop "$work/loop"
    ln -s missing-target "$work/dangling"
    ln "$work/text.txt" "$work/hard-link.txt"
    ln -s text.txt "$work/text-link.txt"
    ln -s /proc/self/fd/1 "$work/stdout-link" # as /dev/stdout, which a broken build could replace
    if [ "$(id -u)" -eq 0 ]; then mknod "$work/device" c 1 3; fi
    targets_full_disk
}

# A real full disk: a 64 KiB tmpfs with one small file, then filled to the
# last block. Without permission to mount (not root, a container without
# CAP_SYS_ADMIN) there is none, and the file size limit (RLIMIT_FSIZE) stands
# in for it; the test says so.
targets_full_disk() {
    mkdir "$work/full"
    if ! mount -t tmpfs -o size=64k,mode=777 rnnstep-full "$work/full" 2>/dev/null; then
        rmdir "$work/full"
        echo "note: mounting a tmpfs is not permitted here; a full disk is simulated by a file size limit only" >&2
        return 0
    fi
    cp "$work/params.json" "$work/full/keep.json"
    head -c 1M /dev/zero >"$work/full/filler" 2>/dev/null || true # fills it: No space left
}

# Unmounts the tmpfs (before the caller removes $work).
targets_cleanup() {
    if [ -d "$work/full" ] && mountpoint -q "$work/full"; then umount "$work/full"; fi
}

# Names, types, modes, sizes, link targets and content hashes of everything in $work.
targets_snapshot() {
    find "$work" -mindepth 1 -printf '%P %y %m %s %l\n' | sort
    find "$work" -type f -readable -exec sha256sum {} + 2>/dev/null | sort
}
