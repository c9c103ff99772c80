"""Y = X^2 + noise: correlation misses the dependence, mutual information sees it.

The tutorials' example: X ~ U(-2, 2), Y = X^2 + 0.1 N(0, 1), n = 10000. The
correlation is ~0 (the dependence is symmetric), while the MI is large. Three
estimates beside the truth:

* the tutorials' own 30-bin histogram estimator (NumPy, as they write it);
* ``infokit.estimate.mutual_info(x, y, method="histogram", bins=30)``: the same
  number (the same bins and the plug-in on them);
* KSG (``method="ksg"``, the default for floats), which approaches the truth.

The truth is I = h(Y) - h(noise), h(Y) integrated numerically from
p(y) = int p(x) N(y; x^2, 0.1^2) dx: 2.1775 nats. Thirty bins estimate the MI
of the binned variables, which is smaller (1.87 nats even as n grows): binning
loses the information finer than a bin.

Run: python examples/nonlinear_mi_binning.py
"""

import math

import numpy as np

import infokit.estimate as ie


def mi_binned(x, y, bins=30):
    """The tutorials' histogram MI (their code, unchanged but for the names)."""
    joint_hist, _, _ = np.histogram2d(x, y, bins=bins)
    joint_prob = joint_hist / joint_hist.sum()
    joint_prob = joint_prob[joint_prob > 0]
    marginal_x = np.histogram(x, bins=bins)[0].astype(float)
    marginal_x /= marginal_x.sum()
    marginal_y = np.histogram(y, bins=bins)[0].astype(float)
    marginal_y /= marginal_y.sum()
    h_x = -np.sum(marginal_x[marginal_x > 0] * np.log(marginal_x[marginal_x > 0]))
    h_y = -np.sum(marginal_y[marginal_y > 0] * np.log(marginal_y[marginal_y > 0]))
    h_xy = -np.sum(joint_prob * np.log(joint_prob))
    return h_x + h_y - h_xy


def true_mi(noise: float = 0.1) -> float:
    """I(X; Y) = h(Y) - h(noise) by the trapezoid rule (grid error below 1e-4)."""
    xs = np.linspace(-2, 2, 4001)
    ys = np.linspace(-8 * noise, 4 + 8 * noise, 2001)
    dens = np.exp(-0.5 * ((ys[:, None] - xs[None, :] ** 2) / noise) ** 2) / (noise * math.sqrt(2 * math.pi))
    trapezoid = np.trapezoid if hasattr(np, "trapezoid") else np.trapz  # noqa: NPY201 (NumPy < 2)
    p_y = trapezoid(dens / 4.0, xs, axis=1)
    h_y = -trapezoid(np.where(p_y > 0, p_y * np.log(np.where(p_y > 0, p_y, 1.0)), 0.0), ys)
    return float(h_y - 0.5 * math.log(2 * math.pi * math.e * noise**2))


def compute(n: int = 10_000, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2, 2, n)
    y = x**2 + 0.1 * rng.standard_normal(n)
    return {
        "corr": float(np.corrcoef(x, y)[0, 1]),
        "tutorial_bins": float(mi_binned(x, y)),
        "histogram": float(ie.mutual_info(x, y, method="histogram", bins=30)),
        "ksg": float(ie.mutual_info(x, y)),
        "truth": true_mi(),
    }


def main() -> dict:
    r = compute()
    print(f"corr(X, Y)                        {r['corr']:+.4f}   (misses the dependence)")
    print(f"MI, the tutorials' 30 bins        {r['tutorial_bins']:.4f} nats")
    print(f"MI, infokit method='histogram'    {r['histogram']:.4f} nats (the same bins)")
    print(f"MI, infokit KSG (k = 3)           {r['ksg']:.4f} nats")
    print(f"MI, truth (numerical integration) {r['truth']:.4f} nats")
    return r


if __name__ == "__main__":
    main()
