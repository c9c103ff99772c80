"""Small data sets shipped with infokit, used by ``infokit demo``, the examples and the tests.

- :func:`load_weather`: the 14-day "play tennis" table (Quinlan 1986), a classic
  for information gain: H(play) = 0.940 bits, I(outlook; play) = 0.247 bits.
- :func:`load_signals`: 2000 seeded continuous samples: a bivariate Gaussian
  pair (x, y) with correlation 0.6 and a nonlinear pair v = u**2 + noise.
- :func:`load_joint_tables`: three 3x3 joint probability tables (independent,
  dependent, Y = X) whose MI the tutorials work out by hand.
"""

from __future__ import annotations

import csv
import io
from importlib import resources

import numpy as np

__all__ = ["load_weather", "load_signals", "load_joint_tables", "seed_tables", "SIGNALS_RHO"]

#: Correlation of the Gaussian pair in :func:`load_signals`; I = -0.5 log(1 - 0.36) nats.
SIGNALS_RHO = 0.6


def _read_csv(name: str) -> tuple[list[str], list[list[str]]]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], rows[1:]


def load_weather() -> dict[str, np.ndarray]:
    """The "play tennis" weather table as a dict of string label arrays.

    Returns
    -------
    dict
        Keys ``outlook``, ``temperature``, ``humidity``, ``windy``, ``play``;
        each value is a length-14 array of str labels.

    Examples
    --------
    >>> from infokit.data import load_weather
    >>> d = load_weather()
    >>> sorted(d), len(d["play"])
    (['humidity', 'outlook', 'play', 'temperature', 'windy'], 14)
    """
    header, rows = _read_csv("weather.csv")
    return {name: np.array([r[i] for r in rows]) for i, name in enumerate(header)}


def load_signals() -> dict[str, np.ndarray]:
    """Seeded continuous signals: a correlated Gaussian pair and a nonlinear pair.

    Returns
    -------
    dict
        ``x``, ``y``: standard normal with corr(x, y) = 0.6, so
        I(x; y) = -0.5 log(1 - 0.6**2) = 0.2231 nats;
        ``u`` ~ U(-2, 2) and ``v = u**2 + 0.1 N(0, 1)``: nearly uncorrelated but
        strongly dependent. Each a float64 array of length 2000.

    Examples
    --------
    >>> from infokit.data import load_signals
    >>> s = load_signals()
    >>> s["x"].shape, s["x"].dtype.name
    ((2000,), 'float64')
    """
    header, rows = _read_csv("signals.csv")
    data = np.array(rows, dtype=np.float64)
    return {name: np.ascontiguousarray(data[:, i]) for i, name in enumerate(header)}


def load_joint_tables() -> dict[str, np.ndarray]:
    """Three 3x3 joint probability tables: independent, dependent, and Y = X.

    ``independent`` is the outer product of p_x = (0.3, 0.5, 0.2) and
    p_y = (0.4, 0.4, 0.2) (MI = 0); ``dependent`` is the weather / ice-cream
    table; ``perfect`` is Y = X with p = (0.33, 0.33, 0.34).

    Examples
    --------
    >>> from infokit.data import load_joint_tables
    >>> t = load_joint_tables()
    >>> [round(float(v.sum()), 12) for v in t.values()]
    [1.0, 1.0, 1.0]
    """
    return {
        "independent": np.outer([0.3, 0.5, 0.2], [0.4, 0.4, 0.2]),
        "dependent": np.array([[0.30, 0.10, 0.02], [0.10, 0.15, 0.08], [0.05, 0.10, 0.10]]),
        "perfect": np.diag([0.33, 0.33, 0.34]),
    }


#: The name this loader had first (kept: it is in user code).
seed_tables = load_joint_tables
