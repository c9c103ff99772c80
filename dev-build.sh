#!/usr/bin/env bash
# Dev loop: rebuild the compiled kernels and refresh the editable install.
# Serialised with a lock in the build folder, so several shells working on one
# checkout never race the shared build directory.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p build
exec flock build/.dev-build.lock \
  pip install --no-build-isolation --no-deps -Cbuild-dir=build -e . -q
