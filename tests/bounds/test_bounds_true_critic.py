"""The true-critic experiment: the bounds evaluated with S_ij = log p(y_j | x_i) - log p(y_j).

x ~ N(0, I_20), y = rho x + sqrt(1 - rho^2) eps coordinate-wise, so
I(X; Y) = -10 log(1 - rho^2) nats; rho is chosen for I in {2, 6, 10}. Batches
of N = 64, 200 seeded batches per I. The published means (InfoNCE, NWJ(S + 1),
DV) must be reproduced within a few standard errors of the mean; the tests
also pin the convention that reproduces them: DV's negative term over the
off-diagonal pairs. Over all N^2 pairs (diagonal included) the "DV" means
are about 1.5 / 0.3 / -0.9 instead, far from the published 2.02 / 6.27 / 11.37.

The standard errors are the batch standard deviations over sqrt(200); the
DV and NWJ batch values are heavy-tailed at I = 10 (the mean of exp S over
negatives is dominated by rare large terms), so 200 batches estimate their
own spread loosely: the tolerance is 4 standard errors.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import logsumexp

import infokit.bounds as B

D, N, BATCHES = 20, 64, 200

# I (nats): published means of InfoNCE, NWJ(S + 1), DV, and the batch spread of NWJ.
PUBLISHED = {
    2: {"infonce": 1.82, "nwj_js": 2.01, "dv": 2.02, "nwj_sd": 0.2},
    6: {"infonce": 3.74, "nwj_js": 6.06, "dv": 6.27, "nwj_sd": 1.0},
    10: {"infonce": 4.12, "nwj_js": 10.26, "dv": 11.37, "nwj_sd": 3.0},
}


def true_critic_scores(rng: np.random.Generator, mi: float, n: int = N, d: int = D) -> np.ndarray:
    """S[i, j] = log p(y_j | x_i) - log p(y_j) for one batch of the Gaussian pair with I = mi nats."""
    rho2 = 1.0 - np.exp(-mi / (d / 2))
    rho, v = np.sqrt(rho2), 1.0 - rho2
    x = rng.standard_normal((n, d))
    y = rho * x + np.sqrt(v) * rng.standard_normal((n, d))
    sq = ((y[None, :, :] - rho * x[:, None, :]) ** 2).sum(axis=-1)
    return -0.5 * d * np.log(v) - sq / (2 * v) + 0.5 * (y**2).sum(axis=-1)[None, :]


def _run(mi: float, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    out: dict[str, list[float]] = {"infonce": [], "nwj_js": [], "dv": [], "dv_all_pairs": []}
    for _ in range(BATCHES):
        s = true_critic_scores(rng, mi)
        out["infonce"].append(B.infonce(s).value)
        out["nwj_js"].append(B.nwj_js(s).value)
        out["dv"].append(B.dv(s).value)
        out["dv_all_pairs"].append(np.mean(np.diag(s)) - (logsumexp(s) - np.log(s.size)))
    return {k: np.array(v) for k, v in out.items()}


@pytest.fixture(scope="module")
def runs():
    return {mi: _run(mi) for mi in PUBLISHED}


def test_the_critic_is_the_log_density_ratio():
    # E_{p(x)p(y)}[exp S] = 1 and E_p[S] = I: checked on one large batch.
    rng = np.random.default_rng(1)
    s = true_critic_scores(rng, 2.0, n=1500)
    assert np.mean(np.diag(s)) == pytest.approx(2.0, abs=0.1)
    assert np.exp(B.logmeanexp(s, exclude_diagonal=True)) == pytest.approx(1.0, abs=0.1)


@pytest.mark.parametrize("mi", list(PUBLISHED))
@pytest.mark.parametrize("bound", ["infonce", "nwj_js", "dv"])
def test_reproduces_the_published_means(runs, mi, bound):
    values = runs[mi][bound]
    sem = values.std(ddof=1) / np.sqrt(BATCHES)
    assert abs(values.mean() - PUBLISHED[mi][bound]) <= 4 * sem + 0.01, (values.mean(), sem)


@pytest.mark.parametrize("mi", list(PUBLISHED))
def test_nwj_batch_spread(runs, mi):
    # "about 0.2 / 1 / 3": at I = 10 the spread of 200 heavy-tailed batch
    # values itself varies by a factor of ~4 between seeds (1.4 for seed 0,
    # 6.3 for seed 1234), so only the order of magnitude is checked.
    sd = runs[mi]["nwj_js"].std(ddof=1)
    assert PUBLISHED[mi]["nwj_sd"] / 3 <= sd <= PUBLISHED[mi]["nwj_sd"] * 3


def test_infonce_saturates_at_log_n(runs):
    assert runs[10]["infonce"].mean() < np.log(N)
    assert np.log(N) - runs[10]["infonce"].mean() < 0.1


@pytest.mark.parametrize("mi", list(PUBLISHED))
def test_dv_over_all_pairs_does_not_reproduce(runs, mi):
    # The published DV figures use the off-diagonal pairs only (infokit's dv);
    # including the diagonal pulls the estimate far below them.
    all_pairs = runs[mi]["dv_all_pairs"]
    sem = all_pairs.std(ddof=1) / np.sqrt(BATCHES)
    assert PUBLISHED[mi]["dv"] - all_pairs.mean() > 10 * sem + 0.3
