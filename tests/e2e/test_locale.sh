# NO_COLOR and a non-UTF-8 locale (LANG=C, LC_ALL=C): every number of the
# worked example is still on screen, drawn with ASCII glyphs only; in a
# UTF-8 locale the Unicode glyphs appear.
source "$(dirname "$0")/lib.sh" "$@"

e2e_start plain NO_COLOR=1 LANG=C LC_ALL=C
e2e_keys n
e2e_wait_row "_1 = softmax" 0.2398 0.2370 0.2656 0.2576
e2e_wait_row "^ L_1 = -ln" 1.4397
e2e_wait_text "yhat_1 = softmax"
e2e_type 3n
e2e_wait_row "^ h_4 " -0.3821
e2e_wait_row "^ L_t " 1.4397 1.5232 1.5934 1.4775
e2e_type 4n
e2e_wait_text "backward t=1/4"
e2e_wait_row "dL/dV " -0.2818 -0.4356 0.5583 0.1591
e2e_wait_row "dL/dc " 1.0686 0.0917 -1.1028 -0.0575
e2e_wait_row "dL/dW " 0.1466 -0.2436/-0.2435
e2e_wait_row "dL/dU " 0.5300 -0.2733 -0.5002 0
e2e_keys n
e2e_wait_row " U  " 0.0912 -0.2041/-0.2042 -0.6190 1.1585
e2e_wait_row " V  " -0.1964 -0.2617 0.4347 0.2609
e2e_wait_row " c  " -0.1069 -0.0092 0.1103 0.0058
e2e_wait_row " W  " -0.6016/-0.6017 0.0244
e2e_wait_row "epoch 1 loss" 5.6922
if e2e_screen | LC_ALL=C grep -q '[^ -~]'; then
    e2e_fail "non-ASCII characters on screen in the C locale"
fi
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
tmux -L "$E2E_SOCKET" kill-server

e2e_start utf8 LC_ALL=C.UTF-8
e2e_keys n
e2e_wait_text "ŷ_1 = softmax"
e2e_wait_text "█"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS locale"
