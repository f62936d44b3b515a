#!/usr/bin/env bash
# A --record recording is a lesson that reproduces the session: recorded with
# settings other than the defaults (a text and a seed, adam, clipping, the
# BPTT lab's truncation; then a text file, a parameter file and corpus mode),
# played as --lesson started with other options (another theme), from
# another directory, the screen above the caption bar is the recorded one.
source "$(dirname "$0")/lib.sh" "$@"
rows_above_caption() { head -n 21; } # the caption bar takes the last rows of 80x24

# record_and_play NAME KEYS ARGS...: records ARGS with KEYS, then plays the
# recording as a lesson and compares the screens.
record_and_play() {
    local name=$1 keys=$2
    shift 2
    local rec="$E2E_DIR/$name.rec"
    E2E_READY=${WANT_READY:-epoch 0} e2e_start "$name-rec" -- "$@" --record "$rec"
    if [ -n "${KEYS_FUNCTION:-}" ]; then "$KEYS_FUNCTION"; else e2e_type "$keys"; fi
    e2e_wait_text "${WANT_STATUS:?}"
    local recorded
    recorded=$(e2e_screen | rows_above_caption)
    e2e_keys q
    [ "$(e2e_exit_status)" = 0 ] || e2e_fail "$name: the recorded session did not exit with status 0"
    for setting in "${WANT_LINES[@]}"; do
        grep -qxF -- "$setting" "$rec" || e2e_fail "$name: the recording lacks the line '$setting': $(head -n 16 "$rec")"
    done
    (cd / && E2E_READY="end of the lesson" e2e_start "$name-lesson" -- --lesson "$rec" --theme light)
    E2E_SOCKET="rnnstep-$$-$name-lesson"
    e2e_wait_text "end of the lesson"
    local played
    played=$(e2e_screen | rows_above_caption)
    [ "$played" = "$recorded" ] ||
        e2e_fail "$name: the lesson's screen differs from the recorded one: $(diff <(echo "$recorded") <(echo "$played"))"
    e2e_keys q
    [ "$(e2e_exit_status)" = 0 ] || e2e_fail "$name: the lesson did not exit with status 0"
}

WANT_STATUS="epoch 1 | backward t=4/5 | adam lr 0.3 clip 2 | K=2 of 5"
WANT_LINES=("text abcabd" "hidden 3" "seed 7" "lr 0.3" "optimizer adam" "clip 2" "truncate 2")
record_and_play text nnnnnnnnnnnnnnnnnn --text abcabd --hidden 3 --seed 7 --lr 0.3 \
    --optimizer adam --clip 2 --truncate 2

# Files named relative to the directory of the recording session.
mkdir "$E2E_DIR/files"
cd "$E2E_DIR/files"
printf 'the cat sat on the mat. the dog sat on the log.\n' >corpus.txt
"$RNNSTEP" --batch --text-file corpus.txt --seq-length 8 --hidden 2 --seed 3 --iterations 0 \
    --save params.json >/dev/null || e2e_fail "cannot make params.json"
WANT_READY="iteration 0" WANT_STATUS="iteration 1 | backward t=4/8 | momentum lr 0.05"
WANT_LINES=("text-file $E2E_DIR/files/corpus.txt" "seq-length 8" "init $E2E_DIR/files/params.json"
    "lr 0.05" "optimizer momentum")
record_and_play corpus 30n --text-file corpus.txt --seq-length 8 --init params.json --lr 0.05 \
    --optimizer momentum

# A q typed into a prompt is recorded like any key, and is not a quit: the
# recording is still a lesson (only its final q, which ended it, is dropped).
record_prompt_q() {
    e2e_keys n L C-u
    e2e_type "quiet-$$-missing.json"
    e2e_keys Enter
}
WANT_READY="epoch 0" WANT_STATUS="quiet-$$-missing.json: No such file or directory"
WANT_LINES=("text hello" "hidden 1")
KEYS_FUNCTION=record_prompt_q record_and_play prompt-q "" --hidden 1
echo "record as lesson: passed"
