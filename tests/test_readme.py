"""The README's tour runs as written (its python blocks share one namespace, in order)."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_tour_runs():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 4
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)
    # Spot-check figures the README quotes in its comments.
    assert abs(namespace["dist"].mutual_info(namespace["table"]) - 0.1286) < 5e-5
    assert abs(namespace["ie"].mutual_info(namespace["x"], namespace["y"]) - 0.2231) < 0.01


def test_readme_paths_exist():
    # Every repository path the README names (`examples/x.py`, `benchmarks/report.py`,
    # `tests/...`, folders) exists, so a rename cannot leave the README behind.
    root = README.parent
    text = README.read_text(encoding="utf-8")
    paths = set(re.findall(r"(?<![\w./-])((?:examples|benchmarks|tests|cpp|src|docs)/[\w./-]*)", text))
    assert paths, "the README names no repository paths"
    missing = sorted(p for p in paths if not (root / p.rstrip(".")).exists())
    assert not missing, f"README names paths that do not exist: {missing}"
