"""KL = CE - H, KL's conventions at zero, and Jensen-Shannon beside SciPy.

* D_KL(P || Q) = CE(P, Q) - H(P), and KL is not symmetric.
* 0 log(0/0) = 0, 0 log(0/q) = 0 and p log(p/0) = inf.
* JS = (KL(P || M) + KL(Q || M)) / 2 with M = (P + Q) / 2, between 0 and ln 2;
  its square root is the distance scipy.spatial.distance.jensenshannon returns.

Run: python examples/kl_ce_identity.py
"""

from __future__ import annotations

import math

import numpy as np
from scipy.spatial.distance import jensenshannon

from infokit import dist

P = np.array([0.8, 0.2])
Q = np.array([0.5, 0.5])


def compute() -> dict:
    ce, h, kl = dist.cross_entropy(P, Q), dist.entropy(P), dist.kl_divergence(P, Q)
    return {
        "ce": float(ce),
        "h": float(h),
        "kl": float(kl),
        "ce_minus_h": float(ce - h),
        "kl_reverse": float(dist.kl_divergence(Q, P)),
        # The conventions at zero, each as a KL term that isolates it.
        "zero_over_zero": float(dist.kl_divergence([1.0, 0.0], [1.0, 0.0])),  # 0 log(0/0) = 0
        "zero_over_q": float(dist.kl_divergence([1.0, 0.0], [0.5, 0.5])),  # = log 2, 0 log(0/q) = 0
        "p_over_zero": float(dist.kl_divergence([0.5, 0.5], [1.0, 0.0])),  # p log(p/0) = inf
        "js": float(dist.js_divergence(P, Q)),
        "js_distance": float(dist.js_distance(P, Q)),
        "scipy_jensenshannon": float(jensenshannon(P, Q)),
        "js_disjoint": float(dist.js_divergence([1, 0], [0, 1])),
    }


def main() -> dict:
    r = compute()
    print(
        f"CE(P, Q) = {r['ce']:.6f}, H(P) = {r['h']:.6f}, CE - H = {r['ce_minus_h']:.6f}, "
        f"KL(P || Q) = {r['kl']:.6f} nats"
    )
    print(f"KL(Q || P) = {r['kl_reverse']:.6f} nats (not symmetric)")
    print(
        f"0 log 0/0 -> KL = {r['zero_over_zero']}, 0 log 0/q -> KL = {r['zero_over_q']:.6f} (= ln 2), "
        f"p log p/0 -> KL = {r['p_over_zero']}"
    )
    print(
        f"JS(P, Q) = {r['js']:.6f} nats; sqrt = {r['js_distance']:.6f}, "
        f"scipy jensenshannon = {r['scipy_jensenshannon']:.6f}"
    )
    print(f"JS of disjoint supports = {r['js_disjoint']:.6f} = ln 2 = {math.log(2):.6f}")
    return r


if __name__ == "__main__":
    main()
