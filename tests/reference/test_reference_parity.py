"""The reference twins as a package: standalone, and named after the kernels they mirror.

The parity tests of each kernel family (test_dist_kernels.py,
test_discrete_parity.py, test_knn_parity.py, ...) compare numbers; these tests
pin what makes the twins trustworthy as references: they import nothing from
infokit, so a bug in the library cannot leak into them, and each name says
which kernel it checks (the scheme is written in infokit.reference's docstring).
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import infokit.reference as ref

REF_DIR = Path(ref.__file__).parent
# reference module -> the kernel modules its twins mirror
MIRRORS = {
    "table": ["table"],
    "discrete": ["discrete"],
    "knn": ["knn", "knn1d"],
    "histogram": ["histogram"],
    "bounds": ["bounds"],
    "copula": ["copula"],
}
# reference module -> the pure-Python engine it mirrors (no kernel behind it)
ENGINE_MIRRORS = {"selection": "infokit.feature_selection._select"}


def test_every_reference_module_mirrors_a_kernel_module():
    modules = sorted(p.stem for p in REF_DIR.glob("*.py") if p.stem != "__init__")
    assert modules == sorted([*MIRRORS, *ENGINE_MIRRORS])
    for engine in ENGINE_MIRRORS.values():
        importlib.import_module(engine)


@pytest.mark.parametrize("path", sorted(REF_DIR.glob("*.py")), ids=lambda p: p.name)
def test_reference_source_imports_nothing_from_infokit(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""] if node.level == 0 else []
        else:
            continue
        assert not any(n == "infokit" or n.startswith("infokit.") for n in names), (path.name, names)


def test_reference_loads_with_infokit_blocked():
    # Load the folder as a package of another name with every infokit import
    # refused, compiled kernels included.
    code = f"""
import importlib.util, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "infokit" or name.startswith("infokit."):
            raise ImportError("blocked: " + name)
        return None
sys.meta_path.insert(0, Block())
spec = importlib.util.spec_from_file_location(
    "standalone_reference", {str(REF_DIR / "__init__.py")!r}, submodule_search_locations=[{str(REF_DIR)!r}])
mod = importlib.util.module_from_spec(spec)
sys.modules["standalone_reference"] = mod
spec.loader.exec_module(mod)
print(len(mod.__all__), float(mod.row_entropy([[1.0, 1.0]])[0]))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    n, h = out.stdout.split()
    assert int(n) == len(ref.__all__) and float(h) == pytest.approx(0.6931471805599453, rel=1e-15)


@pytest.mark.parametrize("module", sorted(MIRRORS))
def test_twin_names_follow_the_scheme(module):
    twins = importlib.import_module(f"infokit.reference.{module}").__all__
    kernels: set[str] = set()
    for kmod in MIRRORS[module]:
        k = importlib.import_module(f"infokit._kernels.{kmod}")
        kernels |= {n.lower() for n in dir(k) if not n.startswith("_") and callable(getattr(k, n))}
    for name in twins:
        # Same name as the kernel, or "<kernel>_<quantity>" for a kernel
        # computing several quantities or an intermediate one.
        assert name in kernels or any(name.startswith(kn + "_") for kn in kernels), (module, name)


def test_flat_namespace_has_every_twin_once():
    names = [n for m in [*MIRRORS, *ENGINE_MIRRORS] for n in importlib.import_module(f"infokit.reference.{m}").__all__]
    assert len(names) == len(set(names)) and sorted(ref.__all__) == sorted(names)
    assert all(callable(getattr(ref, n)) for n in names)
