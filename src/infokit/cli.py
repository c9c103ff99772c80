"""Command line: ``infokit demo`` (also ``python -m infokit demo``) and ``infokit rank``.

``demo`` runs the library's measures on data that ships inside the package and
prints each figure beside the value it must have (closed form or textbook), so
one command shows that an install works and what the library does.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, SupportsFloat

import numpy as np

__all__ = ["main"]


def _row(label: str, value: SupportsFloat, expected: SupportsFloat | None = None, unit: str = "") -> str:
    line = f"  {label:<46s} {float(value):>10.4f} {unit:<4s}"
    if expected is not None:
        line += f"  (expected {float(expected):.4f})"
    return line


def _demo_tables(out: Callable[[str], None]) -> None:
    from infokit import dist
    from infokit.data import load_joint_tables

    out("Measures of given distributions (infokit.dist)")
    out(_row("H(fair coin)", dist.entropy([0.5, 0.5], base=2), 1.0, "bits"))
    h_biased = -(0.8 * math.log2(0.8) + 0.2 * math.log2(0.2))
    out(_row("H(coin with p = 0.8)", dist.entropy([0.8, 0.2], base=2), h_biased, "bits"))
    p, q = np.array([0.8, 0.2]), np.array([0.5, 0.5])
    ce, h = dist.cross_entropy(p, q, base=2), dist.entropy(p, base=2)
    out(_row("KL(p || q) = CE(p, q) - H(p)", dist.kl_divergence(p, q, base=2), ce - h, "bits"))
    out(_row("KL(q || p) (asymmetric)", dist.kl_divergence(q, p, base=2), None, "bits"))
    out(_row("KL([1, 0] || [0, 1])", dist.kl_divergence([1.0, 0.0], [0.0, 1.0]), math.inf, "nats"))
    out(_row("JS distance(p, q)", dist.js_distance(p, q, base=2), None, "bits"))
    tables = load_joint_tables()
    for name, t in tables.items():
        hx = dist.entropy(t.sum(axis=1))
        expected = {"independent": 0.0, "perfect": hx}.get(name)
        out(_row(f"I(X;Y), {name} 3x3 table", dist.mutual_info(t), expected, "nats"))
    t = tables["dependent"]
    out(_row("NMI (arithmetic), dependent table", dist.normalized_mutual_info(t), None))
    out(_row("variation of information, dependent table", dist.variation_of_information(t), None, "nats"))


def _demo_labels(out: Callable[[str], None]) -> None:
    from infokit import estimate
    from infokit.data import load_weather

    out("Estimators from labels (infokit.estimate, weather data, n = 14)")
    w = load_weather()
    out(_row("H(play)", estimate.entropy(w["play"], base=2), 0.9403, "bits"))
    gains = {"outlook": 0.2467, "humidity": 0.1518, "windy": 0.0481, "temperature": 0.0292}
    for feat, g in gains.items():
        out(_row(f"I({feat}; play)", estimate.mutual_info(w[feat], w["play"], base=2), g, "bits"))
    for est in ("miller_madow", "grassberger", "chao_shen", "james_stein", "nsb"):
        out(_row(f"H(outlook), estimator={est}", estimate.entropy(w["outlook"], estimator=est, base=2), None, "bits"))
    out(_row("NMI(outlook, play)", estimate.normalized_mutual_info(w["outlook"], w["play"]), None))
    out(_row("AMI(outlook, play)", estimate.adjusted_mutual_info(w["outlook"], w["play"]), None))
    out(
        _row(
            "I(outlook; play | windy)",
            estimate.conditional_mutual_info(w["outlook"], w["play"], w["windy"], base=2),
            None,
            "bits",
        )
    )


def _demo_knn(out: Callable[[str], None]) -> None:
    from infokit import estimate
    from infokit.data import SIGNALS_RHO, load_signals

    s = load_signals()
    n = len(s["x"])
    out(f"kNN estimators from continuous samples (infokit.estimate, n = {n})")
    truth = -0.5 * math.log(1 - SIGNALS_RHO**2)
    out(_row("I(x; y), KSG-1, Gaussian rho = 0.6", estimate.mutual_info(s["x"], s["y"], method="ksg"), truth, "nats"))
    out(_row("I(x; y), KSG-2", estimate.mutual_info(s["x"], s["y"], method="ksg2"), truth, "nats"))
    out(_row("corr(u, v) for v = u^2 + noise", float(np.corrcoef(s["u"], s["v"])[0, 1]), None))
    out(_row("I(u; v), KSG-1 (dependence corr misses)", estimate.mutual_info(s["u"], s["v"]), None, "nats"))
    h_gauss = 0.5 * math.log(2 * math.pi * math.e)
    out(_row("h(x), Kozachenko-Leonenko", estimate.entropy(s["x"], method="kozachenko_leonenko"), h_gauss, "nats"))


def demo(argv: Sequence[str] | None = None) -> int:
    """Run every demo section and print the figures with their expected values."""
    out = print
    t0 = time.perf_counter()
    import infokit

    out(f"infokit {infokit.__version__} demo: all figures from data shipped in infokit.data\n")
    for section in (_demo_tables, _demo_labels, _demo_knn):
        section(out)
        out("")
    out(f"done in {time.perf_counter() - t0:.2f} s")
    return 0


# Cells that mean "no value" in CSV files written by pandas, R and spreadsheets.
_MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "#n/a"})


class CliError(Exception):
    """A problem with the user's input: printed as ``error: ...``, exit status 2."""


def _typed(column: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CSV text as the dtype it spells, and the mask of its present cells.

    Integers, else floats, else the strings, judged on the present cells only
    (a blank cell must not turn a numeric column into labels). Integer-coded
    columns stay integers: ``method="auto"`` reads integers as labels (the
    discrete estimator) and floats as continuous (a kNN estimator).
    """
    present = np.array([c.strip().lower() not in _MISSING for c in column], dtype=bool)
    values = column[present]
    for dtype in (np.int64, np.float64):
        try:
            return values.astype(dtype), present
        except (ValueError, OverflowError):
            continue
    return values, present


def _read_csv(path: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV / TSV file, with the errors a user can act on."""
    import csv

    try:
        # utf-8-sig: spreadsheets write a byte-order mark that would otherwise
        # become part of the first column's name.
        with open(path, newline="", encoding="utf-8-sig") as f:
            text = f.read()
    except FileNotFoundError:
        raise CliError(f"no such file: {path}") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as e:
        raise CliError(f"cannot read {path}: {e}") from None
    delimiter = "\t" if path.endswith((".tsv", ".tab")) else ","
    rows = [r for r in csv.reader(text.splitlines(), delimiter=delimiter) if r]
    if not rows:
        raise CliError(f"{path} is empty: expected a header row and data rows")
    header, body = [h.strip() for h in rows[0]], rows[1:]
    if not body:
        raise CliError(f"{path} has a header but no data rows")
    for i, r in enumerate(body, start=2):
        if len(r) != len(header):
            raise CliError(f"{path}, line {i}: {len(r)} fields, but the header has {len(header)}")
    return header, body


def rank(args: argparse.Namespace) -> int:
    """Rank the columns of a CSV file by their MI with a target column."""
    import warnings

    from infokit import estimate
    from infokit._validation import check_base
    from infokit.estimate._registry import lookup

    try:
        check_base(args.base)
    except (TypeError, ValueError) as e:
        raise CliError(f"--base: {e}") from None
    header, body = _read_csv(args.csv)
    if args.target not in header:
        raise CliError(f"target column {args.target!r} not in {header}")
    cols = {name: np.array([r[i] for r in body]) for i, name in enumerate(header)}
    target_text = cols.pop(args.target)
    target, target_present = _typed(target_text)
    if not target_present.any():
        raise CliError(f"target column {args.target!r} has no values")
    unit = "nats" if args.base is None else f"log{args.base:g}"
    scores = []
    for name, text in cols.items():
        values, present = _typed(text)
        both = present & target_present  # rows where neither cell is missing
        if both.sum() < 2:
            print(f"note: {name!r} skipped: fewer than 2 rows with both it and the target present", file=sys.stderr)
            continue
        x = values[both[present]]
        y = target[both[target_present]]
        method = estimate.resolve_method("mutual_info", x, y)
        seed: dict[str, Any] = {"random_state": 0} if "random_state" in lookup("mutual_info", method).options else {}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            score = estimate.mutual_info(x, y, base=args.base, **seed)  # seeded: the same ranking every run
        for w in caught:  # ties spread, label-like floats: said once per column, on stderr
            print(f"note: {name!r}: {str(w.message).split('. ')[0]}", file=sys.stderr)
        scores.append((score, name, method, int(both.sum())))
    for score, name, method, used in sorted(scores, key=lambda t: (-t[0], t[1])):
        print(f"{name}\t{score:.6f}\t{unit}\t{method}\t{used}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="infokit", description="Fast information theory.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="run the demo on data shipped with infokit")
    p_rank = sub.add_parser(
        "rank",
        help="rank CSV columns by mutual information with a target",
        description=(
            "Prints one line per column: name, MI with the target, unit, the estimator that ran "
            "(method='auto': integers and strings are labels, floats continuous) and the rows used "
            "(rows with a missing cell in the column or the target are left out)."
        ),
    )
    p_rank.add_argument("csv", help="CSV file with a header row")
    p_rank.add_argument("--target", required=True, help="name of the target column")
    p_rank.add_argument("--base", type=float, default=None, help="log base (default: nats)")
    args = parser.parse_args(argv)
    if args.command == "demo":
        return demo()
    try:
        return rank(args)
    except CliError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
