#!/usr/bin/env bash
# Sanitizer stage: build the kernels with ASan + UBSan (CMake option
# INFOKIT_SANITIZE, its own build folder) into a throwaway venv and run the
# kernel-level tests under them. Any UB report or memory error fails the run.
#
# Python itself is not instrumented, so libasan is preloaded (it must come
# first); leak detection is off because CPython keeps objects alive at exit by
# design; PYTHONMALLOC=malloc lets ASan see the interpreter's allocations too.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
start=$SECONDS

python3 -m venv "$work/venv"
# shellcheck disable=SC1091
source "$work/venv/bin/activate"
pip install -q "$repo[test]" -Cbuild-dir="$work/build" -Ccmake.build-type=RelWithDebInfo \
  -Ccmake.define.INFOKIT_SANITIZE=ON
echo "(sanitizer build took $((SECONDS - start)) s)"

libasan="$(${CXX:-c++} -print-file-name=libasan.so)"
[ -f "$libasan" ] || { echo "libasan.so not found (compiler ${CXX:-c++})"; exit 1; }
export LD_PRELOAD="$libasan" PYTHONMALLOC=malloc
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Tests run from outside the tree so the sanitized install is the one imported.
cd "$work"
python -c "import infokit, sys; assert 'site-packages' in infokit.__file__, infokit.__file__"
# --capture=sys: a sanitizer report is written to file descriptor 2 just before
# the process aborts; pytest's default fd capture would swallow it with the
# process, leaving a run that stops without a word.
python -m pytest "$repo/tests/kernels" "$repo/tests/reference" "$repo/tests/estimate/test_discrete_extremes.py" \
    -c "$repo/pyproject.toml" --rootdir "$repo" -p no:cacheprovider -q --capture=sys
echo "sanitizer stage done in $((SECONDS - start)) s"
