# P writes the screen as SVG to the current directory, named after the epoch
# and step, and says so on the status line; the file is valid XML (xmllint),
# holds the numbers on the screen, the colours and the bold of the panes, and
# a second picture of the same step gets a new name instead of replacing the
# first. Also taken inside a lesson, with its caption bar.
source "$(dirname "$0")/lib.sh" "$@"
command -v xmllint >/dev/null || { echo "xmllint is not installed (libxml2-utils)" >&2; exit 77; }
lessons=$(cd "$SOURCE_DIR/assets/lessons" && pwd)
cd "$E2E_DIR" # the pictures land in rnnstep's current directory

e2e_start picture
e2e_keys n
e2e_wait_row "^ h_1 " 0.1432
e2e_keys P
e2e_wait_text "screen written to rnnstep-epoch-0-step-1.svg"
svg="$E2E_DIR/rnnstep-epoch-0-step-1.svg"
[ -f "$svg" ] || e2e_fail "no $svg"
xmllint --noout "$svg" 2>"$E2E_DIR/xmllint.err" || e2e_fail "xmllint: $(head -c 500 "$E2E_DIR/xmllint.err")"
# The text of the picture, cell by cell: the numbers the screen shows.
text=$(sed -e 's/<[^>]*>//g' -e 's/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' "$svg")
for number in 0.1432 1.4397 6.0337 -0.5870 0.2398 0.2656; do
    grep -qF -- "$number" <<<"$text" || e2e_fail "the picture lacks $number"
done
grep -qF "ŷ_1 = softmax(Ω_1)" <<<"$text" || e2e_fail "the picture lacks the equation's glyphs"
grep -q 'font-weight="bold"' "$svg" || e2e_fail "nothing bold in the picture"
[ "$(grep -o 'fill="#[0-9a-f]\{6\}"' "$svg" | sort -u | wc -l)" -ge 4 ] ||
    e2e_fail "fewer than 4 colours in the picture"
[ "$(grep -c '^<text' "$svg")" = 24 ] || e2e_fail "not 24 rows of text"
grep -q 'width="720" height="432"' "$svg" || e2e_fail "not 80x24 cells of 9x18"
# Block elements (the softmax bars) are rectangles of the cell's eighths in
# the bar's colour, not glyphs a font draws wider than the cell.
grep -qE '<rect x="[0-9.]+" y="[0-9.]+" width="[0-9.]+" height="18" fill="#5fafff"/>' "$svg" ||
    e2e_fail "no bar drawn as a rectangle"
grep -q '[▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐░▒▓▬]' <<<"$text" && e2e_fail "a block element drawn as a glyph"

# The same step again: a new name, the first picture kept as it was.
before=$(md5sum <"$svg")
e2e_keys P
e2e_wait_text "screen written to rnnstep-epoch-0-step-1-2.svg"
[ "$(md5sum <"$svg")" = "$before" ] || e2e_fail "the first picture was changed"
xmllint --noout "$E2E_DIR/rnnstep-epoch-0-step-1-2.svg" || e2e_fail "the second picture is not valid XML"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"

# The light theme is made for a white terminal: its picture is dark on white
# (the terminal's own colours are the theme's ink and paper, not a dark
# terminal's), and it renders (rsvg-convert, when librsvg2-bin is installed).
e2e_start picture_light -- --theme light
e2e_keys n
e2e_wait_row "^ h_1 " 0.1432
e2e_keys P
e2e_wait_text "screen written to rnnstep-epoch-0-step-1-3.svg"
light="$E2E_DIR/rnnstep-epoch-0-step-1-3.svg"
grep -q '^<rect width="100%" height="100%" fill="#ffffff"/>' "$light" ||
    e2e_fail "the light theme's picture is not on white: $(grep -m1 '^<rect' "$light")"
grep -q 'fill="#d0d0d0"' "$light" && e2e_fail "the light theme's picture has light grey text (a dark terminal's)"
grep -q '<tspan[^>]* fill="#000000"' "$light" || e2e_fail "the light theme's picture has no black text"
if command -v rsvg-convert >/dev/null; then
    rsvg-convert -o "$E2E_DIR/light.png" "$light" 2>"$E2E_DIR/rsvg.err" ||
        e2e_fail "rsvg-convert: $(head -c 300 "$E2E_DIR/rsvg.err")"
    [ "$(head -c 8 "$E2E_DIR/light.png" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] ||
        e2e_fail "rsvg-convert wrote no PNG"
fi
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"

# Inside a lesson the picture has the caption bar; P leaves the script there.
e2e_start picture_lesson -- --lesson "$lessons/worked-example.lesson"
e2e_wait_text "pause 1 of 17 "
e2e_keys Space Space
e2e_wait_text "pause 3 of 17 "
e2e_keys P
e2e_wait_text "screen written to rnnstep-epoch-0-step-1-4.svg"
text=$(sed -e 's/<[^>]*>//g' "$E2E_DIR/rnnstep-epoch-0-step-1-4.svg")
grep -qF "5.1 Forward, step 1" <<<"$text" || e2e_fail "the lesson's picture lacks the caption"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
