#!/usr/bin/env bash
# dist/bash-completion/rnnstep, driven as bash-completion drives it: it
# offers every option --help lists and no other, the names --optimizer,
# --format, --theme and --inject-bug take (each accepted by the program, and every name
# their --help line gives that the program accepts), file names after the
# options --help says take a FILE or PATH (also as --opt=...), and nothing
# after one that takes a number or text.
# Usage: bash test_completion.sh RNNSTEP SOURCE_DIR BUILD_DIR
source "$(dirname "$0")/lib.sh" "$@"
bash_completion=/usr/share/bash-completion/bash_completion
[ -f "$bash_completion" ] || {
    echo "SKIP: bash-completion is not installed (scripts/deps.sh test installs it)"
    exit 77
}
source "$bash_completion"
source "$SOURCE_DIR/dist/bash-completion/rnnstep"
complete -p rnnstep 2>/dev/null | grep -q -- '-F _rnnstep' || fail "the script does not register _rnnstep for rnnstep"

# complete WORD...: what Tab offers after `rnnstep WORD...` (the last word
# is the one being completed), one a line, sorted.
complete() {
    COMP_WORDS=("$RNNSTEP" "$@")
    COMP_CWORD=$#
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _rnnstep "$RNNSTEP" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    [ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}" | sort
}

help=$("$RNNSTEP" --help)
options=$(help_options)
[ "$(wc -l <<<"$options")" -ge 20 ] || fail "could not read the options from --help"
offered=$(complete -)
[ "$offered" = "$options" ] || fail "after '-' it offers $(echo $offered); --help lists $(echo $options)"
[ "$(complete --)" = "$(grep -- '^--' <<<"$options")" ] || fail "after '--' it offers other options"
[ "$(complete --tra)" = --trace ] || fail "--tra completes to $(complete --tra), not --trace"

# The options whose argument is one of a few names.
for opt in --optimizer --format --theme --inject-bug; do
    values=$(complete "$opt" "")
    [ -n "$values" ] || fail "$opt offers no values"
    accepts() { "$RNNSTEP" "$opt" "$1" --batch --epochs 1 >/dev/null 2>&1; }
    for v in $values; do
        accepts "$v" || fail "$opt offers '$v', which rnnstep refuses"
    done
    [ "$(complete "$opt=${values:0:1}")" = "$(grep "^${values:0:1}" <<<"$values")" ] ||
        fail "$opt=${values:0:1} does not complete like '$opt ${values:0:1}'"
    # Only a program that refuses some names has a list to compare with.
    accepts no-such-name && continue
    described=$(awk -v opt="$opt" '$1 == opt { on = 1; print; next } on && /^ {20,}/ { print; next } { on = 0 }' <<<"$help")
    for word in $(grep -oE '[[:alnum:]][[:alnum:]-]*' <<<"$described" | grep -vx -- "${opt#--}" | sort -u); do
        accepts "$word" && ! grep -qx -- "$word" <<<"$values" &&
            fail "$opt: --help names '$word', which rnnstep accepts, but the completion does not offer it"
    done
done

# File names after FILE and PATH options; nothing after numbers and text.
mkdir -p "$PKG_TMP/files/probe-dir"
touch "$PKG_TMP/files/probe-file.txt"
cd "$PKG_TMP/files" || exit 1
while read -r opt arg; do
    case $opt in --optimizer | --format | --theme | --inject-bug) continue ;; esac
    case $arg in
    FILE | PATH)
        [ "$(complete "$opt" probe)" = "$(printf 'probe-dir\nprobe-file.txt')" ] ||
            fail "$opt $arg: offers '$(complete "$opt" probe)', not the files"
        [ "$(complete "$opt=probe-f")" = probe-file.txt ] || fail "$opt=: offers '$(complete "$opt=probe-f")'"
        ;;
    *) [ -z "$(complete "$opt" "")" ] || fail "$opt $arg offers '$(complete "$opt" "" | head -3)'" ;;
    esac
done < <(sed -nE 's/^ +(-[[:alnum:]], )?(--[[:alnum:]-]+) ([A-Z]+) .*/\2 \3/p' <<<"$help")
finish
