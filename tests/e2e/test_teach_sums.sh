# Every sum shows its parts (docs/worked-example.md): one-hot x_t, y_t and
# yhat_t - y_t; dL/dh_t as "from the
# output" + "from the future" (t = T: + 0), clipping inside the update
# (clip(1.6737) = 0.5000 where there is room, else W marked '*'; the title
# says so), and the optimisers' state and
# formula per entry: momentum's velocity, Adagrad's G, Adam's m, v, c1, c2.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start teach_sums

# One-hot x_t and y_t at their steps, and yhat_t minus the one-hot y_t.
e2e_keys n
e2e_wait_text "x_1 = [1 0 0 0]"
e2e_wait_text "y_1 = [0 1 0 0]"
e2e_type 4n
e2e_wait_text "Equation: backward step t=4"
e2e_wait_text "dL_4/dΩ_4 = ŷ_4 - [0 0 0 1] = [ 0.2764  0.2851  0.2103 -0.7718]"
e2e_wait_text "Vᵀ(ŷ_4 - y_4) + 0 (no future at t = T)"
e2e_wait_text "= -0.2596 + 0 = -0.2596"
e2e_keys n
e2e_wait_text "[from the output] + Wᵀ dr_4 [from the future]"
e2e_wait_text "= -0.4810 + 0.1301 = -0.3509"

# Clipping: epoch 1000's update clips dL/dW 1.6737 to 0.5.
e2e_keys r c
e2e_wait_text "clip 0.5"
e2e_type 1000e
e2e_wait_text "ran 1000 epochs"
e2e_wait_text "update (SGD, * clipped): new = old - η · clip(dL/d)"
e2e_wait_row "^ W\* " 1.3675 0.5000 1.3175
e2e_wait_row " dL/dW " 1.6737
e2e_resize 120 40
e2e_wait_text "update (SGD, clipping on)"
e2e_wait_row "^ W " 1.3675 0.5000 1.3175 1.6737 0.5000
e2e_wait_text "clip( 1.6737) =  0.5000"
e2e_resize 80 24

# Momentum from the start: v = 0.9 x 0 - 0.1 x 0.1466.
e2e_keys r c o
e2e_wait_text "momentum"
e2e_keys e
e2e_wait_text "v = 0.9 v - η g, new = old + v"
e2e_wait_text "W     v 0.9·( 0.0000) - 0.1·( 0.1466) = -0.0147; -0.5870 + v = -0.6017"
# Adagrad: G = 0 + 0.1466^2.
e2e_keys r o e
e2e_wait_text "G += g²"
e2e_wait_text "W     G  0.0000 + ( 0.1466)² =  0.0215"
# Adam's first step: m = 0.1 g, v = 0.001 g^2, c1 = 0.1, c2 = 0.001.
e2e_keys r o e
e2e_wait_text "update (adam, c1 0.1000, c2 0.0010)"
e2e_wait_text "W     m  0.0000→ 0.0147 v 0.00e+00→2.15e-05 g  0.1466;"

e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS teach_sums"
