#!/usr/bin/env bash
# Installs the Debian packages cglab needs to build, test and plot. A no-op when they are all
# present; uses sudo when not run as root.
set -euo pipefail

packages=(
  liblua5.4-dev      # Lua 5.4 headers and library
  lua5.4             # the reference interpreter (start-up benchmark)
  libopenblas-dev    # BLAS
  liblapacke-dev     # LAPACK's C interface
  libreadline-dev    # the REPL's line editing
  tmux               # REPL tests drive the real binary in a terminal
  python3-nbformat   # tests check the notebooks' .ipynb files against the nbformat schema
  gnuplot-nox        # plots (PNG, SVG, PDF)
  zlib1g-dev         # deflate for .npz files
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
else
  sudo=(sudo)
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
