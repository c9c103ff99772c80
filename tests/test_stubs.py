"""The hand-written .pyi stubs of the compiled modules match the modules (mypy.stubtest)."""

import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import infokit._kernels

# Compiled extension modules only (editable installs put them in another folder
# of the package path than the sources, hence pkgutil over __path__).
KERNELS = sorted(
    m.name
    for m in pkgutil.iter_modules(infokit._kernels.__path__)
    if not Path(importlib.import_module(f"infokit._kernels.{m.name}").__file__).suffix == ".py"
)


def test_every_compiled_module_has_a_stub():
    assert set(KERNELS) >= {"table"}, KERNELS
    for name in KERNELS:
        stubs = [Path(p) / f"{name}.pyi" for p in infokit._kernels.__path__]
        assert any(s.exists() for s in stubs), f"no stub for infokit._kernels.{name}"


def test_stubtest():
    mods = [f"infokit._kernels.{name}" for name in KERNELS]
    # In an editable install the .pyi files stay in the source tree while the
    # compiled modules live in site-packages: point mypy at the stubs' root.
    # (A regular install keeps both side by side, and mypy refuses site-packages
    # on MYPYPATH, so only stub folders without compiled modules are added.)
    stub_roots = [
        str(Path(p).parents[1])
        for p in infokit._kernels.__path__
        if any(Path(p).glob("*.pyi")) and not any(Path(p).glob("*.so")) and not any(Path(p).glob("*.pyd"))
    ]
    env = dict(os.environ, MYPYPATH=os.pathsep.join(stub_roots))
    proc = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", *mods],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
