"""Every public function documents itself with a numpydoc docstring and a runnable example.

The examples are found by walking the whole ``infokit`` package (every module,
private ones included, since implementation modules carry the examples of the
functions they define) and executed here, so a docstring that drifts from the
code fails the suite, and a new module is covered without being listed.

Modules of the optional subpackages (``infokit.torch``, ``infokit.plot``) are
skipped only when their optional dependency is not installed.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import inspect
import pkgutil
import types
from collections.abc import Iterator

import numpy as np
import pytest

import infokit

# Subpackage -> the optional dependency whose absence skips it.
OPTIONAL = {"infokit.torch": "torch", "infokit.plot": "matplotlib"}
# Public callables documented elsewhere than in an example, with the reason.
NO_EXAMPLE_NEEDED = {
    # The console-script entry point: `infokit --help` documents it, tests/test_cli.py runs it.
    "infokit.cli.main",
}
# Public modules whose functions need no example: the NumPy twins of the kernels
# are the tests' oracles, each one run against its kernel by a parity test.
NO_EXAMPLES_MODULES = {"infokit.reference"}
OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _optional_dependency(modname: str) -> str | None:
    for pkg, dep in OPTIONAL.items():
        if modname == pkg or modname.startswith(pkg + "."):
            return dep
    return None


def _module_names() -> list[str]:
    names = ["infokit"]
    # walk_packages imports each package to look inside it; an import error of a
    # package is re-raised below when the module itself is imported.
    for info in pkgutil.walk_packages(infokit.__path__, "infokit.", onerror=lambda name: names.append(name)):
        # Importing a __main__ module runs the program.
        if info.name.rsplit(".", 1)[-1] != "__main__":
            names.append(info.name)
    return sorted(set(names))


MODULE_NAMES = _module_names()


def _import(modname: str) -> types.ModuleType:
    dep = _optional_dependency(modname)
    if dep is not None:
        pytest.importorskip(dep)
    return importlib.import_module(modname)


def _try_import(modname: str) -> types.ModuleType | None:
    """The module, or None when it needs an optional dependency that is missing."""
    dep = _optional_dependency(modname)
    if dep is not None and importlib.util.find_spec(dep) is None:
        return None
    return importlib.import_module(modname)


# Modules that fail to import: reported by test_every_module_imports instead of
# breaking the collection of every other module's examples.
IMPORT_ERRORS: dict[str, str] = {}


def _doctests() -> Iterator[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    seen = set()
    for modname in MODULE_NAMES:
        try:
            mod = _try_import(modname)
        except Exception as exc:
            IMPORT_ERRORS[modname] = f"{type(exc).__name__}: {exc}"
            continue
        if mod is None:
            continue
        for test in finder.find(mod, modname):
            if test.examples and test.name not in seen:
                seen.add(test.name)
                yield test


DOCTESTS = sorted(_doctests(), key=lambda t: t.name)
DOCTEST_NAMES = {t.name for t in DOCTESTS}


def _is_public(modname: str) -> bool:
    return not any(part.startswith("_") for part in modname.split("."))


def _public_functions(mod: types.ModuleType) -> Iterator[tuple[str, object]]:
    for name in getattr(mod, "__all__", []):
        obj = getattr(mod, name)
        # Result containers (named tuples) document fields, not examples.
        if callable(obj) and not inspect.isclass(obj):
            yield f"{mod.__name__}.{name}", obj


def _defined_name(obj) -> str:
    # The name DocTestFinder gives the docstring of obj: where it is defined.
    obj = inspect.unwrap(obj)
    return f"{obj.__module__}.{obj.__qualname__}"


def _needs_examples(modname: str) -> bool:
    exempt = any(modname == m or modname.startswith(m + ".") for m in NO_EXAMPLES_MODULES)
    return _is_public(modname) and not exempt


@pytest.mark.parametrize("modname", [m for m in MODULE_NAMES if _needs_examples(m)])
def test_public_functions_have_examples(modname):
    mod = _import(modname)
    missing, not_run = [], []
    for qualname, obj in _public_functions(mod):
        if qualname in NO_EXAMPLE_NEEDED:
            continue
        doc = inspect.getdoc(obj) or ""
        has_params = "Parameters" in doc or not inspect.signature(obj).parameters
        if "Examples" not in doc or ">>>" not in doc or not has_params:
            missing.append(qualname)
        elif _defined_name(obj) not in DOCTEST_NAMES:
            not_run.append(f"{qualname} ({_defined_name(obj)})")
    assert not missing, f"public functions without Parameters/Examples sections: {missing}"
    assert not not_run, f"examples that the collector did not find (so never run): {not_run}"


@pytest.mark.parametrize("modname", [m for m in MODULE_NAMES if _is_public(m)])
def test_no_placeholder_is_left_unfilled(modname):
    # mutual_info_matrix shipped "%(discrete_features)s    %(base)s" verbatim:
    # a placeholder that shares its line is not filled (now an import error).
    mod = _import(modname)
    left = [q for q, obj in _public_functions(mod) if "%(" in (inspect.getdoc(obj) or "")]
    assert not left, left


@pytest.mark.parametrize("modname", MODULE_NAMES)
def test_every_module_imports(modname):
    # Modules of infokit.torch / infokit.plot skip here (visibly) when their
    # optional dependency is missing; their examples are then not collected.
    _import(modname)
    assert modname not in IMPORT_ERRORS, IMPORT_ERRORS.get(modname)


def test_docstring_examples_were_found():
    # Guards the collector itself: if it silently found nothing, the
    # parametrized test below would pass vacuously.
    assert len(DOCTESTS) >= 30
    assert {"infokit.estimate._significance.mi_test", "infokit.estimate._significance.mi_bootstrap"} <= DOCTEST_NAMES


@pytest.mark.parametrize("test", DOCTESTS, ids=[t.name for t in DOCTESTS])
def test_docstring_example(test):
    runner = doctest.DocTestRunner(optionflags=OPTIONFLAGS)
    test.globs.setdefault("np", np)
    result = runner.run(test, out=lambda s: None)
    if result.failed:
        # Re-run with output captured for a readable failure.
        lines: list[str] = []
        runner = doctest.DocTestRunner(optionflags=OPTIONFLAGS)
        runner.run(test, out=lines.append)
        pytest.fail("".join(lines))
