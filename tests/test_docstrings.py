"""Every public function documents itself with a numpydoc docstring and a runnable example.

The examples are collected from the installed package and executed here, so a
docstring that drifts from the code fails the suite.
"""

from __future__ import annotations

import doctest
import importlib
import inspect

import numpy as np
import pytest

PUBLIC_MODULES = [
    "infokit.dist",
    "infokit.estimate",
    "infokit.feature_selection",
    "infokit.data",
]
# Modules whose docstring examples also run (private implementation modules
# carry the examples of the functions they define).
EXAMPLE_MODULES = [
    "infokit.dist",
    "infokit.estimate._api",
    "infokit.estimate._discrete",
    "infokit.estimate._knn",
    "infokit.feature_selection",
    "infokit.data",
]


def _public_functions():
    for modname in PUBLIC_MODULES:
        mod = importlib.import_module(modname)
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            # Result containers (named tuples) document fields, not examples.
            if callable(obj) and not inspect.isclass(obj):
                yield f"{modname}.{name}", obj


def _doctests():
    finder = doctest.DocTestFinder(exclude_empty=True)
    seen = set()
    for modname in EXAMPLE_MODULES:
        try:
            mod = importlib.import_module(modname)
        except ImportError:
            continue
        for test in finder.find(mod, modname):
            if test.examples and test.name not in seen:
                seen.add(test.name)
                yield test


DOCTESTS = sorted(_doctests(), key=lambda t: t.name)


def test_public_api_is_documented_with_examples():
    missing = []
    for qualname, obj in _public_functions():
        doc = inspect.getdoc(obj) or ""
        if "Examples" not in doc or ">>>" not in doc or "Parameters" not in doc and inspect.signature(obj).parameters:
            missing.append(qualname)
    assert not missing, f"public functions without Parameters/Examples sections: {missing}"


def test_docstring_examples_were_found():
    # Guards the collector itself: if it silently found nothing, the
    # parametrized test below would pass vacuously.
    assert len(DOCTESTS) >= 10


@pytest.mark.parametrize("test", DOCTESTS, ids=[t.name for t in DOCTESTS])
def test_docstring_example(test):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    test.globs.setdefault("np", np)
    result = runner.run(test, out=lambda s: None)
    if result.failed:
        # Re-run with output captured for a readable failure.
        lines: list[str] = []
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        runner.run(test, out=lines.append)
        pytest.fail("".join(lines))
