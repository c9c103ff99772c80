"""The scripts in examples/ run and reproduce their worked examples.

Each script is run with runpy; its results are checked against values computed
here independently (a cell-by-cell loop, closed forms, SciPy, scikit-learn).
Every script in examples/ must have a check here (``test_every_example_is_checked``),
so a new example cannot go untested.
"""

from __future__ import annotations

import math
import runpy
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.spatial.distance import jensenshannon

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# Every example script and the test that checks it.
CHECKED = {
    "coin_entropy.py": "test_coin_entropy",
    "feature_selection_pipeline.py": "test_feature_selection_pipeline_matches_sklearn",
    "gaussian_mi_table.py": "test_gaussian_mi_table_matches_closed_form",
    "joint_tables_mi.py": "test_joint_tables_mi",
    "kl_ce_identity.py": "test_kl_ce_identity_and_js",
    "nonlinear_mi_binning.py": "test_nonlinear_mi_binning",
    "variational_bounds.py": "test_variational_bounds_match_the_tutorial_code",
    "vib_kl_term.py": "test_vib_kl_term",
    "torch_deep_infomax_jsd.py": "test_torch_deep_infomax_jsd",
    "torch_infonce_bound.py": "test_torch_infonce_bound",
    "torch_mine_dv.py": "test_torch_mine_dv",
    "torch_vib_kl.py": "test_torch_vib_kl",
}


def _run(name: str, capsys) -> tuple[dict, str]:
    ns = runpy.run_path(str(EXAMPLES / name), run_name="__main__")
    printed = capsys.readouterr().out
    return ns["compute"](), printed


def _loop_mi(joint_prob):
    # I(X; Y) written as the textbook loop over cells, in nats.
    p_x, p_y = joint_prob.sum(axis=1), joint_prob.sum(axis=0)
    mi = 0.0
    for i in range(joint_prob.shape[0]):
        for j in range(joint_prob.shape[1]):
            if joint_prob[i, j] > 0:
                mi += joint_prob[i, j] * math.log(joint_prob[i, j] / (p_x[i] * p_y[j]))
    return mi


def test_every_example_is_checked():
    scripts = sorted(p.name for p in EXAMPLES.glob("*.py"))
    assert scripts == sorted(CHECKED), "add a check for each new example to CHECKED and this module"
    for test_name in CHECKED.values():
        assert callable(globals().get(test_name)), test_name


def test_joint_tables_mi(capsys):
    res, printed = _run("joint_tables_mi.py", capsys)
    independent = np.outer([0.3, 0.5, 0.2], [0.4, 0.4, 0.2])
    dependent = np.array([[0.30, 0.10, 0.02], [0.10, 0.15, 0.08], [0.05, 0.10, 0.10]])
    perfect = np.diag([0.33, 0.33, 0.34])
    # Independent: exactly 0 in exact arithmetic (the loop gives ~1e-17).
    assert res["independent"]["mi"] == pytest.approx(0.0, abs=1e-15)
    assert res["dependent"]["mi"] == pytest.approx(_loop_mi(dependent), rel=1e-12)
    assert round(res["dependent"]["mi"], 4) == 0.1286
    # Y = X: I = H(X) = -(2 * 0.33 ln 0.33 + 0.34 ln 0.34).
    h = -(2 * 0.33 * math.log(0.33) + 0.34 * math.log(0.34))
    assert res["Y = X"]["mi"] == pytest.approx(h, rel=1e-13)
    assert res["Y = X"]["nmi"] == pytest.approx(1.0, rel=1e-15)
    for name, t in [("independent", independent), ("dependent", dependent), ("Y = X", perfect)]:
        assert res[name]["identity"] == pytest.approx(_loop_mi(t), abs=1e-14)
    stacked = [res[n]["mi"] for n in ("independent", "dependent", "Y = X")]
    assert_allclose(res["stacked"], stacked, rtol=1e-14, atol=1e-15)
    assert "I(X;Y) = 0.1286 nats" in printed and "I(X;Y) = 1.0985 nats" in printed


def test_coin_entropy(capsys):
    res, printed = _run("coin_entropy.py", capsys)
    assert res["bits"]["fair 5:5"] == 1.0
    biased = -(0.8 * math.log2(0.8) + 0.2 * math.log2(0.2))  # 0.7219...
    assert res["bits"]["bent 8:2"] == pytest.approx(biased, rel=1e-14)
    assert round(res["bits"]["bent 8:2"], 3) == 0.722
    assert res["bits"]["always heads"] == 0.0
    assert_allclose(res["rows"], [1.0, biased, 0.0], rtol=1e-14)
    assert res["argmax_p"] == 0.5 and res["max_bits"] == 1.0
    assert "0.722 bits" in printed


def test_kl_ce_identity_and_js(capsys):
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
    js_p = 0.8 * math.log(0.8 / m[0]) + 0.2 * math.log(0.2 / m[1])
    js_q = 0.5 * math.log(0.5 / m[0]) + 0.5 * math.log(0.5 / m[1])
    js = 0.5 * (js_p + js_q)
    assert res["js"] == pytest.approx(js, rel=1e-13)
    assert res["js_distance"] == pytest.approx(jensenshannon([0.8, 0.2], [0.5, 0.5]), rel=1e-13)
    assert res["scipy_jensenshannon"] == pytest.approx(math.sqrt(js), rel=1e-13)
    assert res["js_disjoint"] == pytest.approx(math.log(2), rel=1e-15)
    assert "KL(P || Q) = 0.192745" in printed


def test_gaussian_mi_table_matches_closed_form(capsys):
    mod = runpy.run_path(str(EXAMPLES / "gaussian_mi_table.py"))
    rows = mod["main"](n=20_000)
    assert len(rows) == 6
    for rho, truth, est in rows:
        assert truth == pytest.approx(-0.5 * math.log1p(-(rho**2)), rel=1e-12, abs=0)
        # KSG-1 (k = 3) at n = 2e4: standard deviation ~0.005 nats (Kraskov et
        # al. 2004, fig. 4) and a bias below 0.01 nats for these rho; 0.03 is
        # about 5 standard deviations.
        assert abs(est - truth) < 0.03, (rho, truth, est)
    assert "closed form" in capsys.readouterr().out


def test_gaussian_mi_table_reproduces_the_tutorial(capsys):
    mod = runpy.run_path(str(EXAMPLES / "gaussian_mi_table.py"))
    rows = mod["table"](n=20_000)
    # The tutorial's printed figures (4 decimals) and its formula.
    printed = {0.0: 0.0, 0.3: 0.0472, 0.5: 0.1438, 0.7: 0.3367, 0.9: 0.8304, 0.99: 1.9585}
    for r in rows:
        rho = r["rho"]
        assert round(r["from_rho"], 4) == printed[rho] == round(r["from_cov"], 4)
        assert r["from_rho"] == pytest.approx(r["tutorial"], rel=1e-12, abs=1e-300)
        assert r["from_cov"] == pytest.approx(r["from_rho"], rel=1e-12, abs=1e-300)
        assert r["rho_back"] == pytest.approx(rho, rel=1e-12, abs=1e-300)
        se = max(rho, 0.01) / math.sqrt(20_000)  # the Gaussian fit's standard error of the MI
        assert abs(r["gaussian"] - r["from_rho"]) < 5 * se + 1e-4
        assert abs(r["gcmi"] - r["from_rho"]) < 5 * se + 2e-3


def test_vib_kl_term(capsys):
    res, printed = _run("vib_kl_term.py", capsys)
    assert res["infokit_total"] == pytest.approx(res["tutorial"], rel=1e-12)
    assert res["per_row"].shape == (256,)
    assert_allclose(res["gaussian_kl"], res["per_row"], rtol=1e-12)
    assert res["near_infokit"] == pytest.approx(32 * 1e-18 / 4, rel=1e-8)
    assert abs(res["near_tutorial"] - 8e-18) > 1e-18  # the formula's cancellation
    assert "VIB KL term" in printed


def test_feature_selection_pipeline_matches_sklearn(capsys):
    pytest.importorskip("sklearn")
    result = runpy.run_path(str(EXAMPLES / "feature_selection_pipeline.py"))["main"]()
    out = capsys.readouterr().out
    assert "Pipeline trained with MI-based feature selection." in out
    assert len(result["selected"]) == 15
    # scikit-learn's jitter is 1e-10 * max(1, mean|x|), a few 1e-10 on these
    # scaled features: like infokit's, far below the gaps between distances,
    # so both produce the same neighbour counts.
    assert_allclose(result["mi"], result["mi_sklearn"], rtol=1e-10, atol=0)


def test_nonlinear_mi_binning(capsys):
    res, printed = _run("nonlinear_mi_binning.py", capsys)
    # infokit's histogram estimator is the tutorials' 30-bin code, to rounding.
    assert res["histogram"] == pytest.approx(res["tutorial_bins"], rel=1e-12)
    # The truth, integrated here independently on a finer grid with SciPy's quad.
    from scipy import integrate

    def p_y(v):
        return integrate.quad(
            lambda u: np.exp(-0.5 * ((v - u * u) / 0.1) ** 2) / (0.1 * math.sqrt(2 * math.pi)) / 4, -2, 2
        )[0]

    grid = np.linspace(-0.8, 4.8, 561)
    dens = np.array([p_y(v) for v in grid])
    h_y = -np.trapezoid(np.where(dens > 0, dens * np.log(np.where(dens > 0, dens, 1.0)), 0.0), grid)
    truth = h_y - 0.5 * math.log(2 * math.pi * math.e * 0.01)
    assert res["truth"] == pytest.approx(truth, abs=1e-3)
    assert abs(res["corr"]) < 0.05
    assert res["ksg"] == pytest.approx(res["truth"], abs=0.05)  # KSG at n = 1e4: within 0.05 nats
    assert res["histogram"] < res["truth"] - 0.2  # 30 bins lose what is finer than a bin
    assert "truth" in printed


def test_variational_bounds_match_the_tutorial_code(capsys):
    res, printed = _run("variational_bounds.py", capsys)
    # DV over every off-diagonal pair: the plain NumPy expression and infokit agree.
    assert res["dv"] == pytest.approx(res["dv_plain"], rel=1e-12)
    assert res["mine"] == res["dv"]
    # The tutorial's one-shuffle MINE is the same estimator with more noise:
    # its shuffles scatter around the all-pairs value.
    shuffles = np.array(res["mine_shuffles"])
    assert abs(shuffles.mean() - res["dv"]) < 3 * shuffles.std() / np.sqrt(len(shuffles)) + 0.02
    # True critic, N = 512: DV sits near the true MI (a few tenths above, the log of a batch mean).
    assert abs(res["dv"] - res["true_mi"]) < 0.3
    # InfoNCE = log N - cross-entropy, below its cap.
    assert res["infonce"] == pytest.approx(res["infonce_plain"], rel=1e-12)
    assert res["infonce"] <= res["infonce_cap"] == pytest.approx(math.log(256))
    assert "I >= log N - loss" in printed


# The PyTorch examples: skipped (visibly) when torch is not installed; each
# script itself prints a note and exits 0 then.


def _run_main(name: str, capsys) -> tuple[dict, str]:
    pytest.importorskip("torch")
    ns = runpy.run_path(str(EXAMPLES / name))
    result = ns["main"]()
    return result, capsys.readouterr().out


def test_torch_infonce_bound(capsys):
    res, printed = _run_main("torch_infonce_bound.py", capsys)
    assert res["infokit_loss"] == pytest.approx(res["loss"], rel=1e-6)
    assert res["lean_loss"] == pytest.approx(res["loss"], rel=1e-6)
    assert res["infokit_bound"] == pytest.approx(res["bound"], abs=1e-5)
    assert res["bound"] <= math.log(256)
    assert "I(X;Y) >= log(N) - loss" in printed


def test_torch_vib_kl(capsys):
    res, printed = _run_main("torch_vib_kl.py", capsys)
    assert res["infokit"] == pytest.approx(res["plain"], rel=1e-5)
    assert res["per_row_sum"] == pytest.approx(res["plain"], rel=1e-5)
    assert res["tiny_infokit"] == pytest.approx(res["tiny_exact"], rel=1e-3)
    assert abs(res["tiny_plain"] - res["tiny_exact"]) > 0.5 * res["tiny_exact"]  # the cancellation
    assert "KL term" in printed


def test_torch_deep_infomax_jsd(capsys):
    res, printed = _run_main("torch_deep_infomax_jsd.py", capsys)
    assert res["infokit"] == pytest.approx(res["all_pairs"], rel=1e-5)
    # one shuffle estimates the same expectation with 1/(N - 1) of the negatives
    assert abs(res["shuffled"] - res["all_pairs"]) < 0.2
    assert "-infokit.torch.js(S)" in printed


def test_torch_mine_dv(capsys):
    res, printed = _run_main("torch_mine_dv.py", capsys)
    assert res["infokit"] == pytest.approx(res["plain"], rel=1e-5)
    assert abs(res["infokit"] - res["truth"]) < 0.25
    assert abs(res["tutorial"] - res["truth"]) < 0.35
    assert "closed form" in printed
