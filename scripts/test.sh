#!/usr/bin/env bash
# Builds and runs the whole test suite: the dev build under CTest, then the
# same tests in an AddressSanitizer + UndefinedBehaviorSanitizer build, then
# the fuzz targets for a bounded time. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
echo "== dev build and tests"
cmake --workflow --preset dev
echo "== sanitizer build and tests (ASan + UBSan)"
cmake --workflow --preset asan
if [ -x scripts/fuzz.sh ]; then
  echo "== fuzzing"
  scripts/fuzz.sh
fi
