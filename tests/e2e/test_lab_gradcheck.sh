# The gradient check view (g) under the BPTT lab's settings: B injects a bug
# and the view, recomputed at once, names it in its title and marks the
# entries it corrupts (no-carry: U, W and b fail, V and c pass); truncation is
# named a bias by design; back to plain BPTT every entry passes again.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start lab_gradcheck

param_row() { e2e_screen | grep -E "^   $1 +[0-9]+x[0-9]+ +nearest"; }
e2e_keys g
e2e_wait_text "Gradient check: BPTT vs central differences"
e2e_keys B
e2e_wait_text "Gradient check: BPTT with the bug no-carry vs central differences"
e2e_poll "U failing" sh -c 'grep -E "^   U +1x4 .*✗ 3 failed"'
for p in W b; do param_row "$p" | grep -q "✗ 1 failed" || e2e_fail "no-carry: $p does not fail"; done
for p in V c; do param_row "$p" | grep -q "✓" || e2e_fail "no-carry: $p should pass"; done

# sign: every parameter is corrupted (BPTT is the negative of the true gradient).
e2e_keys B B
e2e_wait_text "with the bug sign"
e2e_poll "c failing" sh -c 'grep -E "^   c +4x1 .*✗ 4 failed"'
e2e_wait_row "^ W  " -0.1466 0.1466

e2e_keys B B
e2e_wait_text "Gradient check: BPTT vs central differences"
e2e_poll "every parameter passing" sh -c '! grep -q "failed"'

e2e_keys "{" "{"
e2e_wait_text "BPTT truncated to K=2 (biased by design)"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS lab_gradcheck"
