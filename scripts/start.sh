#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and opens the visualiser on
# the worked example ("hello"). Extra arguments go to rnnstep.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
exec build/release/rnnstep "$@"
