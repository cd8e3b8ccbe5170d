#!/usr/bin/env bash
# Sets up everything narrdiff needs on a fresh Debian machine with Python 3.11, idempotently:
# the system libraries Qt needs (apt, when run as root), a virtual environment in .venv, the
# CPU build of torch (pinned in constraints.txt), and narrdiff itself with its test extras.
set -euo pipefail
cd "$(dirname "$0")"

# What Qt needs offscreen (tests), then what its X11 plugin needs to open a real window.
APT_PACKAGES=(libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libglib2.0-0
              libdbus-1-3 fonts-dejavu-core
              libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
              libxcb-render-util0 libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xfixes0)
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
# The venv's bundled pip (23.x) fails on parts of this stack: upgrade it first.
.venv/bin/python -m pip install -q --upgrade pip
# torch first, from the pin: an unpinned torch would pull several GB of CUDA packages.
.venv/bin/python -m pip install -q -c constraints.txt torch
.venv/bin/python -m pip install -q -c constraints.txt -e '.[test]'
echo "setup: ready (.venv)"
