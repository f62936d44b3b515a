# Clipping on at 80x24: the update list keeps every entry it shows without
# clipping (two columns of 7: the bug dropped the second column for the
# clip(g) text) and marks each clipped entry '*' (the title says so, and
# the gradients pane shows the unclipped g); zoomed, or with the width,
# each clipped entry is followed by "clip(g) = value".
source "$(dirname "$0")/lib.sh" "$@"
names="U[h] U[e] U[l] U[o] W b V[h] V[e] V[l] V[o] c[h] c[e] c[l] c[o]"
update_rows() { e2e_screen | sed -n '/Equation: update/,/^ epoch /p'; }
e2e_start update_clip -- --clip 0.5
e2e_keys e
e2e_wait_text "Equation: update (SGD, * clipped): new = old - η · clip(dL/d), η = 0.1"
for n in $names; do
    update_rows | grep -qF -- " $n" || e2e_fail "update entry $n is missing at 80x24"
done
# Epoch 0's gradients: dL/dU[h] 0.5300, dL/dU[l] -0.5003, dL/dV[l] 0.5583,
# dL/dc[h] 1.0686 and dL/dc[l] -1.1028 pass 0.5; the others do not.
marked=$(update_rows | grep -o '[A-Za-z]\[[a-z]\]\*\|[Wb]\*' | tr '\n' ' ')
[ "$marked" = "U[h]* V[l]* U[l]* c[h]* c[l]* " ] || e2e_fail "clipped entries marked: '$marked'"
e2e_wait_row "^ U.h.\* " 0.1442 0.5000 0.0942
e2e_wait_row "dL/dU " 0.5300
# Zoomed, the equation pane has the room: clip(g) = value after each.
for _ in 1 2 3 4 5 6; do e2e_keys z; done
e2e_wait_text "zoom: equation"
e2e_wait_text "Equation: update (SGD, clipping on): new = old - η · clip(dL/d), η = 0.1"
e2e_wait_text "U[h]   0.1442 - 0.1·( 0.5000) =  0.0942 clip( 0.5300) =  0.5000"
e2e_wait_text "c[l]   0.0000 - 0.1·(-0.5000) =  0.0500 clip(-1.1028) = -0.5000"
e2e_keys Z
e2e_resize 120 40
e2e_wait_text "U[h]   0.1442 - 0.1·( 0.5000) =  0.0942 clip( 0.5300) =  0.5000"
for n in $names; do
    update_rows | grep -qF -- " $n" || e2e_fail "update entry $n is missing at 120x40"
done
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS update_clip"
