"""Three 3x3 joint tables and their mutual information.

I(X; Y) = sum p(x, y) log(p(x, y) / (p(x) p(y))), a loop over the cells of a
joint table p(x, y) when written by hand, for three cases:

* independent: the outer product of p(x) = [0.3, 0.5, 0.2] and
  p(y) = [0.4, 0.4, 0.2], I = 0;
* dependent (weather vs ice cream): I = 0.1286 nats;
* Y = X (diagonal 0.33 / 0.33 / 0.34), I = H(X) = 1.0985 nats.

infokit does each in one call, and the identity
I(X; Y) = H(X) + H(Y) - H(X, Y) checks it. All figures in nats.

Run: python examples/joint_tables_mi.py
"""

from __future__ import annotations

import numpy as np

from infokit import dist

P_X = np.array([0.3, 0.5, 0.2])
P_Y = np.array([0.4, 0.4, 0.2])
TABLES = {
    "independent": np.outer(P_X, P_Y),
    "dependent": np.array(
        [
            [0.30, 0.10, 0.02],
            [0.10, 0.15, 0.08],
            [0.05, 0.10, 0.10],
        ]
    ),
    "Y = X": np.array(
        [
            [0.33, 0.00, 0.00],
            [0.00, 0.33, 0.00],
            [0.00, 0.00, 0.34],
        ]
    ),
}


def compute() -> dict:
    out = {}
    for name, t in TABLES.items():
        hx, hy = dist.entropy(t.sum(axis=1)), dist.entropy(t.sum(axis=0))
        out[name] = {
            "mi": float(dist.mutual_info(t)),
            "identity": float(hx + hy - dist.joint_entropy(t)),  # H(X) + H(Y) - H(X, Y)
            "h_x": float(hx),
            "nmi": float(dist.normalized_mutual_info(t)),
        }
    # All three at once: stack the tables and name the X and Y axes.
    out["stacked"] = dist.mutual_info(np.stack(list(TABLES.values())), axes=(1, 2))
    return out


def main() -> dict:
    res = compute()
    for name in TABLES:
        r = res[name]
        print(
            f"{name:>11s}: I(X;Y) = {r['mi']:.4f} nats  "
            f"(H(X)+H(Y)-H(X,Y) = {r['identity']:.4f}, H(X) = {r['h_x']:.4f}, NMI = {r['nmi']:.4f})"
        )
    print("stacked:", np.round(res["stacked"], 4))
    return res


if __name__ == "__main__":
    main()
