#!/usr/bin/env bash
# Installs the Debian packages rnnstep needs, only those missing:
# one `apt-get update`, then `apt-get install -y` of the missing ones.
# Usage: scripts/deps.sh [build|package|test|bench]   (each includes build)
set -euo pipefail
level=${1:-build}
pkgs=(build-essential cmake pkg-config libncurses-dev libjansson-dev)
case "$level" in
  build) ;;
  package) pkgs+=(dpkg-dev file) ;;
  test) pkgs+=(libcmocka-dev tmux clang clang-format libclang-rt-14-dev valgrind locales python3 pandoc libxml2-utils librsvg2-bin)
    pkgs+=(dpkg-dev file lintian mandoc man-db bash-completion) ;; # tests/pkg
  bench) pkgs+=(libcmocka-dev tmux clang valgrind python3-numpy libopenblas0-pthread python3-torch) ;;
  *) echo "deps.sh: unknown level '$level' (build, package, test or bench)" >&2; exit 2 ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps.sh: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
