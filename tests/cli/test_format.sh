# The visualiser's sources follow the repository's .clang-format (fix with
# clang-format -i src/tui/*.[ch] src/tui/*/*.[ch]). Only src/tui for now: the
# other folders are formatted by hand in places (the kernels' aligned tables).
set -euo pipefail
SOURCE_DIR=${2:?usage: test_format.sh RNNSTEP SOURCE_DIR}
command -v clang-format >/dev/null || { echo "SKIP: clang-format is not installed"; exit 77; }
cd "$SOURCE_DIR"
mapfile -t files < <(find src/tui -name '*.[ch]' | sort)
if ! out=$(clang-format --dry-run --Werror "${files[@]}" 2>&1); then
    echo "FAIL: not formatted as .clang-format says:" >&2
    grep -E '^[^ ].*(warning|error):' <<<"$out" | cut -d: -f1 | sort | uniq -c >&2
    exit 1
fi
echo "format: ${#files[@]} files of src/tui as .clang-format says"
