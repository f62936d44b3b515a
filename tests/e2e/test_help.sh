# The help overlay lists every key of the command table (src/tui/command_table.h,
# the table the input parser uses) and any key closes it. At 80x24 the list is
# longer than the screen: j scrolls it, and the test reads every page.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start help

mapfile -t names < <(grep -oE 'KEY\([A-Z_]+, [^"]+, "[^"]+"\)' "$SOURCE_DIR/src/tui/command_table.h" |
    sed -E 's/.*"([^"]+)"\)$/\1/' | sort -u)
[ "${#names[@]}" -ge 10 ] || e2e_fail "could not read the key table (${#names[@]} keys)"
e2e_keys ?
e2e_wait_text "Keys"
page=$(e2e_screen)
screen=$page
# Scroll to the end, keeping every page seen ("keys A-B of N" while it scrolls).
pages=0
while range=$(grep -oE 'keys [0-9]+-[0-9]+ of [0-9]+' <<<"$page") && [ -n "$range" ]; do
    read -r last total < <(sed -E 's/keys [0-9]+-([0-9]+) of ([0-9]+)/\1 \2/' <<<"$range")
    [ "$last" -lt "$total" ] || break
    pages=$((pages + 1))
    [ $pages -le 50 ] || e2e_fail "help does not scroll to its end"
    e2e_keys j
    e2e_poll "the help to scroll past line $last" grep -qE "keys [0-9]+-$((last + 1)) of"
    page=$(e2e_screen)
    screen+=$'\n'$page
done
[ $pages -ge 1 ] || e2e_fail "the help overlay does not scroll at 80x24"
for name in "${names[@]}"; do
    grep -qE "│ (.*, )?$(printf '%s' "$name" | sed 's/[][\.*^$?+]/\\&/g')(,| )" <<<"$screen" ||
        e2e_fail "help does not list key '$name'"
done
# On the worked example the help ends with where the document's rounded
# figures differ from the exact ones (docs/worked-example.md).
grep -q "docs/worked-example.md rounds" <<<"$screen" || e2e_fail "help has no worked-example note"
grep -q "dL/db -0.2436 (exact -0.24355)" <<<"$screen" || e2e_fail "help note misses dL/db"
grep -q "1.3455, the exact run 1.3087" <<<"$screen" || e2e_fail "help note misses epoch 1000"
e2e_keys x
e2e_wait_gone "Keys"

# A wide terminal shows all the keys at once, in two columns.
e2e_resize 160 24
e2e_keys ?
e2e_wait_text "Keys"
e2e_screen | grep -q "keys [0-9]*-[0-9]* of" && e2e_fail "help scrolls at 160x24"
e2e_screen | grep -qE "│ n  .*  [^ ].*│" || e2e_fail "help is not in two columns at 160x24"
e2e_screen | grep -qE " q +quit" || e2e_fail "help at 160x24 misses the last key"
e2e_keys j
e2e_wait_gone "Keys"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
tm kill-server

# Other texts have no such note.
e2e_start help_other -- --text "hello world"
e2e_keys ?
e2e_wait_text "Keys"
e2e_screen | grep -q "worked-example.md" && e2e_fail "worked-example note on another text"
e2e_keys x q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS help"
