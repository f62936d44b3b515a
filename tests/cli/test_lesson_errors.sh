#!/usr/bin/env bash
# --lesson through the real binary, before any screen: a bad lesson file is
# refused with "rnnstep: FILE: line N: problem" and status 2 (even without a
# terminal), training options beside --lesson are refused, and a good
# lesson's settings reach the session (seen through --worksheet).
# Usage: bash test_lesson_errors.sh RNNSTEP SOURCE_DIR
set -u
bin=$1
src=$2
source "$(dirname "$0")/lib.sh"

# refused WANT ARGS...: status 2 and exactly the message WANT on stderr.
refused() {
    local want=$1
    shift
    local got
    got=$("$bin" "$@" 2>&1 </dev/null)
    local rc=$?
    [ $rc -eq 2 ] || fail "$*: exit status $rc, expected 2"
    [ "$got" = "$want" ] || fail "$*: message '$got', expected '$want'"
}

printf 'text hello\nsay Start.\npause\nkeys nnq\n' >"$tmp/quit.lesson"
refused "rnnstep: $tmp/quit.lesson: line 4: 'q' would quit; a lesson cannot end the session (the presenter does)" \
    --lesson "$tmp/quit.lesson"
printf 'hidden 0\n' >"$tmp/hidden.lesson"
refused "rnnstep: $tmp/hidden.lesson: line 1: hidden: '0' is not a whole number from 1 to 1024" \
    --lesson "$tmp/hidden.lesson"
refused "rnnstep: $tmp/none.lesson: No such file or directory" --lesson "$tmp/none.lesson"
refused "rnnstep: --lesson sets the training options itself; drop --lr (try 'rnnstep --help')" \
    --lesson "$src/assets/lessons/worked-example.lesson" --lr 0.2
refused "rnnstep: --lesson cannot be used with --batch, --gradcheck, --record or --replay (try 'rnnstep --help')" \
    --lesson "$src/assets/lessons/worked-example.lesson" --batch

# A setting the session cannot use is named by its line too (a worksheet
# opens the session without a terminal).
printf '# one character\ntext a\nkeys n\n' >"$tmp/one.lesson"
refused "rnnstep: $tmp/one.lesson: line 2: --text: text needs at least 2 characters (an input and a target)" \
    --lesson "$tmp/one.lesson" --worksheet "$tmp/w.md"
printf 'hidden 2\ntext-file nothere.txt\nkeys n\n' >"$tmp/nofile.lesson"
refused "rnnstep: $tmp/nofile.lesson: line 2: $tmp/nothere.txt: No such file or directory" \
    --lesson "$tmp/nofile.lesson" --worksheet "$tmp/w.md"

# The vanishing-gradients lesson sets its text, hidden size and seed.
"$bin" --lesson "$src/assets/lessons/vanishing-gradients.lesson" --worksheet "$tmp/v.md" ||
    fail "worksheet of a lesson's settings failed"
grep -q 'for the text `` hello world, hello rnn `` (22 characters), hidden size 8, initial parameters: random, seed 1' "$tmp/v.md" ||
    fail "the lesson's settings did not reach the session: $(sed -n 3p "$tmp/v.md")"

# The README shows a shipped lesson whole: the file as it is.
awk '/^\[`assets\/lessons\/exploding-gradients.lesson`\]/ { f = 1; next }
     f && /^```text$/ { g = 1; next }  g && /^```$/ { exit }  g' "$src/README.md" >"$tmp/shown.lesson"
cmp -s "$tmp/shown.lesson" "$src/assets/lessons/exploding-gradients.lesson" ||
    fail "README.md shows exploding-gradients.lesson otherwise than the file is"

[ $failures -eq 0 ] || exit 1
echo "lesson errors: all checks passed"
