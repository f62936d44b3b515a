# The help overlay lists every key of the key table (src/tui/input.c, the
# table the input parser uses) and any key closes it.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start help

mapfile -t names < <(sed -n 's/^ *{[^,]*, "\([^"]*\)", CMD_.*/\1/p' "$SOURCE_DIR/src/tui/input.c" | sort -u)
[ "${#names[@]}" -ge 10 ] || e2e_fail "could not read the key table (${#names[@]} keys)"
e2e_keys ?
e2e_wait_text "Keys"
screen=$(e2e_screen)
for name in "${names[@]}"; do
    grep -qE "│ (.*, )?$(printf '%s' "$name" | sed 's/[][\.*^$?+]/\\&/g')(,| )" <<<"$screen" ||
        e2e_fail "help does not list key '$name'"
done
e2e_keys x
e2e_wait_gone "Keys"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS help"
