"""Print the speed-up table the README shows, from one pytest-benchmark run.

Usage::

    python benchmarks/report.py                   # runs every benchmark, then prints
    python benchmarks/report.py -k discrete       # extra args go to pytest
    python benchmarks/report.py --json run.json   # only format an existing run

Every benchmark stores ``extra_info["impl"]`` (its implementation's name, from
the vocabulary ``IMPLS`` of ``benchmarks/conftest.py``) and
``extra_info["anchor"] = True`` for the library it is compared with. The
speed-up of each implementation is the anchor's median divided by its own,
both timed in the same run on the same machine. The table ends with the
meaning of every implementation name it shows.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections import defaultdict
from importlib import metadata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conftest import IMPLS  # the suites' vocabulary, beside this script


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _fmt_time(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def table(data: dict) -> str:
    groups: dict[str, list[dict]] = defaultdict(list)
    for b in data["benchmarks"]:
        groups[b.get("group") or b["name"]].append(b)
    lines = [
        f"Machine: {_cpu()}, {os.cpu_count()} cores; Python {platform.python_version()}; "
        + ", ".join(
            f"{d} {_version(d)}" for d in ("infokit", "numpy", "scipy", "scikit-learn", "torch") if _version(d) != "-"
        ),
        "",
        "| benchmark | implementation | median | anchor | speed-up vs anchor |",
        "|---|---|---|---|---|",
    ]
    for group in sorted(groups):
        rows = groups[group]
        anchors = [b for b in rows if b.get("extra_info", {}).get("anchor")]
        anchor = min(anchors, key=lambda b: b["stats"]["median"]) if anchors else None
        for b in sorted(rows, key=lambda b: b["stats"]["median"]):
            info = b.get("extra_info", {})
            if info.get("anchor"):
                continue
            impl = info.get("impl", b["name"])
            med = b["stats"]["median"]
            if anchor is None:
                lines.append(f"| {group} | {impl} | {_fmt_time(med)} | - | - |")
                continue
            a_med = anchor["stats"]["median"]
            a_name = anchor["extra_info"].get("impl", anchor["name"])
            lines.append(f"| {group} | {impl} | {_fmt_time(med)} | {a_name} {_fmt_time(a_med)} | {a_med / med:.1f}x |")
    shown = sorted({b.get("extra_info", {}).get("impl", b["name"]) for b in data["benchmarks"]})
    lines += ["", "Implementations: " + "; ".join(f"`{name}` = {IMPLS.get(name, '(not in IMPLS)')}" for name in shown)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="format this pytest-benchmark JSON instead of running")
    args, pytest_args = parser.parse_known_args(argv)
    if args.json:
        with open(args.json) as f:
            data = json.load(f)
    else:
        here = os.path.dirname(os.path.abspath(__file__))
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "run.json")
            bench_args = ["--benchmark-only", f"--benchmark-json={out}", "-q"]
            cmd = [sys.executable, "-m", "pytest", here, *bench_args, *pytest_args]
            # OpenBLAS threads spin for a while after each BLAS call (the data
            # generators use X @ b) and steal cores from whatever is timed next;
            # no benchmarked code path uses BLAS, so pin it to one thread.
            env = {**os.environ, "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1")}
            rc = subprocess.call(cmd, env=env)
            if rc not in (0, 5) or not os.path.exists(out):
                return rc or 1
            with open(out) as f:
                data = json.load(f)
    print(table(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
