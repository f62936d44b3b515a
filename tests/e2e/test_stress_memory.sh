# A 10,000-epoch autoplay at full speed does not grow memory. `100000e`
# first fills the bounded history: at one checkpoint per epoch the 32 MiB
# ring holds about 70,000 (README, "Bounded history"), and the 65,536-entry
# loss log has halved once. From then on nothing may grow but the loss log's
# next 5,000 entries (24 bytes each at stride 2: 120 KiB of pages calloc left
# untouched), so the resident set may grow by at most 1 MiB over the next
# 10,000 epochs; a leak of 100 bytes per epoch or of 10 KiB per frame fails.
# Skipped (77) in a sanitizer build, whose quarantine keeps freed memory.
E2E_TIMEOUT=${E2E_TIMEOUT:-60}
if grep -qa __asan_init "$1"; then
    echo "skip: $1 is an AddressSanitizer build"
    exit 77
fi
source "$(dirname "$0")/lib.sh" "$@"

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# The epoch on the status line.
status_epoch() { e2e_screen | tail -n 1 | sed -n 's/^ epoch \([0-9]*\) .*/\1/p'; }

# Reads a screen: its status line shows epoch $1 or later.
epoch_at_least() { [ "$(tail -n 1 | sed -n 's/^ epoch \([0-9]*\) .*/\1/p')" -ge "$1" ] 2>/dev/null; }

e2e_start memory
pid=$(e2e_pid)
e2e_keys c # clipping: no explosion pauses the run
e2e_wait_text "clip 0.5"
e2e_type 100000e
e2e_wait_text "epoch 100000 |"
start_epoch=$(status_epoch)
start_rss=$(rss_kib "$pid")

e2e_keys + + + + +
e2e_wait_text "2500 epochs/s"
e2e_keys Space
e2e_wait_text "playing 2500 epochs/s"
E2E_TIMEOUT=$((E2E_TIMEOUT * 3)) e2e_poll "epoch $((start_epoch + 10000))" epoch_at_least $((start_epoch + 10000))
e2e_keys Space
e2e_wait_gone "playing"
end_epoch=$(status_epoch)
end_rss=$(rss_kib "$pid")
echo "RSS: ${start_rss} KiB at epoch $start_epoch, ${end_rss} KiB at epoch $end_epoch"
[ $((end_rss - start_rss)) -le 1024 ] ||
    e2e_fail "memory grew by $((end_rss - start_rss)) KiB over $((end_epoch - start_epoch)) epochs of autoplay"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS stress_memory"
