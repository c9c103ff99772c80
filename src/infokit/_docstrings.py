"""Shared numpydoc fragments: one text per parameter, pasted into many docstrings.

A docstring names a fragment with ``%(name)s`` on a line of its own; the
decorator returned by :func:`filler` replaces that line with the fragment,
indented like the placeholder. Fragments are written flush-left (first line
``name : type``, description lines indented by four spaces), so each reads as
it will appear in the rendered docstring.

``%(...)s`` is used instead of ``str.format`` braces so that LaTeX in the
docstrings (``\\frac{d}{n}``) needs no escaping.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Mapping
from typing import TypeVar

__all__ = ["COMMON", "filler", "fill"]

F = TypeVar("F", bound=Callable[..., object])

# Fragments every family's docstrings share; each family's _docs module adds its own.
COMMON: dict[str, str] = {
    "base": """
        base : float, optional
            Logarithm base: None gives nats, 2 gives bits.
        """,
}

_PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)%\((?P<name>\w+)\)s[ \t]*$", re.MULTILINE)


def fill(doc: str, fragments: Mapping[str, str]) -> str:
    """Return ``doc`` with every ``%(name)s`` line replaced by its fragment.

    An unknown name raises KeyError at import time, so a typo cannot ship;
    a placeholder sharing its line with other text raises ValueError.
    """

    def replace(match: re.Match[str]) -> str:
        text = textwrap.dedent(fragments[match.group("name")]).strip("\n")
        return textwrap.indent(text, match.group("indent"), lambda line: bool(line.strip()))

    filled = _PLACEHOLDER.sub(replace, doc)
    left = re.search(r"%\(\w+\)s", filled)
    if left:  # a placeholder not alone on its line would ship verbatim
        raise ValueError(f"docstring placeholder {left.group(0)} is not on a line of its own")
    return filled


def filler(fragments: Mapping[str, str]) -> Callable[[F], F]:
    """Decorator factory: fill the decorated function's docstring from ``fragments``.

    Examples
    --------
    >>> fill_doc = filler({"base": "base : float, optional\\n    Logarithm base."})
    >>> @fill_doc
    ... def f():
    ...     '''Doc.
    ...
    ...     Parameters
    ...     ----------
    ...     %(base)s
    ...     '''
    >>> print(f.__doc__.splitlines()[4].strip())
    base : float, optional
    """

    def decorate(func: F) -> F:
        if func.__doc__:
            func.__doc__ = fill(func.__doc__, fragments)
        return func

    return decorate
