"""Command line: ``infokit demo | bench | rank | select | matrix | mi`` (also ``python -m infokit``).

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
from dataclasses import dataclass
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


def _demo_selection(out: Callable[[str], None]) -> None:
    from infokit.data import load_weather
    from infokit.feature_selection import select_features
    from infokit.reference import greedy_selection

    w = load_weather()
    names = [c for c in w if c != "play"]
    X = np.column_stack([w[c] for c in names])
    out("Feature ranking and selection (infokit.feature_selection, weather data)")
    ranked = select_features(X, w["play"], criterion="mim", n_features_to_select=len(names), base=2)
    out(f"  ranked by I(feature; play): {', '.join(names[j] for j in ranked.ranking)}")
    out("    (expected: outlook, humidity, windy, temperature: Quinlan's information gains above)")
    codes = np.column_stack([np.unique(w[c], return_inverse=True)[1] for c in names])
    play = np.unique(w["play"], return_inverse=True)[1]
    jmi = select_features(codes, play, criterion="jmi", n_features_to_select=3)
    twin, _ = greedy_selection("jmi", codes, play, 3)
    out(f"  JMI, 3 features: {', '.join(names[j] for j in jmi.ranking)}")
    out(f"    (expected: {', '.join(names[j] for j in twin)}, by infokit.reference's plain recomputation)")
    rng = np.random.default_rng(0)
    Z = rng.integers(0, 2, size=(2000, 6))
    y = np.where(rng.random(2000) < 0.15, Z[:, 1], Z[:, 1] ^ Z[:, 4])
    pick = select_features(Z, y, criterion="jmi", n_features_to_select=2).ranking.tolist()
    out(f"  y = z1 xor z4 (15% z1), JMI picks: z{pick[0]}, z{pick[1]}  (expected: z1, z4)")
    pick = select_features(Z, y, criterion="mrmr", n_features_to_select=2).ranking.tolist()
    out(f"  the same with mRMR: z{pick[0]}, z{pick[1]}  (expected: z1, then noise: mRMR never conditions on y)")


def demo(argv: Sequence[str] | None = None) -> int:
    """Run every demo section and print the figures with their expected values."""
    out = print
    t0 = time.perf_counter()
    import infokit

    out(f"infokit {infokit.__version__} demo: all figures from data shipped in infokit.data")
    out("Units: nats (natural logarithm) unless a line says bits (log base 2); NMI and AMI have none.\n")
    for section in (_demo_tables, _demo_labels, _demo_knn, _demo_selection):
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


@dataclass
class Column:
    """One typed column of a data file: its present values and where they are."""

    values: np.ndarray
    present: np.ndarray

    def at(self, rows: np.ndarray) -> np.ndarray:
        """The values of the rows ``rows`` (a mask over all rows, within ``present``)."""
        return self.values[rows[self.present]]


def _load(path: str, discrete: Sequence[str], continuous: Sequence[str]) -> dict[str, Column]:
    """Typed columns of a CSV / TSV / Parquet file, with the type overrides applied.

    With pandas installed the file is read once by pandas into nullable typed
    columns (integers stay integers beside missing cells); without it, by the
    standard library's csv module with the same typing rule.
    """
    import importlib.util

    if path.endswith((".parquet", ".pq")):
        cols = _frame_columns(_read_parquet(path), path)
    elif importlib.util.find_spec("pandas") is not None:
        cols = _frame_columns(_read_csv_pandas(path), path)
    else:
        header, body = _read_csv(path)
        cols = {name: Column(*_typed(np.array([r[i] for r in body]))) for i, name in enumerate(header)}
    for name in [*discrete, *continuous]:
        if name not in cols:
            raise CliError(f"unknown column {name!r}; the columns are {list(cols)}")
    for name in discrete:
        c = cols[name]
        cols[name] = Column(c.values.astype(str) if c.values.dtype.kind == "f" else c.values, c.present)
    for name in continuous:
        c = cols[name]
        try:
            cols[name] = Column(c.values.astype(np.float64), c.present)
        except ValueError:
            raise CliError(f"--continuous {name}: the column holds values that are not numbers") from None
    return cols


def _read_parquet(path: str) -> Any:
    try:
        import pandas as pd

        return pd.read_parquet(path, dtype_backend="numpy_nullable")
    except ImportError as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise CliError(f"reading Parquet needs pandas and pyarrow (pip install pyarrow): {first}") from None
    except FileNotFoundError:
        raise CliError(f"no such file: {path}") from None
    except Exception as e:  # pyarrow's many error types: one line for the user
        raise CliError(f"cannot read {path}: {e}") from None


def _check_rows(path: str, delimiter: str, block: int = 1 << 23) -> None:
    """Refuse ragged rows by line number (pandas pads short rows with missing values silently).

    Streams the file in blocks (8 MB by default: memory stays flat whatever the
    file's size) and counts delimiters per line with NumPy; a file with quotes,
    whose fields may hold delimiters and line breaks, goes through the csv
    module instead.
    """
    width: int | None = None
    first_line = 1
    rest = b""
    with open(path, "rb") as f:
        while True:
            chunk = f.read(block)
            data = rest + chunk
            if b'"' in data:
                _check_rows_quoted(path, delimiter)
                return
            if chunk:  # the last, unfinished line waits for the next block
                cut = data.rfind(b"\n") + 1
                data, rest = data[:cut], data[cut:]
            lines, fields, n_lines = _line_widths(data, ord(delimiter), first_line)
            first_line += n_lines
            if len(lines):
                width = int(fields[0]) if width is None else width
                bad = np.flatnonzero(fields != width)
                if len(bad):
                    i = int(bad[0])
                    raise CliError(f"{path}, line {int(lines[i])}: {int(fields[i])} fields, but the header has {width}")
            if not chunk:
                return


def _check_rows_quoted(path: str, delimiter: str) -> None:
    import csv

    with open(path, newline="", encoding="utf-8-sig") as f:
        width = None
        for line, row in enumerate(csv.reader(f, delimiter=delimiter), start=1):
            if not row:
                continue
            if width is None:
                width = len(row)
            elif len(row) != width:
                raise CliError(f"{path}, line {line}: {len(row)} fields, but the header has {width}")


def _line_widths(data: bytes, delimiter: int, first_line: int = 1) -> tuple[np.ndarray, np.ndarray, int]:
    """Line numbers and field counts of the non-blank lines of unquoted text, and its line count."""
    buf = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(buf == 10)
    starts = np.concatenate(([0], newlines + 1))
    stops = np.append(newlines, len(buf))
    if starts[-1] == len(buf):  # the text ends with a line break (or is empty)
        starts, stops = starts[:-1], stops[:-1]
    length = stops - starts
    length -= (length > 0) & (buf[np.maximum(stops - 1, 0)] == 13) if len(buf) else 0  # CRLF
    keep = np.flatnonzero(length > 0)
    # Each sum runs to the next non-blank line's start: the blank lines
    # between hold no delimiter.
    delims = np.add.reduceat(buf == delimiter, starts[keep], dtype=np.int64) if len(keep) else keep
    return first_line + keep, delims + 1, len(starts)


_CSV_CHUNK_ROWS = 1 << 16


def _read_csv_pandas(path: str) -> Any:
    import pandas as pd

    delimiter = "\t" if path.endswith((".tsv", ".tab")) else ","
    try:
        _check_rows(path, delimiter)
        # In chunks of rows: pandas' parser holds several times the frame's
        # size in buffers while it reads a whole file at once (368 MB peak for
        # a 92 MB frame of 200k x 51 values), chunk by chunk about 2x. Each
        # chunk is typed on its own; concat upcasts as one read would
        # (integers beside floats to floats, anything beside text to text).
        reader = pd.read_csv(
            path, sep=delimiter, encoding="utf-8-sig", dtype_backend="numpy_nullable",
            na_values=sorted(_MISSING - {""}), keep_default_na=True, skip_blank_lines=True,
            chunksize=_CSV_CHUNK_ROWS,
        )  # fmt: skip
        with reader:
            chunks = list(reader)
        if not chunks:
            raise CliError(f"{path} has a header but no data rows")
        frame = chunks[0] if len(chunks) == 1 else pd.concat(chunks, ignore_index=True)
        del chunks
    except FileNotFoundError:
        raise CliError(f"no such file: {path}") from None
    except pd.errors.EmptyDataError:
        raise CliError(f"{path} is empty: expected a header row and data rows") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError, pd.errors.ParserError) as e:
        raise CliError(f"cannot read {path}: {e}") from None
    if not len(frame):
        raise CliError(f"{path} has a header but no data rows")
    frame.columns = [str(c).strip() for c in frame.columns]
    _refuse_duplicate_names(path, delimiter)
    return frame


def _refuse_duplicate_names(path: str, delimiter: str) -> None:
    """Two columns of one name make --target / --x ambiguous (pandas would rename the second 'a.1')."""
    import csv
    from collections import Counter

    with open(path, newline="", encoding="utf-8-sig") as f:
        header = next((row for row in csv.reader(f, delimiter=delimiter) if row), [])
    twice = sorted(name for name, count in Counter(h.strip() for h in header).items() if count > 1)
    if twice:
        raise CliError(f"{path}: the header names {', '.join(map(repr, twice))} more than once; rename the columns")


def _frame_columns(frame: Any, path: str) -> dict[str, Column]:
    """pandas columns as typed Columns: nullable integers and booleans are labels, floats continuous."""
    cols: dict[str, Column] = {}
    for name in frame.columns:
        s = frame[name]
        present = s.notna().to_numpy(dtype=bool)
        kind = getattr(s.dtype, "kind", "O")
        if kind in "Mm":
            raise CliError(f"{path}: column {name!r} holds dates or times; convert them to numbers or labels")
        values = s[present]
        if kind in "iu":
            arr = values.to_numpy(dtype=np.int64)
        elif kind == "b":
            arr = values.to_numpy(dtype=bool)
        elif kind == "f":
            arr = values.to_numpy(dtype=np.float64)
        else:
            arr = values.astype(str).to_numpy(dtype=str)
        cols[str(name)] = Column(arr, present)
    return cols


def _names(arg: str | None, cols: dict[str, Column], what: str) -> list[str]:
    names = [n.strip() for n in arg.split(",") if n.strip()] if arg else []
    for n in names:
        if n not in cols:
            raise CliError(f"{what}: unknown column {n!r}; the columns are {list(cols)}")
    return names


class _Notes:
    """The warnings of a command's estimates, printed on stderr once per kind when it ends.

    A file with many alike columns (the 64 pixels of digits) would otherwise
    print the same note for each column, or for each pair of them: a kind
    (the message with its numbers blanked) met more than three times is
    printed once, with the first message in full and the names it concerns.
    """

    _LONG = 300  # characters of one message shown (a warning may list every column)

    def __init__(self) -> None:
        self.kinds: dict[str, list[tuple[str, str]]] = {}

    def add(self, name: str, message: str) -> None:
        import re

        self.kinds.setdefault(re.sub(r"\d+(\.\d+)?", "#", message), []).append((name, message))

    def flush(self) -> None:
        for entries in self.kinds.values():
            if len(entries) <= 3:
                for name, message in entries:
                    print(f"note: {name}: {self._short(message)}", file=sys.stderr)
                continue
            names = [name for name, _ in entries]
            listed = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
            print(f"note: {len(names)} estimates ({listed}): {self._short(entries[0][1])}", file=sys.stderr)
        self.kinds.clear()

    def _short(self, message: str) -> str:
        return message if len(message) <= self._LONG else message[: self._LONG] + f"... ({len(message)} characters)"


_NOTES = _Notes()


def _estimate(quantity: str, *data: np.ndarray, base: float | None, name: str) -> tuple[float, str]:
    """One estimate with ``method="auto"``, seeded; its warnings become notes on stderr (:class:`_Notes`)."""
    import warnings

    from infokit import estimate
    from infokit.estimate._registry import lookup

    method = estimate.resolve_method(quantity, *data)
    seed: dict[str, Any] = {"random_state": 0} if "random_state" in lookup(quantity, method).options else {}
    fn = estimate.mutual_info if quantity == "mutual_info" else estimate.conditional_mutual_info
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = float(fn(*data, base=base, **seed))  # seeded: the same figures every run
    for w in caught:
        _NOTES.add(name, str(w.message).split(". ")[0])
    return value, method


def _joint(cols: dict[str, Column], names: list[str], rows: np.ndarray) -> np.ndarray:
    """Columns as one (n, d) variable: labels if any is a label column, floats otherwise."""
    parts = [cols[n].at(rows) for n in names]
    if len(parts) == 1:
        return parts[0]
    if any(p.dtype.kind not in "f" for p in parts) and any(p.dtype.kind == "f" for p in parts):
        raise CliError(f"{', '.join(names)}: a joint variable must be all labels or all numbers")
    return np.column_stack(parts)


def _emit(args: argparse.Namespace, fields: list[str], rows: list[list[Any]]) -> None:
    """The result as an aligned table (default), JSON or CSV: the same fields in each."""
    if getattr(args, "top", None):
        rows = rows[: args.top]
    if args.json:
        import json

        print(json.dumps([dict(zip(fields, r)) for r in rows], indent=2))
        return
    if args.csv_out:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(fields)
        writer.writerows(rows)
        return
    text = [[f"{v:.6f}" if isinstance(v, float) else str(v) for v in r] for r in rows]
    widths = [max(len(f), *(len(t[i]) for t in text)) if text else len(f) for i, f in enumerate(fields)]
    print("  ".join(f.ljust(w) for f, w in zip(fields, widths)).rstrip())
    for t in text:
        print("  ".join(v.ljust(w) for v, w in zip(t, widths)).rstrip())


class _Progress:
    """``[i/total] label`` on one stderr line, only when stderr is a terminal (no colour, so NO_COLOR holds)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.on = sys.stderr.isatty() and total > 1

    def step(self, i: int, label: str) -> None:
        if self.on:
            print(f"\r[{i + 1}/{self.total}] {label[:60]:<60}", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.on:
            print("\r" + " " * 72 + "\r", end="", file=sys.stderr, flush=True)


def _unit(base: float | None) -> str:
    return "nats" if base is None else ("bits" if base == 2 else f"log{base:g}")


def _common(args: argparse.Namespace) -> dict[str, Column]:
    from infokit._validation import check_base

    try:
        check_base(args.base)
    except (TypeError, ValueError) as e:
        raise CliError(f"--base: {e}") from None
    cols = _load(args.data, _split(args.discrete), _split(args.continuous))
    if args.nan == "raise":
        missing = {name: int((~c.present).sum()) for name, c in cols.items() if not c.present.all()}
        if missing:
            listed = ", ".join(f"{name!r} ({count})" for name, count in missing.items())
            raise CliError(f"missing cells in {listed}; --nan omit (the default) leaves those rows out per estimate")
    return cols


def _split(arg: str | None) -> list[str]:
    return [n.strip() for n in arg.split(",") if n.strip()] if arg else []


def rank(args: argparse.Namespace) -> int:
    """Rank the columns of a data file by their MI with a target column."""
    cols = _common(args)
    if args.target not in cols:
        raise CliError(f"target column {args.target!r} not in {list(cols)}")
    target = cols.pop(args.target)
    if not target.present.any():
        raise CliError(f"target column {args.target!r} has no values")
    results: list[list[Any]] = []
    progress = _Progress(len(cols))
    for i, (name, col) in enumerate(cols.items()):
        progress.step(i, name)
        rows = col.present & target.present  # rows where neither cell is missing
        if rows.sum() < 2:
            print(f"note: {name!r} skipped: fewer than 2 rows with both it and the target present", file=sys.stderr)
            continue
        values = col.at(rows)
        value, method = _estimate("mutual_info", values, target.at(rows), base=args.base, name=repr(name))
        if method != "ross" and values.dtype.kind not in "f" and len(np.unique(values)) > rows.sum() // 2:
            print(
                f"note: {name!r}: {len(np.unique(values))} distinct labels in {int(rows.sum())} rows, like an "
                "identifier: the plug-in MI of such a column with any target approaches H(target)",
                file=sys.stderr,
            )
        row: list[Any] = [name, value, _unit(args.base), method, int(rows.sum())]
        if args.pvalue or args.ci:
            row += _significance(args, values, target.at(rows), method)
        results.append(row)
    progress.done()
    results.sort(key=lambda r: (-float(r[1]), str(r[0])))
    fields = ["feature", "mi", "unit", "estimator", "rows"]
    fields += (["pvalue", "null_95"] if args.pvalue else []) + (["ci_low", "ci_high"] if args.ci else [])
    if args.plot:
        _plot_ranking(args, fields, results)
    _emit(args, fields, results)
    return 0


def _significance(args: argparse.Namespace, x: np.ndarray, y: np.ndarray, method: str) -> list[Any]:
    """p-value and null 95th percentile (``--pvalue``), interval (``--ci``), all seeded."""
    import warnings

    from infokit import estimate

    out: list[Any] = []
    scale = 1.0 if args.base is None else 1.0 / float(np.log(args.base))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the estimate above has given its notes
        if args.pvalue:
            test = estimate.mi_test(x, y, method=method, n_permutations=args.permutations, random_state=0)
            out += [float(test.pvalue), float(np.quantile(test.null_distribution, 0.95)) * scale]
        if args.ci:
            boot = estimate.mi_bootstrap(x, y, method=method, n_resamples=args.resamples, random_state=0)
            out += [float(boot.low) * scale, float(boot.high) * scale]
    return out


def _plot_ranking(args: argparse.Namespace, fields: list[str], results: list[list[Any]]) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise CliError("--plot needs matplotlib: pip install 'infokit[plot]'") from None
    from infokit import plot

    shown = results[: args.top] if args.top else results
    col = {f: i for i, f in enumerate(fields)}
    fig, ax = plt.subplots(figsize=(6, 0.6 + 0.3 * len(shown)))
    plot.ranking(
        [r[col["mi"]] for r in shown], [r[0] for r in shown], base=args.base, ax=ax,
        intervals=[(r[col["ci_low"]], r[col["ci_high"]]) for r in shown] if "ci_low" in col else None,
        null_threshold=[r[col["null_95"]] for r in shown] if "null_95" in col else None,
    )  # fmt: skip
    ax.set_title(f"MI with {args.target}")
    fig.tight_layout()
    try:
        fig.savefig(args.plot)
    except (OSError, ValueError) as e:
        raise CliError(f"--plot: cannot write {args.plot}: {e}") from None


def select(args: argparse.Namespace) -> int:
    """Greedy multivariate selection of the columns of a data file."""
    from infokit.feature_selection import select_features

    cols = _common(args)
    if args.target not in cols:
        raise CliError(f"target column {args.target!r} not in {list(cols)}")
    target = cols.pop(args.target)
    names = list(cols)
    if not names:
        raise CliError("no feature columns besides the target")
    rows = target.present.copy()
    for c in cols.values():
        rows &= c.present
    dropped = int((~rows).sum())
    if dropped:
        print(f"note: {dropped} row(s) with a missing cell left out", file=sys.stderr)
    if rows.sum() < 2:
        raise CliError("fewer than 2 rows have every cell present")
    import importlib.util

    if importlib.util.find_spec("pandas") is not None:
        import pandas as pd

        X: Any = pd.DataFrame({n: cols[n].at(rows) for n in names})
    else:
        X = np.column_stack([cols[n].at(rows) for n in names])
    if args.k and args.k > len(names):
        raise CliError(f"-k {args.k}: the file has {len(names)} feature columns besides the target")
    k = args.k if args.k else "auto"
    import warnings

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = select_features(
                X, target.at(rows), criterion=args.criterion, n_features_to_select=k, base=args.base, random_state=0
            )
    except (TypeError, ValueError) as e:
        raise CliError(str(e)) from None
    for w in caught:
        _NOTES.add("selection", str(w.message).split(". ")[0])
    out = [
        [step + 1, names[j], float(score), float(res.relevance[j]), _unit(args.base)]
        for step, (j, score) in enumerate(zip(res.ranking, res.scores))
    ]
    _emit(args, ["step", "feature", args.criterion, "relevance", "unit"], out)
    return 0


def matrix(args: argparse.Namespace) -> int:
    """MI between every pair of columns, one line per pair."""
    cols = _common(args)
    names = list(cols)
    out: list[list[Any]] = []
    progress = _Progress(len(names) * (len(names) - 1) // 2)
    done = 0
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            progress.step(done, f"{a} / {b}")
            done += 1
            rows = cols[a].present & cols[b].present
            if rows.sum() < 2:
                continue
            value, method = _estimate(
                "mutual_info", cols[a].at(rows), cols[b].at(rows), base=args.base, name=f"{a}/{b}"
            )
            out.append([a, b, value, _unit(args.base), method, int(rows.sum())])
    progress.done()
    out.sort(key=lambda r: (-float(r[2]), str(r[0]), str(r[1])))
    _emit(args, ["x", "y", "mi", "unit", "estimator", "rows"], out)
    return 0


def mi(args: argparse.Namespace) -> int:
    """I(X; Y) or I(X; Y | Z) of named columns (several names: a joint variable)."""
    cols = _common(args)
    xs, ys, zs = _names(args.x, cols, "--x"), _names(args.y, cols, "--y"), _names(args.z, cols, "--z")
    if not xs or not ys:
        raise CliError("--x and --y each need at least one column name")
    rows = np.ones(len(next(iter(cols.values())).present), dtype=bool)
    for n in [*xs, *ys, *zs]:
        rows &= cols[n].present
    if rows.sum() < 2:
        raise CliError("fewer than 2 rows have every named cell present")
    data = [_joint(cols, xs, rows), _joint(cols, ys, rows)]
    quantity = "mutual_info"
    if zs:
        data.append(_joint(cols, zs, rows))
        quantity = "conditional_mutual_info"
    label = f"I({','.join(xs)}; {','.join(ys)}" + (f" | {','.join(zs)})" if zs else ")")
    try:
        value, method = _estimate(quantity, *data, base=args.base, name=label)
    except (TypeError, ValueError) as e:
        raise CliError(str(e)) from None
    _emit(
        args,
        ["quantity", "value", "unit", "estimator", "rows"],
        [[label, value, _unit(args.base), method, int(rows.sum())]],
    )
    return 0


def _data_parser(sub: Any, name: str, help: str, description: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=description)
    p.add_argument("data", help="CSV, TSV (.tsv) or Parquet (.parquet) file with a header row")
    p.add_argument("--base", type=float, default=None, help="log base: 2 for bits (default: nats)")
    p.add_argument("--discrete", help="comma-separated columns to read as labels")
    p.add_argument("--continuous", help="comma-separated columns to read as numbers")
    p.add_argument(
        "--nan", choices=("omit", "raise"), default="omit",
        help="missing cells: leave their rows out of each estimate (omit, the default) or stop (raise)",
    )  # fmt: skip
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="JSON output (same fields as the table)")
    fmt.add_argument("--csv", dest="csv_out", action="store_true", help="CSV output (same fields as the table)")
    return p


_TYPES = (
    "Column types: integers, booleans and strings are labels (the discrete estimator), numbers "
    "with a decimal point are continuous (kNN estimators); --discrete / --continuous override. "
    "Blank and NA cells are missing: each estimate uses the rows where its columns are present."
)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``infokit`` command (see ``infokit --help``)."""
    try:
        return _main(argv)
    except BrokenPipeError:  # `infokit rank ... | head`: the reader left; end quietly
        sys.stderr.close()
        return 0


def _main(argv: Sequence[str] | None) -> int:
    import infokit

    parser = argparse.ArgumentParser(prog="infokit", description="Fast information theory.")
    parser.add_argument("--version", action="version", version=f"infokit {infokit.__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="run the demo on data shipped with infokit")
    p = sub.add_parser(
        "bench",
        help="time infokit beside the installed anchors (SciPy, scikit-learn)",
        description="A few rows of the README's speed table, timed now on this machine; each ratio is the "
        "anchor's median time over infokit's, for the same work on the same data.",
    )
    p.add_argument("--quick", action="store_true", help="a tenth of the data: seconds instead of a minute")
    p = _data_parser(
        sub, "rank", "rank columns by mutual information with a target",
        "One line per column: MI with the target, unit, the estimator that ran and the rows used. " + _TYPES,
    )  # fmt: skip
    p.add_argument("--target", required=True, help="name of the target column")
    p.add_argument("--top", type=int, default=None, help="print the N best only")
    p.add_argument("--pvalue", action="store_true", help="permutation p-value and the null's 95th percentile")
    p.add_argument("--permutations", type=int, default=199, help="permutations for --pvalue (default 199)")
    p.add_argument("--ci", action="store_true", help="95%% confidence interval (subsampling for kNN estimators)")
    p.add_argument("--resamples", type=int, default=200, help="resamples for --ci (default 200)")
    p.add_argument("--plot", metavar="FILE.png", help="also draw the ranking (needs matplotlib)")
    p = _data_parser(
        sub, "select", "greedy multivariate feature selection (JMI, mRMR, CMIM, ...)",
        "Selects columns one at a time by a criterion of infokit.feature_selection.select_features; "
        "rows with a missing cell are left out. " + _TYPES,
    )  # fmt: skip
    p.add_argument("--target", required=True, help="name of the target column")
    p.add_argument(
        "--criterion", default="jmi", help="mim, mifs, mrmr, mrmr_quotient, jmi, cife, cmim, icap, disr, jmim"
    )
    p.add_argument("-k", type=int, default=None, help="how many to select (default: until the criterion adds nothing)")
    p = _data_parser(sub, "matrix", "MI between every pair of columns", "One line per pair, best first. " + _TYPES)
    p.add_argument("--top", type=int, default=None, help="print the N best pairs only")
    p = _data_parser(
        sub, "mi", "I(X; Y) or I(X; Y | Z) of named columns",
        "Several comma-separated names make one joint variable. " + _TYPES,
    )  # fmt: skip
    p.add_argument("--x", required=True, help="comma-separated column names of X")
    p.add_argument("--y", required=True, help="comma-separated column names of Y")
    p.add_argument("--z", default=None, help="comma-separated column names of Z (conditional MI)")
    args = parser.parse_args(argv)
    if args.command == "demo":
        return demo()
    if args.command == "bench":
        from infokit._bench import run

        return run(quick=args.quick)
    if getattr(args, "top", None) is not None and args.top < 1:
        print("error: --top must be at least 1", file=sys.stderr)
        return 2
    if getattr(args, "k", None) is not None and args.k < 1:
        print("error: -k must be at least 1", file=sys.stderr)
        return 2
    for option, least in (("permutations", 1), ("resamples", 2)):
        if getattr(args, option, None) is not None and getattr(args, option) < least:
            print(f"error: --{option} must be at least {least}", file=sys.stderr)
            return 2
    command = {"rank": rank, "select": select, "matrix": matrix, "mi": mi}[args.command]
    try:
        return command(args)
    except CliError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        _NOTES.flush()
