# Steps through sections 5, 6 and 6.7 of the worked example one `n` at a
# time and checks that every number it prints is on screen at that step.
# Expected values are the example's printed figures (docs/worked-example.md), not the program's.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start worked

forward() { # t h Omega(4) yhat(4) L
    local t=$1
    e2e_keys n
    e2e_wait_text "forward step t=$t of 4"
    e2e_wait_row "^ h_$t " "$2"
    e2e_wait_row "_$t = V h_$t \\+ c" "${@:3:4}"
    e2e_wait_row "_$t = softmax" "${@:7:4}"
    e2e_wait_row "^ L_$t = -ln" "${11}"
}

backward() { # t yhat-y(4), shown as "dL_t/dOmega_t = yhat_t - [one-hot y_t] = [..]"
    e2e_keys n
    e2e_wait_text "backward step t=$1"
    e2e_wait_row "^ dL_$1/d.* - \\[[01 ]*\\] = \\[" "${@:2}"
}

# Section 4: the initial parameters.
e2e_wait_row " U  " 0.1442 -0.2315 -0.6690 1.1585
e2e_wait_row " V  " -0.2246 -0.3053 0.4905 0.2768
e2e_wait_row " W  " -0.5870 0.0000

# Section 5: the forward pass.
forward 1 0.1432 -0.0322 -0.0437 0.0703 0.0396 0.2398 0.2370 0.2656 0.2576 1.4397
e2e_wait_text "predicts 'l', but we want 'e'"
e2e_wait_row "tanh\\(" 0.1442 -0.5870 0.0000 0.1432
forward 2 -0.3055 0.0686 0.0933 -0.1498 -0.0845 0.2712 0.2780 0.2180 0.2327 1.5232
e2e_wait_text "predicts 'e', but we want 'l'"
e2e_wait_row "tanh\\(" -0.2315 -0.5870 0.1432 -0.3055
forward 3 -0.4540 0.1019 0.1386 -0.2227 -0.1256 0.2812 0.2917 0.2032 0.2239 1.5934
forward 4 -0.3821 0.0858 0.1166 -0.1874 -0.1058 0.2764 0.2851 0.2103 0.2282 1.4775
e2e_wait_text "predicts 'e', but we want 'o'"
e2e_wait_row "^ h_1 " 0.1432
e2e_wait_row "^ h_2 " -0.3055
e2e_wait_row "^ h_3 " -0.4540
e2e_wait_row "^ L_t " 1.4397 1.5232 1.5934 1.4775
e2e_wait_row "L_t = " 1.4397 1.5232 1.5934 1.4775 6.0338

# Section 6.1: yhat_t - y_t, backwards from t = 4.
backward 4 0.2764 0.2851 0.2103 -0.7718
backward 3 0.2812 0.2917 -0.7968 0.2239
backward 2 0.2712 0.2780 -0.7820 0.2327
backward 1 0.2398 -0.7630 0.2656 0.2576

# Sections 6.2-6.6: the accumulated gradients.
e2e_wait_row "dL/dV " -0.2818 -0.4356 0.5583 0.1591
e2e_wait_row "dL/dc " 1.0686 0.0917 -1.1028 -0.0575
e2e_wait_row "dL/dW " 0.1466 -0.2436/-0.2435
e2e_wait_row "dL/dU " 0.5300 -0.2733 -0.5002 0

# The update: old - 0.1 * grad = new for every entry, and the new parameters.
e2e_keys n
e2e_wait_text "update (SGD)"
e2e_wait_row "U\\[h\\]" 0.1442 0.5300 0.0912
e2e_wait_row "U\\[e\\]" -0.2315 -0.2733 -0.2041/-0.2042
e2e_wait_row "U\\[l\\]" -0.6690 -0.5002 -0.6190
e2e_wait_row "U\\[o\\]" 1.1585 0 1.1585
e2e_wait_row "^ W " -0.5870 0.1466 -0.6016/-0.6017
e2e_wait_row "^ b " 0 -0.2436/-0.2435 0.0244
e2e_wait_row "V\\[h\\]" -0.2246 -0.2818 -0.1964
e2e_wait_row "V\\[e\\]" -0.3053 -0.4356 -0.2617
e2e_wait_row "V\\[l\\]" 0.4905 0.5583 0.4347
e2e_wait_row "V\\[o\\]" 0.2768 0.1591 0.2609
e2e_wait_row "c\\[h\\]" 0 1.0686 -0.1069
e2e_wait_row "c\\[e\\]" 0 0.0917 -0.0092
e2e_wait_row "c\\[l\\]" 0 -1.1028 0.1103
e2e_wait_row "c\\[o\\]" 0 -0.0575 0.0058
e2e_wait_row " U  " 0.0912 -0.2041/-0.2042 -0.6190 1.1585
e2e_wait_row " V  " -0.1964 -0.2617 0.4347 0.2609
e2e_wait_row " c  " -0.1069 -0.0092 0.1103 0.0058
e2e_wait_row " W  " -0.6016/-0.6017 0.0244
e2e_wait_row "epoch 1 loss" 5.6922

# Section 6.7: the next epoch's forward pass.
step_next() { # t yhat(4) L
    e2e_keys n
    e2e_wait_text "forward step t=$1 of 4"
    e2e_wait_row "_$1 = softmax" "${@:2:4}"
    e2e_wait_row "^ L_$1 = -ln" "$6"
}
step_next 1 0.2169 0.2374 0.2898 0.2559 1.4381
step_next 2 0.2389 0.2676 0.2544 0.2391 1.3687
step_next 3 0.2494 0.2826 0.2377 0.2303 1.4368
step_next 4 0.2440 0.2749 0.2463 0.2349 1.4486
e2e_wait_row "L_t = " 1.4381 1.3687 1.4368 1.4486 5.6922

e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS worked example"
