#!/usr/bin/env bash
# Dev loop: rebuild the compiled kernels and refresh the editable install.
# Serialised with a lock so parallel work on one checkout never races the build.
set -euo pipefail
cd "$(dirname "$0")"
exec flock /tmp/infokit-build.lock \
  pip install --no-build-isolation --no-deps -Cbuild-dir=build -e . -q
