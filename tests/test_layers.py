"""The layer rule: data flows down, never up.

::

    infokit.cli
    infokit.plot                (draws results; matplotlib on use)
    infokit.feature_selection
    infokit.torch               (optional: imports torch; only infokit._validation,
                                 infokit._bound_args and infokit._bound_docs of infokit)
    infokit.estimate   infokit.bounds   infokit.dist
    infokit.reference           (imports nothing of infokit)
    infokit._kernels            (imports nothing of infokit's Python)

Every import statement of every source file is read with ``ast`` (``.pyx``
files line by line), function-level (lazy) imports included, relative imports
resolved. A second test imports the package in a fresh interpreter and checks
that the optional heavy dependencies stay out of ``sys.modules``.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "infokit"

# (layer, the imports it may never make, the exceptions inside those)
RULES = [
    ("infokit._kernels", ("infokit",), ("infokit._kernels",)),
    ("infokit.reference", ("infokit",), ("infokit.reference",)),
    (
        "infokit.dist",
        (
            "infokit.estimate",
            "infokit.bounds",
            "infokit.feature_selection",
            "infokit.plot",
            "infokit.cli",
            "infokit.torch",
        ),
        (),
    ),
    (
        "infokit.estimate",
        ("infokit.bounds", "infokit.feature_selection", "infokit.plot", "infokit.cli", "infokit.torch"),
        (),
    ),
    (
        "infokit.bounds",
        (
            "infokit.estimate",
            "infokit.dist",
            "infokit.feature_selection",
            "infokit.plot",
            "infokit.cli",
            "infokit.torch",
        ),
        (),
    ),
    ("infokit.feature_selection", ("infokit.plot", "infokit.cli", "infokit.torch"), ()),
    ("infokit.plot", ("infokit.cli", "infokit.torch"), ()),
    # A middle layer: the PyTorch bounds stand beside dist / estimate, not on them.
    ("infokit.torch", ("infokit.estimate", "infokit.dist", "infokit.feature_selection", "infokit.cli"), ()),
    # The shared argument checks of the bounds are pure Python, for every backend.
    ("infokit._bound_args", ("infokit", "numpy", "torch"), ("infokit._bound_args",)),
    # Their shared docstring text, likewise: the fragment filler and nothing else.
    ("infokit._bound_docs", ("infokit", "numpy", "torch"), ("infokit._bound_docs", "infokit._docstrings")),
]

_PYX_IMPORT = re.compile(r"^\s*(?:from\s+(?P<from>[\w.]+)\s+c?import|c?import\s+(?P<names>[\w., ]+))", re.M)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_package(path: Path) -> bool:
    return path.stem == "__init__"


def _imports(path: Path) -> set[str]:
    """Absolute names of the modules a source file imports (``from a import b`` gives a and a.b)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".pyx":
        found = set()
        for m in _PYX_IMPORT.finditer(text):
            if m.group("from"):
                found.add(m.group("from"))
            else:
                found.update(n.split(" as ")[0].strip() for n in m.group("names").split(","))
        return found
    module = _module_name(path)
    package = module if _is_package(path) else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(text, filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


SOURCES = sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".pyx"))


def test_sources_found():
    names = {_module_name(p) for p in SOURCES}
    for layer, _, _ in RULES:
        assert any(_within(n, layer) for n in names), f"no source files for {layer}"


@pytest.mark.parametrize("layer,forbidden,allowed", RULES, ids=[r[0] for r in RULES])
def test_layer_imports_only_downwards(layer, forbidden, allowed):
    violations = []
    for path in SOURCES:
        if not _within(_module_name(path), layer):
            continue
        for name in sorted(_imports(path)):
            if any(_within(name, f) for f in forbidden) and not any(_within(name, a) for a in allowed):
                violations.append(f"{path.relative_to(SRC.parent)} imports {name}")
    assert not violations, f"{layer} may not import {forbidden}:\n" + "\n".join(violations)


def test_only_infokit_torch_imports_torch():
    offenders = []
    for path in SOURCES:
        name = _module_name(path)
        if _within(name, "infokit.torch"):
            continue
        if any(_within(i, "torch") for i in _imports(path)):
            offenders.append(str(path.relative_to(SRC.parent)))
    assert not offenders, f"torch imported outside infokit.torch: {offenders}"


def test_import_is_light():
    # torch and matplotlib are optional (infokit.torch / infokit.plot import them
    # lazily); scikit-learn and pandas are only test/extra dependencies; SciPy's
    # special / sparse / optimize (about 0.2 s together) load on first use.
    code = (
        "import sys, infokit, infokit.estimate, infokit.dist, infokit.bounds, infokit.feature_selection, infokit.plot;"
        "heavy = [m for m in ('torch', 'matplotlib', 'sklearn', 'pandas', 'scipy.special', 'scipy.sparse',"
        " 'scipy.optimize') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "", f"import infokit pulled in {out.strip()}"
