#!/usr/bin/env bash
# Builds the Debian package from a release build:
# build/release/rnnstep_VERSION_ARCH.deb, checked with lintian when it is
# installed. Install it with `sudo apt-get install ./build/release/rnnstep_*.deb`.
# Usage: scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh package
cmake --preset release >/dev/null
cmake --build --preset release
(cd build/release && cpack -G DEB >/dev/null)
deb=$(ls -t build/release/rnnstep_*.deb | head -1)
if command -v lintian >/dev/null; then
    lintian --fail-on error "$deb" 2>&1 | grep -v 'running with root privileges' || true
fi
echo "$deb"
