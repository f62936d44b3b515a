# The diagnostics view (D) shows what --diagnostics prints for the same
# state: after 656 epochs and the next forward and backward pass (batch mode
# stops there too, before the update of epoch 656), the initial loss against
# T ln(vocab), the update ratio and the gradient norm per parameter, and the
# norm-clipping candidate at 1; c switches element clipping on, marked (on).
source "$(dirname "$0")/lib.sh" "$@"

# After the first update: b and c started at 0, so their ratio is n/a in
# both faces (it read inf), and the others are --diagnostics' own.
first=$("$RNNSTEP" --batch --epochs 1 --diagnostics | sed -n 's/^update \/ parameter *//p' |
    sed -E 's/(^|  )[UWbVc] /\1/g; s/  +/|/g')
E2E_READY="epoch 0" e2e_start lab_diagnostics_first
e2e_keys e D
e2e_wait_text "(dL/d par: the last update's gradient, before any clipping)"
e2e_wait_text "(n/a: the parameter was all 0 before the update"
got=$(e2e_screen | sed -n 's/^ ||update||\/||par|| *//p' | sed -E 's/  +/|/g')
[ "$got" = "$first" ] || e2e_fail "ratios after the first update '$got', --diagnostics '$first'"
e2e_screen | grep -qw inf && e2e_fail "inf on the diagnostics view"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"

batch=$("$RNNSTEP" --batch --epochs 656 --diagnostics)
values() { echo "$batch" | awk -v key="$1" 'index($0, key) == 1 { for (i = 1; i <= NF; i++) if ($i ~ /e[-+]/) printf "%s ", $i }'; }
ratios=$(values "update / parameter")
norms=$(values "gradient norm")
scale=$(echo "$batch" | sed -n 's/.*by norm at 1: scale \([0-9.]*\),.*/\1/p')
[ -n "$ratios" ] && [ -n "$norms" ] && [ -n "$scale" ] || e2e_fail "--diagnostics printed: $batch"

e2e_start lab_diagnostics
e2e_keys D
e2e_wait_text "Diagnostics: the numbers practitioners watch"
e2e_wait_text "(after the first forward pass)"
e2e_keys D
e2e_type 656e
e2e_wait_text "epoch 656 | update done"
e2e_type 8n
e2e_wait_text "backward t=1/4"
e2e_keys D
e2e_wait_row "^ initial loss" 6.0337 5.5452
row() { e2e_screen | grep -E "^ $1" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /e[-+]/) printf "%s ", $i }'; }
[ "$(row '\|\|update\|\|')" = "$ratios" ] || e2e_fail "update ratios are not --diagnostics' ($ratios)"
[ "$(row '\|\|dL/d par\|\|')" = "$norms" ] || e2e_fail "gradient norms are not --diagnostics' ($norms)"
e2e_poll "the norm candidate" grep -qE "by norm at 1 +1\.0000 +1\.0000 +scale $(printf '%.4g' "$scale")\$"
e2e_keys c
e2e_poll "element clipping marked on" grep -qE "element-wise at 0\.5 .*clipped \(on\)"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS lab_diagnostics"
