#!/usr/bin/env bash
# docs/rnnstep.1 lints clean (mandoc -T lint at warning level, groff -ww),
# has the sections a Debian tool's page has, gives every option --help lists
# an entry of its own under OPTIONS and every key of the command table one
# under KEYS, and names every environment variable the sources read under
# ENVIRONMENT.
# Usage: bash test_man.sh RNNSTEP SOURCE_DIR BUILD_DIR
source "$(dirname "$0")/lib.sh" "$@"
need mandoc groff
page=$SOURCE_DIR/docs/rnnstep.1

# lint NAME COMMAND...: the linter must succeed and print nothing.
lint() {
    local name=$1 out
    shift
    out=$("$@" 2>&1) && [ -z "$out" ] || fail "$name: ${out:-exit status $?}"
}
lint "mandoc -T lint -W warning" mandoc -T lint -W warning "$page"
lint "groff -man -ww" groff -man -ww -z "$page"

for section in NAME SYNOPSIS DESCRIPTION OPTIONS KEYS ENVIRONMENT 'EXIT STATUS' FILES EXAMPLES 'SEE ALSO'; do
    grep -qxE "\.SH \"?$section\"?" "$page" || fail "no .SH $section section"
done

# section NAME: the source lines of one .SH section.
section() {
    awk -v name="$1" '/^\.SH / { sub(/^\.SH "?/, ""); sub(/"$/, ""); on = ($0 == name); next } on' "$page"
}
# An option's entry is the tag line after .TP, e.g. `.BI \-\-lr " X"` or
# `.BR \-h ", " \-\-help`; the page writes each - as \-.
tags=$(section OPTIONS | awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' | sed 's/\\-/-/g')
while read -r opt; do
    grep -qE -- "(^|[ \"])$opt([ \"]|$)" <<<"$tags" || fail "docs/rnnstep.1 has no OPTIONS entry for $opt (rnnstep --help lists it)"
done < <(help_options)

# Every key of the visualiser's command table has a KEYS entry: a tag such
# as `.BR s ", " t ", " > ", " S` names the keys it documents.
keys=$(section KEYS | awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' |
    sed -E 's/^\.[A-Z]+ //; s/\\-/-/g; s/"//g; s/, / /g' | tr ' ' '\n' | sort -u)
while read -r key; do
    grep -qxF -- "$key" <<<"$keys" || fail "docs/rnnstep.1 has no KEYS entry for key '$key' (src/tui/command_table.h binds it)"
done < <(grep -oE 'KEY\([A-Z_]+, [^"]+, "[^"]+"\)' "$SOURCE_DIR/src/tui/command_table.h" | sed -E 's/.*"([^"]+)"\)$/\1/' | sort -u)

env=$(section ENVIRONMENT)
while read -r var; do
    grep -qE "^\.B .*\<$var\>" <<<"$env" || fail "docs/rnnstep.1's ENVIRONMENT does not name $var (the sources read it)"
done < <(grep -rhoE 'getenv\("[A-Za-z_0-9]+"\)' "$SOURCE_DIR/src" | sed -E 's/getenv\("(.*)"\)/\1/' | sort -u)
finish
