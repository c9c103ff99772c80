"""The README's tour runs as written: each python block on its own, as a reader pastes it."""

import importlib.util
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_tour_runs():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 4
    spaces = []
    have_torch = importlib.util.find_spec("torch") is not None
    for block in blocks:
        if "import torch" in block and not have_torch:
            continue  # the infokit.torch tour needs the optional torch
        namespace: dict = {}  # a fresh namespace per block: no block leans on another
        exec(compile(block, str(README), "exec"), namespace)
        spaces.append(namespace)
    # Spot-check figures the README quotes in its comments.
    tables, samples = spaces[0], spaces[2]
    assert abs(tables["dist"].mutual_info(tables["table"]) - 0.1286) < 5e-5
    assert abs(samples["ie"].mutual_info(samples["x"], samples["y"]) - 0.2231) < 0.01
    selection = next(ns for ns in spaces if "select_features" in ns)
    run = selection["select_features"]
    X, y = selection["X"], selection["y"]
    assert run(X, y, criterion="jmi", n_features_to_select=2).ranking.tolist() == [1, 4]
    assert run(X, y, criterion="mrmr", n_features_to_select=2).ranking.tolist()[1] != 4


def test_readme_paths_exist():
    # Every repository path the README names (`examples/x.py`, `benchmarks/report.py`,
    # `tests/...`, folders) exists, so a rename cannot leave the README behind.
    root = README.parent
    text = README.read_text(encoding="utf-8")
    paths = set(re.findall(r"(?<![\w./-])((?:examples|benchmarks|tests|cpp|src|docs)/[\w./-]*)", text))
    assert paths, "the README names no repository paths"
    missing = sorted(p for p in paths if not (root / p.rstrip(".")).exists())
    assert not missing, f"README names paths that do not exist: {missing}"
