# The equation pane under the BPTT lab: with an injected bug the title names
# it and the wrong term is written as the engine computed it and marked ✗
# (sign: y - ŷ; no-carry: nothing goes back; no-tanh-gate: the gate skipped),
# and the numbers add up as shown; truncation says which paths reach h_(t-1);
# norm clipping gives its scale factor in the update's title.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start lab_equation

e2e_keys B B B
e2e_type 5n
e2e_wait_text "backward step t=4, bug sign: y - ŷ instead of ŷ - y (✗)"
e2e_wait_text "dy_4 = [0 0 0 1] - ŷ_4 = [-0.2764 -0.2851 -0.2103  0.7718] ✗"
e2e_wait_text "dL/dh_4 = Vᵀ(y_4 - ŷ_4) + 0"
e2e_wait_row "^     = " 0.2596 0.2596

e2e_keys r B B B # r keeps the settings: sign + 3 is no-carry
e2e_type 6n
e2e_wait_text "bug no-carry: nothing goes back to h_(t-1)"
e2e_wait_text "[from the output] + 0 [the future: dropped] ✗"
e2e_wait_row "^     = " -0.4810 0.0000 -0.4810
e2e_wait_text "to h_2: nothing, Wᵀ dr_3 is dropped ✗"

e2e_keys r B
e2e_type 6n
e2e_wait_text "bug no-tanh-gate: the tanh gate is skipped"
e2e_wait_text "dr_3 = dL/dh_3 = -0.3287: the (1 - h_3²) gate skipped ✗"

# Truncation at K = 2: h_1 gets L_2's path only (full BPTT would add L_3's).
e2e_keys r B B B "{" "{"
e2e_type 7n
e2e_wait_text "backward step t=2 (BPTT goes t = 4 down to 1)"
e2e_wait_text "[from the output] + [the future within K=2 steps]"
e2e_wait_text "to h_1: the path of L_2, still within K=2 steps = 0.2475"

# Norm clipping's factor at the update: 1 / 1.9138.
e2e_keys r "}" "}" N
e2e_keys e
e2e_wait_text "update (SGD, scaled by 0.5225)"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS lab_equation"
