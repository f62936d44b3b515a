# The BPTT lab's keys: B cycles the injected bug and { } shorten and lengthen
# truncated BPTT, each shown on the status line; they are recorded in history
# (rewinding past the change restores the old setting), and training with the
# sign bug makes the loss rise (epoch 10: 19.0756, as --batch --inject-bug sign
# gives; without it 4.6312).
source "$(dirname "$0")/lib.sh" "$@"
e2e_start lab_keys

e2e_keys B
e2e_wait_text "bug no-carry"
e2e_wait_text "injected bug no-carry from the next backward step"
e2e_keys B B B
e2e_wait_text "bug no-zero-grad"
e2e_keys B
e2e_wait_text "no injected bug"
e2e_wait_gone "| bug "

# Truncation: T = 4 for hello; { from full BPTT gives K = 3, } back to full.
e2e_keys "{"
e2e_wait_text "truncated BPTT K=3 of T=4"
e2e_keys "{" "{" "{"
e2e_wait_text "truncated BPTT K=1 of T=4"
e2e_keys "}" "}" "}"
e2e_wait_text "full BPTT (T=4)"
e2e_wait_gone "K="

# History: a change after a micro-step is undone by rewinding that step.
e2e_keys n
e2e_wait_text "forward t=1/4"
e2e_keys B B B
e2e_wait_text "bug sign"
e2e_keys p
e2e_wait_text "epoch 0 | start"
e2e_wait_gone "bug sign"

# The sign bug makes the loss rise.
e2e_keys B B B
e2e_wait_text "bug sign"
e2e_type 10e
e2e_wait_row "epoch 10 loss" 19.0756

e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS lab_keys"
