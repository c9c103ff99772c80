"""The seeds' worked table examples (examples/*.py) reproduce the seeds' numbers.

Each example script is run with runpy; its results are checked against values
computed here independently (the seeds' own loops, closed forms, SciPy).
"""

from __future__ import annotations

import math
import runpy
from pathlib import Path

import numpy as np
import pytest
from scipy.spatial.distance import jensenshannon

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _run(name: str, capsys) -> tuple[dict, str]:
    ns = runpy.run_path(str(EXAMPLES / name), run_name="__main__")
    printed = capsys.readouterr().out
    return ns["compute"](), printed


def _seed_loop_mi(joint_prob):
    # Seed 001's mutual_information(), verbatim in spirit: a loop over cells.
    p_x, p_y = joint_prob.sum(axis=1), joint_prob.sum(axis=0)
    mi = 0.0
    for i in range(joint_prob.shape[0]):
        for j in range(joint_prob.shape[1]):
            if joint_prob[i, j] > 0:
                mi += joint_prob[i, j] * math.log(joint_prob[i, j] / (p_x[i] * p_y[j]))
    return mi


def test_seed_001_joint_tables(capsys):
    res, printed = _run("seed_tables.py", capsys)
    independent = np.outer([0.3, 0.5, 0.2], [0.4, 0.4, 0.2])
    dependent = np.array([[0.30, 0.10, 0.02], [0.10, 0.15, 0.08], [0.05, 0.10, 0.10]])
    perfect = np.diag([0.33, 0.33, 0.34])
    # Independent: exactly 0 in exact arithmetic (the loop gives ~1e-17).
    assert res["independent"]["mi"] == pytest.approx(0.0, abs=1e-15)
    assert res["dependent"]["mi"] == pytest.approx(_seed_loop_mi(dependent), rel=1e-12)
    assert round(res["dependent"]["mi"], 4) == 0.1286
    # Y = X: I = H(X) = -(2 * 0.33 ln 0.33 + 0.34 ln 0.34).
    h = -(2 * 0.33 * math.log(0.33) + 0.34 * math.log(0.34))
    assert res["Y = X"]["mi"] == pytest.approx(h, rel=1e-13)
    assert res["Y = X"]["nmi"] == pytest.approx(1.0, rel=1e-15)
    for name, t in [("independent", independent), ("dependent", dependent), ("Y = X", perfect)]:
        assert res[name]["identity"] == pytest.approx(_seed_loop_mi(t), abs=1e-14)
    np.testing.assert_allclose(res["stacked"], [res[n]["mi"] for n in ("independent", "dependent", "Y = X")],
                               rtol=1e-14, atol=1e-15)
    assert "I(X;Y) = 0.1286 nats" in printed and "I(X;Y) = 1.0985 nats" in printed


def test_seed_004_coin_entropies(capsys):
    res, printed = _run("coin_entropy.py", capsys)
    assert res["bits"]["fair 5:5"] == 1.0
    biased = -(0.8 * math.log2(0.8) + 0.2 * math.log2(0.2))  # 0.7219...
    assert res["bits"]["bent 8:2"] == pytest.approx(biased, rel=1e-14)
    assert round(res["bits"]["bent 8:2"], 3) == 0.722
    assert res["bits"]["always heads"] == 0.0
    np.testing.assert_allclose(res["rows"], [1.0, biased, 0.0], rtol=1e-14)
    assert res["argmax_p"] == 0.5 and res["max_bits"] == 1.0
    assert "0.722 bits" in printed


def test_seeds_002_003_000_kl_ce_js(capsys):
    res, printed = _run("kl_ce_identity.py", capsys)
    # Closed forms for P = (0.8, 0.2), Q = (0.5, 0.5), in nats.
    ce = math.log(2)
    h = -(0.8 * math.log(0.8) + 0.2 * math.log(0.2))
    kl = 0.8 * math.log(0.8 / 0.5) + 0.2 * math.log(0.2 / 0.5)
    kl_rev = 0.5 * math.log(0.5 / 0.8) + 0.5 * math.log(0.5 / 0.2)
    assert res["ce"] == pytest.approx(ce, rel=1e-15)
    assert res["h"] == pytest.approx(h, rel=1e-14)
    assert res["kl"] == pytest.approx(kl, rel=1e-13)
    assert res["ce_minus_h"] == pytest.approx(res["kl"], rel=1e-13)
    assert res["kl_reverse"] == pytest.approx(kl_rev, rel=1e-13) and res["kl_reverse"] != res["kl"]
    assert res["zero_over_zero"] == 0.0
    assert res["zero_over_q"] == pytest.approx(math.log(2), rel=1e-15)
    assert res["p_over_zero"] == math.inf
    m = (0.65, 0.35)
    js = 0.5 * (0.8 * math.log(0.8 / m[0]) + 0.2 * math.log(0.2 / m[1])) + \
        0.5 * (0.5 * math.log(0.5 / m[0]) + 0.5 * math.log(0.5 / m[1]))
    assert res["js"] == pytest.approx(js, rel=1e-13)
    assert res["js_distance"] == pytest.approx(jensenshannon([0.8, 0.2], [0.5, 0.5]), rel=1e-13)
    assert res["scipy_jensenshannon"] == pytest.approx(math.sqrt(js), rel=1e-13)
    assert res["js_disjoint"] == pytest.approx(math.log(2), rel=1e-15)
    assert "KL(P || Q) = 0.192745" in printed
