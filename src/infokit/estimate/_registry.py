"""The estimator registry: ``method=`` name -> implementation, for every quantity.

Each estimator family registers its methods in one line per method, in its own
module, e.g.::

    register("mutual_info", "ksg", ksg_mutual_info, kind="continuous", variant=1)

and the front doors (:func:`infokit.estimate.mutual_info`, ...) look the name
up here instead of branching on it. A registration records:

* ``quantity``: "entropy", "mutual_info", "conditional_mutual_info" or
  "kl_divergence";
* ``kind``: the data the method is for ("discrete", "continuous" or "mixed");
* ``labels_last``: the implementation takes the continuous variable first and
  the labels second (Ross); ``method="auto"`` puts a label / continuous pair in
  that order;
* ``fixed``: keyword values the method pins (``variant=2`` for "ksg2"); the
  caller cannot pass them;
* ``aliases``: older or shorter spellings that resolve to the same method;
* ``null_model``: optional, the family's significance interface (see
  :mod:`infokit.estimate._significance`): prepare the data once, then
  re-evaluate under permutations of one side.

The option names a method takes are read off its implementation's signature,
so an option that does not apply is refused with a TypeError that names it.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["AUTO", "QUANTITIES", "Method", "register", "lookup", "methods"]

QUANTITIES = ("entropy", "mutual_info", "conditional_mutual_info", "kl_divergence")
KINDS = ("discrete", "continuous", "mixed")

# What method="auto" runs: quantity -> kind of the data -> method. The kind is
# "discrete" when every argument holds labels, "continuous" when none does,
# "mixed" otherwise (infokit._validation.is_discrete decides per argument).
# A quantity missing here has no "auto".
AUTO: dict[str, dict[str, str]] = {
    "entropy": {"discrete": "discrete", "continuous": "kozachenko_leonenko"},
    "mutual_info": {"discrete": "discrete", "continuous": "ksg", "mixed": "ross"},
    "conditional_mutual_info": {"discrete": "discrete", "continuous": "ksg", "mixed": "ksg"},
    "kl_divergence": {"continuous": "wkv", "mixed": "wkv"},
}


# Names scikit-learn / SciPy users type for options infokit spells otherwise.
_OTHER_SPELLINGS = {"n_neighbors": "k", "seed": "random_state", "random_seed": "random_state", "log_base": "base"}


@dataclass(frozen=True)
class Method:
    """One registered estimator of one quantity."""

    quantity: str
    name: str
    func: Callable[..., Any]
    kind: str
    fixed: Mapping[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    null_model: Callable[..., Any] | None = None
    labels_last: bool = False

    @functools.cached_property
    def options(self) -> tuple[str, ...]:
        """Keyword options the caller may pass (the implementation's, minus the pinned ones)."""
        params = inspect.signature(self.func).parameters.values()
        return tuple(p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY and p.name not in self.fixed)

    @functools.cached_property
    def defaults(self) -> Mapping[str, Any]:
        """The default value of each option that has one."""
        params = inspect.signature(self.func).parameters
        return {
            name: params[name].default for name in self.options if params[name].default is not inspect.Parameter.empty
        }

    def check_options(self, options: Mapping[str, Any]) -> None:
        """Raise TypeError naming every option this method does not take."""
        unknown = sorted(set(options) - set(self.options))
        if unknown:
            hints = [f"{u!r} -> {h!r}" for u in unknown if (h := self._spelling(u)) is not None]
            raise TypeError(
                f"{self.quantity}(method={self.name!r}) does not take {', '.join(map(repr, unknown))}; "
                f"its options are {', '.join(self.options)}" + (f" (did you mean {', '.join(hints)}?)" if hints else "")
            )

    def _spelling(self, name: str) -> str | None:
        """The option this method has for a name users of other libraries type, if any."""
        known = _OTHER_SPELLINGS.get(name)
        if known in self.options:
            return known
        close = difflib.get_close_matches(name, self.options, n=1, cutoff=0.75)
        return close[0] if close else None

    def __call__(self, *data: Any, **options: Any) -> Any:
        self.check_options(options)
        return self.func(*data, **self.fixed, **options)


_METHODS: dict[str, dict[str, Method]] = {q: {} for q in QUANTITIES}
_ALIASES: dict[str, dict[str, str]] = {q: {} for q in QUANTITIES}


def register(
    quantity: str,
    name: str,
    func: Callable[..., Any],
    *,
    kind: str,
    aliases: tuple[str, ...] = (),
    null_model: Callable[..., Any] | None = None,
    labels_last: bool = False,
    **fixed: Any,
) -> Method:
    """Register ``func`` as ``method=name`` of ``quantity`` (see the module notes)."""
    if quantity not in QUANTITIES:
        raise ValueError(f"unknown quantity {quantity!r}; expected one of {QUANTITIES}")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")
    taken = set(_METHODS[quantity]) | set(_ALIASES[quantity]) | {"auto"}
    clash = taken & {name, *aliases}
    if clash:
        raise ValueError(f"{quantity} already has a method named {sorted(clash)[0]!r}")
    method = Method(quantity, name, func, kind, dict(fixed), tuple(aliases), null_model, labels_last)
    _METHODS[quantity][name] = method
    for alias in aliases:
        _ALIASES[quantity][alias] = name
    return method


def methods(quantity: str) -> tuple[str, ...]:
    """The canonical method names of ``quantity``, in registration order."""
    return tuple(_METHODS[quantity])


def lookup(quantity: str, method: Any) -> Method:
    """The registered method called ``method`` (or one of its aliases); ValueError otherwise."""
    table = _METHODS[quantity]
    if isinstance(method, str):
        found = table.get(_ALIASES[quantity].get(method, method))
        if found is not None:
            return found
    names = ["auto", *table] if quantity in AUTO else list(table)
    alias_text = ", ".join(f"{a!r} (= {n!r})" for a, n in _ALIASES[quantity].items())
    raise ValueError(
        f"method must be one of {', '.join(map(repr, names))}"
        + (f" or an alias: {alias_text}" if alias_text else "")
        + f"; got {method!r}"
    )
